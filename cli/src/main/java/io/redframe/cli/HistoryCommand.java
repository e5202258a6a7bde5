package io.redframe.cli;

import io.redframe.FrameNotFoundException;
import io.redframe.FrameStore;
import io.redframe.Manifest;
import io.redframe.VersionInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code redframe history NAME}: the readable versions. */
@Command(name = "history", description = "List a frame's readable versions.")
final class HistoryCommand implements Callable<Integer> {
  @ParentCommand RedframeCli cli;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  public Integer call() {
    try (FrameStore store = cli.open()) {
      List<VersionInfo> versions = store.versions(name);
      if (versions.isEmpty()) {
        throw new FrameNotFoundException("No frame '" + name + "' in " + store.url());
      }
      PrintWriter out = cli.spec.commandLine().getOut();
      if (!cli.quiet) {
        out.printf(
            Locale.ROOT,
            "%8s %-8s %12s %10s %-24s %s%n",
            "VERSION",
            "",
            "ROWS",
            "SIZE",
            "CREATED",
            "EXPIRES IN");
      }
      for (VersionInfo version : versions) {
        Manifest manifest = store.manifest(name, OptionalLong.of(version.version()));
        out.printf(
            Locale.ROOT,
            "%8d %-8s %12d %10s %-24s %s%n",
            version.version(),
            version.current() ? "current" : "",
            manifest.rows(),
            Sizes.bytes(manifest.bytes()),
            manifest.created().toString().replaceFirst("\\.\\d+Z$", "Z"),
            version.timeToLive().map(Object::toString).orElse("never"));
      }
    }
    return 0;
  }
}
