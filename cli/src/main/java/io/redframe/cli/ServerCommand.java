package io.redframe.cli;

import io.redframe.FrameStore;
import io.redframe.embedded.EmbeddedServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code redframe server start|stop|status}: the embedded store's redis-server. */
@Command(name = "server", description = "Start, stop or show the embedded store's redis-server.")
final class ServerCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @ParentCommand RedframeCli cli;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "start|stop|status")
  String action;

  @Override
  public Integer call() {
    Path dir = directory();
    PrintWriter out = cli.spec.commandLine().getOut();
    switch (action) {
      case "start" -> {
        EmbeddedServer.Status status = EmbeddedServer.start(dir, TIMEOUT);
        out.printf(Locale.ROOT, "%s (stays up until `redframe server stop`)%n", describe(status));
      }
      case "stop" ->
          out.println(EmbeddedServer.stop(dir, TIMEOUT) ? "stopped " + dir : "not running: " + dir);
      case "status" ->
          out.println(
              EmbeddedServer.status(dir)
                  .map(s -> describe(s) + (s.keptRunning() ? " (started by `server start`)" : ""))
                  .orElse("not running: " + dir));
      default ->
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "Unknown server action '" + action + "': expected start, stop or status");
    }
    return 0;
  }

  private static String describe(EmbeddedServer.Status status) {
    return String.format(
        Locale.ROOT,
        "running: 127.0.0.1:%d, pid %d, redis %s, %s",
        status.port(),
        status.pid(),
        status.version(),
        status.directory());
  }

  private Path directory() {
    String url =
        cli.url != null ? cli.url : System.getenv().getOrDefault("REDFRAME_URL", "embedded:");
    String store = url.isBlank() ? "embedded:" : url;
    try {
      return FrameStore.embeddedDirectory(store).orElseGet(EmbeddedServer::defaultDirectory);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "`redframe server` manages the embedded store: " + e.getMessage(), e);
    }
  }
}
