package io.redframe.cli;

import io.redframe.FrameStore;
import io.redframe.jobs.Job;
import io.redframe.jobs.JobQueue;
import io.redframe.jobs.JobStatus;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code redframe jobs ls QUEUE [--status S] [--limit N]}. */
@Command(
    name = "ls",
    description =
        "List a queue's jobs: waiting ones in the order workers take them, then started, then"
            + " ended ones (most recent first).")
final class JobsListCommand implements Callable<Integer> {
  @ParentCommand JobsCommand jobs;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "QUEUE")
  String queue;

  @Option(
      names = "--status",
      paramLabel = "S",
      description =
          "Only jobs in this status: queued, scheduled, deferred, started, finished, failed,"
              + " canceled or stopped.")
  String status;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "100",
      description = "At most N jobs (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    CommandLine command = spec.commandLine();
    JobStatus only = status == null ? null : status(command, status);
    if (limit < 0) {
      throw new CommandLine.ParameterException(command, "--limit must be >= 0: " + limit);
    }
    try (FrameStore store = jobs.open()) {
      JobQueue q = JobsCommand.queue(command, store, queue);
      List<Job> found = only == null ? q.jobs(limit) : q.jobs(only, limit);
      PrintWriter out = command.getOut();
      if (!jobs.quiet()) {
        out.printf(
            "%-26s %-9s %-24s %8s %-24s %s%n",
            "ID", "STATUS", "HANDLER", "ATTEMPTS", "ENQUEUED", "ERROR");
      }
      for (Job job : found) {
        out.printf(
            Locale.ROOT,
            "%-26s %-9s %-24s %8d %-24s %s%n",
            job.id(),
            job.status().text(),
            job.handler(),
            job.attempts(),
            job.enqueuedAt(),
            job.error().map(JobsListCommand::firstLine).orElse(""));
      }
    }
    return 0;
  }

  static JobStatus status(CommandLine command, String text) {
    for (JobStatus s : JobStatus.values()) {
      if (s.text().equals(text.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new CommandLine.ParameterException(
        command,
        "Invalid --status '"
            + text
            + "': expected one of "
            + Arrays.stream(JobStatus.values())
                .map(JobStatus::text)
                .collect(Collectors.joining(", ")));
  }

  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() > 80 ? line.substring(0, 77) + "..." : line;
  }
}
