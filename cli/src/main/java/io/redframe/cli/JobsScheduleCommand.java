package io.redframe.cli;

import io.redframe.FrameStore;
import io.redframe.jobs.JobQueue;
import io.redframe.jobs.JobSpec;
import io.redframe.jobs.Schedule;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code redframe jobs schedule QUEUE NAME (--every 1h | --cron EXPR) HANDLER [options]}. */
@Command(
    name = "schedule",
    description =
        "Enqueue a job for HANDLER at every interval or cron time, from now on (a running"
            + " worker of the queue enqueues each run, once); replaces a schedule of that name.")
final class JobsScheduleCommand implements Callable<Integer> {
  @ParentCommand JobsCommand jobs;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "QUEUE")
  String queue;

  @Parameters(index = "1", paramLabel = "NAME", description = "The schedule's name.")
  String name;

  @Parameters(index = "2", paramLabel = "HANDLER", description = "The handler's name.")
  String handler;

  @ArgGroup(exclusive = true, multiplicity = "1")
  When when;

  /** Exactly one of the two. */
  static final class When {
    @Option(
        names = "--every",
        paramLabel = "DURATION",
        required = true,
        converter = JobTimes.DurationConverter.class,
        description = "Every interval (at least 1s), the first run one interval from now.")
    Duration every;

    @Option(
        names = "--cron",
        paramLabel = "EXPR",
        required = true,
        description = "A Unix cron expression: minute hour day-of-month month day-of-week.")
    String cron;
  }

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      defaultValue = "UTC",
      description = "The time zone of --cron (default: ${DEFAULT-VALUE}), such as Europe/Paris.")
  String zone;

  @Mixin JobOptions options;

  @Override
  public Integer call() {
    CommandLine command = spec.commandLine();
    Schedule schedule = schedule(command);
    JobSpec template = options.spec(command, handler);
    try (FrameStore store = jobs.open()) {
      JobQueue q = JobsCommand.queue(command, store, queue);
      try {
        q.schedule(name, schedule, template);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(command, e.getMessage(), e);
      }
      jobs.say(
          command,
          "scheduled "
              + name
              + " on queue "
              + q.name()
              + ": "
              + handler
              + " "
              + schedule
              + ", next run "
              + q.schedules().get(name));
    }
    return 0;
  }

  private Schedule schedule(CommandLine command) {
    try {
      return when.every != null
          ? Schedule.every(when.every)
          : Schedule.cron(when.cron, ZoneId.of(zone));
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new CommandLine.ParameterException(command, e.getMessage(), e);
    }
  }
}
