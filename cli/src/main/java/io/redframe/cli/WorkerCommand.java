package io.redframe.cli;

import io.redframe.FrameStore;
import io.redframe.jobs.JobQueue;
import io.redframe.jobs.Worker;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code redframe worker [--handlers JAR]... [--concurrency N] [--burst] [--lease 10s] QUEUE...}:
 * runs jobs until stopped. SIGTERM or Ctrl-C (through a shutdown hook) stops taking jobs, lets the
 * running ones end, then exits 0.
 */
@Command(
    name = "worker",
    description =
        "Run the jobs of the queues (the first ones first) until stopped: SIGTERM or Ctrl-C stops"
            + " taking jobs, lets the running ones end, then exits 0. Built-in handlers:"
            + " redframe.noop, redframe.sleep, redframe.echo, redframe.fail.")
final class WorkerCommand implements Callable<Integer> {
  /** How long the shutdown hook waits for the main thread to close the store, at most. */
  private static final long CLOSE_WAIT_SECONDS = 30;

  @ParentCommand RedframeCli cli;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "QUEUE", description = "The queues, in order.")
  List<String> queues;

  @Option(
      names = "--handlers",
      paramLabel = "JAR",
      description =
          "A jar whose JobHandler services (META-INF/services/io.redframe.jobs.JobHandler) are"
              + " registered. Repeatable.")
  List<Path> jars = new ArrayList<>();

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "1",
      description = "Jobs run at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--burst", description = "Exit once the queues have no ready job left.")
  boolean burst;

  @Option(
      names = "--lease",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = JobTimes.DurationConverter.class,
      description =
          "A running job's lease, renewed every third of it; a dead worker's job is back in its"
              + " queue within about two (default: ${DEFAULT-VALUE}).")
  Duration lease;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The worker's id in jobs and events (default: host:pid:random).")
  String name;

  /** Set by the shutdown hook; the main thread then leaves the exit to it. */
  private final AtomicBoolean signaled = new AtomicBoolean();

  /** Counted down once the main thread has closed the store. */
  private final CountDownLatch closed = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    CommandLine command = spec.commandLine();
    for (Path jar : jars) {
      Inputs.checkReadable(jar);
    }
    PrintWriter out = command.getOut();
    Worker worker;
    try (URLClassLoader handlers = loader(jars);
        FrameStore store = cli.open()) {
      worker = build(command, store, handlers, out);
      for (String queue : queues) {
        JobQueue.open(store, queue).counts(); // fails here, in one line, if Redis is unreachable
      }
      run(worker, out);
    } finally {
      closed.countDown();
    }
    if (signaled.get()) {
      return 0; // the hook prints the summary and halts with 0 (System.exit would wait for it)
    }
    summary(worker, out);
    if (!burst) {
      throw new IllegalStateException(
          "Worker " + worker.id() + " stopped by itself (the error is logged above)");
    }
    return 0;
  }

  private Worker build(
      CommandLine command, FrameStore store, URLClassLoader handlers, PrintWriter out) {
    Worker.Builder builder;
    try {
      builder =
          Worker.builder(store)
              .queues(queues.toArray(String[]::new))
              .concurrency(concurrency)
              .lease(lease)
              .burst(burst);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(command, e.getMessage(), e);
    }
    if (name != null) {
      builder.name(name);
    }
    if (!cli.quiet) {
      builder.onAttemptEnd(end -> out.println(line(end)));
    }
    try {
      builder.handlers(handlers);
    } catch (ServiceConfigurationError e) {
      throw new IllegalArgumentException("Cannot load the handlers of " + jars + ": " + e, e);
    }
    return builder.build();
  }

  /** Runs until the worker stops by itself (burst, or an error) or the shutdown hook stops it. */
  private void run(Worker worker, PrintWriter out) throws InterruptedException {
    Thread hook = new Thread(() -> onSignal(worker, out), "redframe-worker-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    if (!cli.quiet) {
      out.printf(
          Locale.ROOT,
          "worker %s on %s: handlers %s, concurrency %d%s%n",
          worker.id(),
          String.join(", ", queues),
          worker.handlerNames(),
          concurrency,
          burst ? ", until the queues are empty" : "");
    }
    worker.run();
    if (!signaled.get()) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook runs (and sets signaled).
      }
    }
  }

  /** The shutdown hook: no new jobs, running ones end, the store closes, then exit 0. */
  private void onSignal(Worker worker, PrintWriter out) {
    signaled.set(true);
    if (!cli.quiet) {
      out.println("stopping: no new jobs; waiting for the running ones to end");
    }
    worker.close();
    try {
      closed.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    summary(worker, out);
    out.flush();
    Runtime.getRuntime().halt(0);
  }

  private void summary(Worker worker, PrintWriter out) {
    if (!cli.quiet) {
      out.printf(
          Locale.ROOT,
          "worker %s stopped after %s (%d failed)%n",
          worker.id(),
          JobsCommand.attempts((int) worker.processed()),
          worker.failures());
    }
  }

  static String line(Worker.AttemptEnd end) {
    StringBuilder line =
        new StringBuilder()
            .append(end.id())
            .append(' ')
            .append(end.handler())
            .append(' ')
            .append(end.status().text())
            .append(' ')
            .append(JobTimes.human(end.took()));
    if (end.attempt() > 1) {
      line.append(" (attempt ").append(end.attempt()).append(')');
    }
    end.error().ifPresent(e -> line.append(": ").append(e.lines().findFirst().orElse(e)));
    return line.toString();
  }

  private static URLClassLoader loader(List<Path> jars) throws IOException {
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      if (!Files.isReadable(jar)) {
        throw new NoSuchFileException(jar.toString(), null, "not readable");
      }
      try {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IOException(jar + ": " + e.getMessage(), e);
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), WorkerCommand.class.getClassLoader());
  }
}
