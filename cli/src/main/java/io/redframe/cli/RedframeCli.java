package io.redframe.cli;

import io.redframe.FrameStore;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code redframe} command. Exit codes: 0 success, 1 failure (one line on stderr; a stack trace
 * only with {@code --debug}), 2 usage error.
 */
@Command(
    name = "redframe",
    mixinStandardHelpOptions = true,
    versionProvider = RedframeCli.Version.class,
    description = "Data frames and arrays in Redis: save, load, list and watch them.",
    subcommands = {
      PutCommand.class,
      GetCommand.class,
      ListCommand.class,
      InfoCommand.class,
      HistoryCommand.class,
      RemoveCommand.class,
      WatchCommand.class,
      ServerCommand.class,
      BenchCommand.class,
      SqlCommand.class,
      WorkerCommand.class,
      JobsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class RedframeCli implements Callable<Integer> {
  @Option(
      names = "--url",
      paramLabel = "URL",
      scope = CommandLine.ScopeType.INHERIT,
      description =
          "Store URL (redis://, rediss://, embedded:[dir]). Default: $REDFRAME_URL, else embedded:")
  String url;

  @Option(
      names = {"-q", "--quiet"},
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print only results.")
  boolean quiet;

  @Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of failures.")
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // The platform's charset, as System.out's own: what the terminal expects.
    Charset terminal = Charset.defaultCharset();
    System.exit(
        run(
            args,
            new PrintWriter(System.out, true, terminal),
            new PrintWriter(System.err, true, terminal)));
  }

  /** Runs the command line; returns the exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    RedframeCli cli = new RedframeCli();
    CommandLine commandLine = new CommandLine(cli);
    commandLine.setOut(out);
    commandLine.setErr(err);
    addHelpOptions(commandLine);
    commandLine.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          err.println("redframe: " + message(e));
          if (cli.debug) {
            e.printStackTrace(err);
          }
          return 1;
        });
    return commandLine.execute(args);
  }

  /** {@code -h} and {@code --help} on every subcommand, at every depth. */
  private static void addHelpOptions(CommandLine command) {
    for (CommandLine sub : command.getSubcommands().values()) {
      if (sub.getCommandSpec().findOption("--help") == null) {
        sub.getCommandSpec()
            .addMixin("help", CommandLine.Model.CommandSpec.forAnnotatedObject(new HelpOption()));
      }
      addHelpOptions(sub);
    }
  }

  /** The help option every subcommand has. */
  static final class HelpOption {
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help message and exit.")
    boolean help;
  }

  private static String message(Throwable e) {
    Throwable shown = e;
    while ((shown.getMessage() == null || shown instanceof java.io.UncheckedIOException)
        && shown.getCause() != null) {
      shown = shown.getCause();
    }
    if (shown instanceof java.nio.file.FileSystemException file) {
      return fileProblem(file);
    }
    String message =
        shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /** A file system failure in words: the path and what is wrong with it. */
  private static String fileProblem(java.nio.file.FileSystemException e) {
    String reason = e.getReason();
    if (reason == null) {
      reason =
          switch (e.getClass().getSimpleName()) {
            case "AccessDeniedException" -> "permission denied";
            case "NoSuchFileException" -> "no such file or folder";
            case "FileAlreadyExistsException" -> "already exists";
            case "DirectoryNotEmptyException" -> "folder not empty";
            case "NotDirectoryException" -> "not a folder";
            case "ReadOnlyFileSystemException" -> "read-only file system";
            default -> e.getClass().getSimpleName();
          };
    }
    return (e.getFile() == null ? "" : e.getFile() + ": ")
        + reason
        + (e.getOtherFile() == null ? "" : " (" + e.getOtherFile() + ")");
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }

  /** Opens the store the global options name. */
  FrameStore open() {
    return url != null ? FrameStore.open(url) : FrameStore.open();
  }

  /** The version of the jar, from its manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = RedframeCli.class.getPackage().getImplementationVersion();
      return new String[] {
        "redframe " + (version == null ? "dev" : version), "Java " + Runtime.version()
      };
    }
  }
}
