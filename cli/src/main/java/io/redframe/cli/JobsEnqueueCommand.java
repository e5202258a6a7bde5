package io.redframe.cli;

import io.redframe.FrameStore;
import io.redframe.jobs.JobQueue;
import io.redframe.jobs.JobSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code redframe jobs enqueue QUEUE HANDLER [options]}: prints the job's id. */
@Command(
    name = "enqueue",
    description =
        "Enqueue a job for HANDLER and print its id. Frame arguments are resolved to their"
            + " version and pinned now, so every attempt reads the same data.")
final class JobsEnqueueCommand implements Callable<Integer> {
  @ParentCommand JobsCommand jobs;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "QUEUE")
  String queue;

  @Parameters(index = "1", paramLabel = "HANDLER", description = "The handler's name.")
  String handler;

  @Mixin JobOptions options;

  @Option(
      names = "--in",
      paramLabel = "DURATION",
      converter = JobTimes.DurationConverter.class,
      description = "Run no earlier than this long from now (rq's enqueue_in), such as 10s.")
  Duration in;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      converter = JobTimes.TimeConverter.class,
      description = "Run no earlier than TIME (rq's enqueue_at), such as 2026-12-01T03:00:00Z.")
  Instant at;

  @Option(
      names = "--id",
      paramLabel = "ID",
      description = "The job's id (a unique job: enqueueing an existing id changes nothing).")
  String id;

  @Option(
      names = "--depends-on",
      paramLabel = "ID",
      description = "Run after job ID (of this queue) has finished. Repeatable.")
  List<String> dependsOn = new ArrayList<>();

  @Option(
      names = "--allow-failure",
      description = "With --depends-on: run once the dependencies ended, finished or not.")
  boolean allowFailure;

  @Override
  public Integer call() {
    CommandLine command = spec.commandLine();
    JobSpec job = jobSpec(command);
    try (FrameStore store = jobs.open()) {
      JobQueue q = JobsCommand.queue(command, store, queue);
      command.getOut().println(q.enqueue(job));
    }
    return 0;
  }

  private JobSpec jobSpec(CommandLine command) {
    if (in != null && at != null) {
      throw new CommandLine.ParameterException(command, "Give --in or --at, not both");
    }
    if (allowFailure && dependsOn.isEmpty()) {
      throw new CommandLine.ParameterException(command, "--allow-failure needs --depends-on ID");
    }
    JobSpec job = options.spec(command, handler);
    try {
      if (in != null) {
        job.in(in);
      }
      if (at != null) {
        job.at(at);
      }
      if (id != null) {
        job.id(id);
      }
      job.dependsOn(dependsOn.toArray(String[]::new));
      if (allowFailure) {
        job.allowFailure();
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(command, e.getMessage(), e);
    }
    return job;
  }
}
