package io.redframe.cli;

import io.redframe.FrameNotFoundException;
import io.redframe.FrameStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code redframe rm NAME...}. */
@Command(name = "rm", description = "Delete frames (every version).")
final class RemoveCommand implements Callable<Integer> {
  @ParentCommand RedframeCli cli;

  @Parameters(arity = "1..*", paramLabel = "NAME")
  List<String> names;

  @Override
  public Integer call() {
    List<String> missing = new ArrayList<>();
    try (FrameStore store = cli.open()) {
      for (String name : names) {
        if (store.delete(name)) {
          if (!cli.quiet) {
            cli.spec.commandLine().getOut().println("removed " + Printable.of(name));
          }
        } else {
          missing.add(name);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new FrameNotFoundException("No frame " + String.join(", ", missing));
    }
    return 0;
  }
}
