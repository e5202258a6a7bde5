package io.redframe.cli;

import io.redframe.FrameStore;
import io.redframe.Manifest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code redframe watch NAME}: prints each new version as it is published, until interrupted. */
@Command(
    name = "watch",
    description = "Print each new version of a frame as it is published, until interrupted.")
final class WatchCommand implements Callable<Integer> {
  @ParentCommand RedframeCli cli;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      description = "Stop after this long (default: never), such as 30s.")
  String limit;

  @Override
  public Integer call() {
    Duration total = limit == null ? null : Durations.parse(spec.commandLine(), "--for", limit);
    long deadline = total == null ? Long.MAX_VALUE : System.nanoTime() + total.toNanos();
    try (FrameStore store = cli.open()) {
      long seen = store.exists(name) ? store.manifest(name).version() : 0;
      if (!cli.quiet) {
        cli.spec
            .commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "watching %s (current version: %s)%n",
                Printable.of(name),
                seen == 0 ? "none" : seen);
      }
      while (System.nanoTime() < deadline) {
        long left = Math.min(Duration.ofMinutes(1).toNanos(), deadline - System.nanoTime());
        Optional<Manifest> next =
            store.awaitVersion(name, seen, Duration.ofNanos(Math.max(0, left)));
        if (next.isPresent()) {
          Manifest manifest = next.get();
          seen = manifest.version();
          cli.spec
              .commandLine()
              .getOut()
              .printf(
                  Locale.ROOT,
                  "%s version %d: %d rows, %s, %s%n",
                  Printable.of(name),
                  seen,
                  manifest.rows(),
                  Sizes.bytes(manifest.bytes()),
                  manifest.created());
          cli.spec.commandLine().getOut().flush();
        }
      }
    }
    return 0;
  }
}
