package io.redframe.cli;

import io.redframe.FrameInfo;
import io.redframe.FrameStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code redframe ls [GLOB]}. */
@Command(name = "ls", description = "List frames (all, or those whose name matches GLOB).")
final class ListCommand implements Callable<Integer> {
  @ParentCommand RedframeCli cli;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "GLOB",
      defaultValue = "*",
      description = "Redis glob (default: all).")
  String glob;

  @Override
  public Integer call() {
    try (FrameStore store = cli.open()) {
      List<FrameInfo> frames = store.list(glob);
      PrintWriter out = cli.spec.commandLine().getOut();
      if (!cli.quiet) {
        out.printf(
            Locale.ROOT,
            "%-32s %8s %12s %10s %-10s %-24s %s%n",
            "NAME",
            "VERSION",
            "ROWS",
            "SIZE",
            "CODEC",
            "CREATED",
            "EXPIRES IN");
      }
      for (FrameInfo frame : frames) {
        out.printf(
            Locale.ROOT,
            "%-32s %8d %12d %10s %-10s %-24s %s%n",
            Printable.of(frame.name()),
            frame.version(),
            frame.rows(),
            Sizes.bytes(frame.bytes()),
            frame.codec(),
            frame.created().toString().replaceFirst("\\.\\d+Z$", "Z"),
            frame.timeToLive().map(Object::toString).orElse("never"));
      }
    }
    return 0;
  }
}
