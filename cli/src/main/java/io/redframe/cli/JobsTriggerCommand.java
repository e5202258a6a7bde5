package io.redframe.cli;

import io.redframe.FrameStore;
import io.redframe.jobs.JobQueue;
import io.redframe.jobs.JobSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code redframe jobs trigger QUEUE NAME FRAME ARG HANDLER [options]}. */
@Command(
    name = "trigger",
    description =
        "Enqueue a job for HANDLER whenever FRAME gets a new version, with that version pinned"
            + " as frame argument ARG (a running worker of the queue enqueues each run, once).")
final class JobsTriggerCommand implements Callable<Integer> {
  @ParentCommand JobsCommand jobs;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "QUEUE")
  String queue;

  @Parameters(index = "1", paramLabel = "NAME", description = "The trigger's name.")
  String name;

  @Parameters(index = "2", paramLabel = "FRAME", description = "The frame to follow.")
  String frame;

  @Parameters(index = "3", paramLabel = "ARG", description = "The frame argument it is passed as.")
  String arg;

  @Parameters(index = "4", paramLabel = "HANDLER", description = "The handler's name.")
  String handler;

  @Mixin JobOptions options;

  @Override
  public Integer call() {
    CommandLine command = spec.commandLine();
    JobSpec template = options.spec(command, handler);
    try (FrameStore store = jobs.open()) {
      JobQueue q = JobsCommand.queue(command, store, queue);
      try {
        q.trigger(name, frame, arg, template);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(command, e.getMessage(), e);
      }
      jobs.say(
          command,
          "trigger "
              + name
              + " on queue "
              + q.name()
              + ": "
              + handler
              + " on every new version of "
              + frame
              + " (as "
              + arg
              + ")");
    }
    return 0;
  }
}
