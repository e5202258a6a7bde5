package io.redframe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redframe.FrameRef;
import io.redframe.jobs.JobSpec;
import io.redframe.jobs.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of a job, shared by {@code jobs enqueue}, {@code jobs schedule} and {@code jobs
 * trigger} (picocli mixin). A bad value is a usage error (exit 2) naming the option.
 */
final class JobOptions {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code name@version} or {@code name@version#id} at the end of a frame argument. */
  private static final Pattern VERSIONED = Pattern.compile(".+@\\d+(#[0-9a-f]{32})?");

  @Option(
      names = "--args",
      paramLabel = "JSON",
      description = "The job's arguments, as JSON (default: null), such as '{\"ms\": 500}'.")
  String args;

  @Option(
      names = "--frame",
      paramLabel = "ARG=NAME[@VERSION]",
      description =
          "A frame argument: frame NAME (its current version, or VERSION) as argument ARG,"
              + " pinned when the job is enqueued. Repeatable.")
  List<String> frames = new ArrayList<>();

  @Option(
      names = "--retries",
      paramLabel = "N",
      description = "Retries after a failure (default: none).")
  Integer retries;

  @Option(
      names = "--retry-interval",
      paramLabel = "DURATION",
      split = ",",
      converter = JobTimes.DurationConverter.class,
      description =
          "Waits before the retries, in turn, the last repeating (default: none): 10s,1m.")
  List<Duration> retryIntervals;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = JobTimes.DurationConverter.class,
      description = "How long one attempt may run (default: 180s).")
  Duration timeout;

  @Option(
      names = "--priority",
      paramLabel = "N",
      description = "Higher runs first among ready jobs, from -1000 to 1000 (default: 0).")
  Integer priority;

  @Option(
      names = "--result-frame",
      paramLabel = "NAME",
      description = "Frame name for a frame result (default: jobs/<queue>/<job id>).")
  String resultFrame;

  @Option(
      names = "--result-ttl",
      paramLabel = "DURATION",
      converter = JobTimes.DurationConverter.class,
      description = "How long a finished job is kept (default: 500s).")
  Duration resultTtl;

  @Option(
      names = "--failure-ttl",
      paramLabel = "DURATION",
      converter = JobTimes.DurationConverter.class,
      description = "How long a failed, canceled or stopped job is kept (default: 365d).")
  Duration failureTtl;

  @Option(
      names = "--cached",
      description =
          "Memoized: reuse the job that ran, or runs, the same handler on the same arguments"
              + " and input versions.")
  boolean cached;

  /**
   * The spec these options describe, for {@code handler}.
   *
   * @throws ParameterException for a bad value
   */
  JobSpec spec(CommandLine command, String handler) {
    try {
      JobSpec spec = JobSpec.of(handler).args(parsedArgs(command));
      for (String frame : frames) {
        addFrame(command, spec, frame);
      }
      if (retries != null) {
        spec.retry(
            Retry.fixed(
                retries,
                retryIntervals == null
                    ? new Duration[0]
                    : retryIntervals.toArray(Duration[]::new)));
      } else if (retryIntervals != null) {
        throw new ParameterException(command, "--retry-interval needs --retries N");
      }
      if (timeout != null) {
        spec.timeout(timeout);
      }
      if (priority != null) {
        spec.priority(priority);
      }
      if (resultFrame != null) {
        spec.resultFrame(resultFrame);
      }
      if (resultTtl != null) {
        spec.resultTtl(resultTtl);
      }
      if (failureTtl != null) {
        spec.failureTtl(failureTtl);
      }
      if (cached) {
        spec.cached();
      }
      return spec;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command, e.getMessage(), e);
    }
  }

  private Object parsedArgs(CommandLine command) {
    if (args == null) {
      return null;
    }
    try {
      return JSON.readValue(args, Object.class);
    } catch (JsonProcessingException e) {
      throw new ParameterException(
          command, "Invalid --args: not JSON: " + e.getOriginalMessage() + ": " + args);
    }
  }

  private static void addFrame(CommandLine command, JobSpec spec, String frame) {
    int equals = frame.indexOf('=');
    if (equals <= 0 || equals == frame.length() - 1) {
      throw new ParameterException(
          command, "Invalid --frame '" + frame + "': expected ARG=NAME or ARG=NAME@VERSION");
    }
    String arg = frame.substring(0, equals);
    String value = frame.substring(equals + 1);
    if (VERSIONED.matcher(value).matches()) {
      spec.frame(arg, FrameRef.parse(value));
    } else {
      spec.frame(arg, value);
    }
  }
}
