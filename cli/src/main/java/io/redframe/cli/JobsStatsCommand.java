package io.redframe.cli;

import io.redframe.FrameStore;
import io.redframe.jobs.Job;
import io.redframe.jobs.JobQueue;
import io.redframe.jobs.JobStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code redframe jobs stats [QUEUE...]}. */
@Command(
    name = "stats",
    description =
        "Per queue: jobs by status, the longest wait, throughput over the last minute, the"
            + " workers with their current jobs, schedules and triggers.")
final class JobsStatsCommand implements Callable<Integer> {
  /** Started jobs listed at most per queue. */
  private static final int MAX_STARTED = 1000;

  @ParentCommand JobsCommand jobs;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "QUEUE", description = "Default: every queue.")
  List<String> queues = new ArrayList<>();

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      defaultValue = "60s",
      converter = JobTimes.DurationConverter.class,
      description = "The span throughput is measured over (default: ${DEFAULT-VALUE}).")
  Duration window;

  @Override
  public Integer call() {
    CommandLine command = spec.commandLine();
    if (window.isZero()) {
      throw new CommandLine.ParameterException(command, "--window must be positive");
    }
    try (FrameStore store = jobs.open()) {
      List<String> names = queues.isEmpty() ? JobQueue.names(store) : queues;
      if (names.isEmpty()) {
        jobs.say(command, "no queues in " + store.url());
      }
      for (String name : names) {
        print(command.getOut(), JobsCommand.queue(command, store, name));
      }
    }
    return 0;
  }

  private void print(PrintWriter out, JobQueue queue) {
    Map<String, Long> counts = queue.counts();
    out.println("queue " + queue.name());
    List<String> parts = new ArrayList<>();
    counts.forEach((status, n) -> parts.add(n + " " + status));
    out.println("  jobs: " + String.join(", ", parts));
    out.println(
        "  oldest waiting: " + queue.oldestWait().map(JobTimes::human).orElse("none waiting"));
    JobQueue.Activity activity = queue.activity(window);
    out.printf(
        Locale.ROOT,
        "  last %s: %d finished, %d failed, %d retried (%.2f jobs/s)%n",
        JobTimes.human(activity.span()),
        activity.finished(),
        activity.failed(),
        activity.retried(),
        activity.endedPerSecond());
    workers(out, queue, activity);
    queue.schedules().forEach((name, next) -> out.println("  schedule " + name + ": next " + next));
    queue
        .triggers()
        .forEach((name, frame) -> out.println("  trigger " + name + ": frame " + frame));
  }

  private static void workers(PrintWriter out, JobQueue queue, JobQueue.Activity activity) {
    Map<String, List<String>> running = new TreeMap<>();
    Instant now = Instant.now();
    for (Job job : queue.jobs(JobStatus.STARTED, MAX_STARTED)) {
      Duration runs = Duration.between(job.startedAt().orElse(now), now);
      running
          .computeIfAbsent(job.worker().orElse("?"), w -> new ArrayList<>())
          .add(
              job.id()
                  + " ("
                  + job.handler()
                  + ", "
                  + JobTimes.human(runs.isNegative() ? Duration.ZERO : runs)
                  + ")");
    }
    running.forEach(
        (worker, current) ->
            out.println("  worker " + worker + ": running " + String.join(", ", current)));
    for (String worker : activity.workers()) {
      if (!running.containsKey(worker)) {
        out.println(
            "  worker "
                + worker
                + ": idle (took a job in the last "
                + JobTimes.human(activity.span())
                + ")");
      }
    }
    if (running.isEmpty() && activity.workers().isEmpty()) {
      out.println("  workers: none seen in the last " + JobTimes.human(activity.span()));
    }
  }
}
