package io.redframe.cli;

import io.redframe.FrameStore;
import io.redframe.jobs.Job;
import io.redframe.jobs.JobQueue;
import io.redframe.jobs.JobStatus;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code redframe jobs ...}: enqueue, inspect, wait for and manage jobs, schedules and triggers.
 * Failures exit 1 with one line naming the job or queue; bad options exit 2.
 */
@Command(
    name = "jobs",
    description = "Enqueue, inspect, wait for and manage jobs; schedules and triggers.",
    subcommands = {
      JobsEnqueueCommand.class,
      JobsListCommand.class,
      JobsInfoCommand.class,
      JobsCommand.Result.class,
      JobsCommand.Wait.class,
      JobsCommand.Cancel.class,
      JobsCommand.Requeue.class,
      JobsStatsCommand.class,
      JobsScheduleCommand.class,
      JobsCommand.Unschedule.class,
      JobsTriggerCommand.class,
      JobsCommand.Untrigger.class
    })
final class JobsCommand implements Callable<Integer> {
  @ParentCommand RedframeCli cli;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }

  FrameStore open() {
    return cli.open();
  }

  boolean quiet() {
    return cli.quiet;
  }

  /** Prints {@code line} unless {@code --quiet}. */
  void say(CommandLine command, String line) {
    if (!cli.quiet) {
      command.getOut().println(line);
    }
  }

  /** The queue named {@code name}; a malformed name is a usage error. */
  static JobQueue queue(CommandLine command, FrameStore store, String name) {
    try {
      return JobQueue.open(store, name);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(command, e.getMessage());
    }
  }

  /** The job, or a failure naming it and its queue. */
  static Job job(JobQueue queue, String id) {
    return queue.job(id).orElseThrow(() -> noJob(queue, id));
  }

  static NoSuchElementException noJob(JobQueue queue, String id) {
    return new NoSuchElementException(
        "No job '"
            + id
            + "' in queue '"
            + queue.name()
            + "' (ended jobs go after their result or failure TTL)");
  }

  /**
   * The result of a finished job as the CLI prints it: the result frame's durable reference, or the
   * JSON value.
   */
  static String result(JobQueue queue, Job job) {
    if (job.status() != JobStatus.FINISHED) {
      throw notFinished(job);
    }
    return queue
        .resultFrame(job.id())
        .map(ref -> ref.durable())
        .or(() -> queue.resultJson(job.id()))
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "Job " + job.id() + " finished, but its result is no longer kept"));
  }

  static IllegalStateException notFinished(Job job) {
    String error = job.error().map(e -> ": " + e.lines().findFirst().orElse(e)).orElse("");
    return switch (job.status()) {
      case FAILED ->
          new IllegalStateException(
              "Job " + job.id() + " failed after " + attempts(job.attempts()) + error);
      case CANCELED -> new IllegalStateException("Job " + job.id() + " was canceled" + error);
      case STOPPED -> new IllegalStateException("Job " + job.id() + " was stopped" + error);
      default ->
          new IllegalStateException(
              "Job " + job.id() + " has not finished: it is " + job.status().text());
    };
  }

  static String attempts(int n) {
    return n == 1 ? "1 attempt" : n + " attempts";
  }

  /** {@code jobs result QUEUE ID}. */
  @Command(
      name = "result",
      description =
          "Print a finished job's result: its JSON, or the reference of its result frame.")
  static final class Result implements Callable<Integer> {
    @ParentCommand JobsCommand jobs;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUEUE")
    String queue;

    @Parameters(index = "1", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      try (FrameStore store = jobs.open()) {
        JobQueue q = queue(spec.commandLine(), store, queue);
        spec.commandLine().getOut().println(result(q, job(q, id)));
      }
      return 0;
    }
  }

  /** {@code jobs wait QUEUE ID [--timeout 10m]}. */
  @Command(
      name = "wait",
      description =
          "Wait until a job ends and print its result; exit 0 only if it finished (1 otherwise,"
              + " with its error).")
  static final class Wait implements Callable<Integer> {
    @ParentCommand JobsCommand jobs;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUEUE")
    String queue;

    @Parameters(index = "1", paramLabel = "ID")
    String id;

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        converter = JobTimes.DurationConverter.class,
        description = "Give up after this long, exit 1 (default: wait as long as it takes).")
    Duration timeout;

    @Override
    public Integer call() {
      try (FrameStore store = jobs.open()) {
        JobQueue q = queue(spec.commandLine(), store, queue);
        Optional<Job> ended = q.await(id, timeout != null ? timeout : Duration.ofDays(1));
        while (ended.isEmpty() && timeout == null) {
          job(q, id); // still there: wait on
          ended = q.await(id, Duration.ofDays(1));
        }
        if (ended.isEmpty()) {
          Job job = job(q, id);
          throw new IllegalStateException(
              "Job "
                  + id
                  + " is still "
                  + job.status().text()
                  + " after "
                  + JobTimes.human(timeout));
        }
        spec.commandLine().getOut().println(result(q, ended.get()));
      }
      return 0;
    }
  }

  /** {@code jobs cancel QUEUE ID}. */
  @Command(
      name = "cancel",
      description =
          "Cancel a job that has not started (and its dependents), or stop a running one.")
  static final class Cancel implements Callable<Integer> {
    @ParentCommand JobsCommand jobs;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUEUE")
    String queue;

    @Parameters(index = "1", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      try (FrameStore store = jobs.open()) {
        JobQueue q = queue(spec.commandLine(), store, queue);
        Job before = job(q, id);
        if (before.status().ended()) {
          throw new IllegalStateException(
              "Job " + id + " has already ended: it is " + before.status().text());
        }
        JobStatus status = q.cancel(id).orElseThrow(() -> noJob(q, id));
        if (status == JobStatus.STOPPED) {
          jobs.say(spec.commandLine(), "stopping " + id + ": its worker was asked to stop it");
        } else if (status == JobStatus.CANCELED) {
          jobs.say(spec.commandLine(), "canceled " + id);
        } else {
          throw new IllegalStateException(
              "Job " + id + " has already ended: it is " + status.text());
        }
      }
      return 0;
    }
  }

  /** {@code jobs requeue QUEUE ID}. */
  @Command(name = "requeue", description = "Queue a failed, stopped or canceled job again.")
  static final class Requeue implements Callable<Integer> {
    @ParentCommand JobsCommand jobs;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUEUE")
    String queue;

    @Parameters(index = "1", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      try (FrameStore store = jobs.open()) {
        JobQueue q = queue(spec.commandLine(), store, queue);
        if (!q.requeue(id)) {
          throw noJob(q, id);
        }
        jobs.say(spec.commandLine(), "requeued " + id);
      }
      return 0;
    }
  }

  /** {@code jobs unschedule QUEUE NAME}. */
  @Command(name = "unschedule", description = "Remove a schedule (the jobs it enqueued stay).")
  static final class Unschedule implements Callable<Integer> {
    @ParentCommand JobsCommand jobs;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUEUE")
    String queue;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      try (FrameStore store = jobs.open()) {
        JobQueue q = queue(spec.commandLine(), store, queue);
        if (!q.unschedule(name)) {
          throw new NoSuchElementException(
              "No schedule '" + name + "' on queue '" + q.name() + "'");
        }
        jobs.say(spec.commandLine(), "unscheduled " + name);
      }
      return 0;
    }
  }

  /** {@code jobs untrigger QUEUE NAME}. */
  @Command(name = "untrigger", description = "Remove a trigger (the jobs it enqueued stay).")
  static final class Untrigger implements Callable<Integer> {
    @ParentCommand JobsCommand jobs;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUEUE")
    String queue;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      try (FrameStore store = jobs.open()) {
        JobQueue q = queue(spec.commandLine(), store, queue);
        if (!q.untrigger(name)) {
          throw new NoSuchElementException("No trigger '" + name + "' on queue '" + q.name() + "'");
        }
        jobs.say(spec.commandLine(), "untriggered " + name);
      }
      return 0;
    }
  }
}
