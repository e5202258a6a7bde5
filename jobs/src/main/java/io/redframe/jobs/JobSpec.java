package io.redframe.jobs;

import io.redframe.FrameRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One job to enqueue: a handler name, JSON arguments, frame arguments, and rq's options. Mutable
 * builder, not thread-safe; {@link JobQueue#enqueue(JobSpec)} reads it once.
 *
 * <pre>{@code
 * String id = queue.enqueue(JobSpec.of("reports.daily")
 *     .args(Map.of("region", "EU"))
 *     .frame("sales", "sales")              // pinned at enqueue: every attempt reads this version
 *     .retry(Retry.exponential(5, Duration.ofSeconds(1), Duration.ofMinutes(1)))
 *     .timeout(Duration.ofMinutes(5))
 *     .in(Duration.ofMinutes(10)));
 * }</pre>
 */
public final class JobSpec {
  static final String ID_PATTERN = "[A-Za-z0-9._:-]{1,100}";

  final String handler;
  Object args;
  final Map<String, Object> frames = new LinkedHashMap<>();
  Instant at;
  Duration in;
  Retry retry;
  Duration timeout;
  String id;
  int priority;
  final List<String> dependsOn = new ArrayList<>();
  boolean allowFailure;
  Duration resultTtl;
  Duration failureTtl;
  String resultFrame;
  boolean cached;

  private JobSpec(String handler) {
    this.handler = checkHandler(handler);
  }

  /** A job for the handler registered as {@code handler}. */
  public static JobSpec of(String handler) {
    return new JobSpec(handler);
  }

  static String checkHandler(String handler) {
    if (handler == null
        || handler.isEmpty()
        || handler.length() > 200
        || handler.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "Handler name must be 1-200 characters without control characters: '" + handler + "'");
    }
    return handler;
  }

  /** The arguments: anything Jackson writes as JSON (a record, map, list...); null by default. */
  public JobSpec args(Object args) {
    this.args = args;
    return this;
  }

  /**
   * A frame argument, the current version of {@code frame}: resolved and pinned at enqueue, so
   * every attempt and retry reads the same version whatever saves happen meanwhile.
   */
  public JobSpec frame(String arg, String frame) {
    frames.put(checkArg(arg), Objects.requireNonNull(frame, "frame"));
    return this;
  }

  /** A frame argument at a given version (its id is checked at enqueue if it has one). */
  public JobSpec frame(String arg, FrameRef frame) {
    frames.put(checkArg(arg), Objects.requireNonNull(frame, "frame"));
    return this;
  }

  private static String checkArg(String arg) {
    if (arg == null || arg.isEmpty() || arg.length() > 200) {
      throw new IllegalArgumentException("Frame argument names are 1-200 characters: " + arg);
    }
    return arg;
  }

  /** Runs no earlier than {@code delay} from enqueue. */
  public JobSpec in(Duration delay) {
    if (Objects.requireNonNull(delay, "delay").isNegative()) {
      throw new IllegalArgumentException("Delay must not be negative: " + delay);
    }
    this.in = delay;
    this.at = null;
    return this;
  }

  /** Runs no earlier than {@code time} (Redis' clock decides). */
  public JobSpec at(Instant time) {
    this.at = Objects.requireNonNull(time, "time");
    this.in = null;
    return this;
  }

  public JobSpec retry(Retry retry) {
    this.retry = Objects.requireNonNull(retry, "retry");
    return this;
  }

  /** How long one attempt may run before it fails as timed out (the queue's default: 180 s). */
  public JobSpec timeout(Duration timeout) {
    this.timeout = positive(timeout, "timeout");
    return this;
  }

  /**
   * The job's id instead of a random one: a unique job. Enqueueing an id that exists returns the
   * existing job and changes nothing. 1-100 of letters, digits and {@code ._:-}.
   */
  public JobSpec id(String id) {
    if (id == null || !id.matches(ID_PATTERN)) {
      throw new IllegalArgumentException(
          "Job id must be 1-100 of letters, digits and ._:- : '" + id + "'");
    }
    this.id = id;
    return this;
  }

  /** Higher runs first among ready jobs of the queue (default 0; from -1000 to 1000). */
  public JobSpec priority(int priority) {
    if (priority < -1000 || priority > 1000) {
      throw new IllegalArgumentException("Priority must be in [-1000, 1000]: " + priority);
    }
    this.priority = priority;
    return this;
  }

  /**
   * Waits until these jobs (of the same queue) have finished; if one fails or is canceled, this one
   * is canceled too, unless {@link #allowFailure()}.
   */
  public JobSpec dependsOn(String... ids) {
    for (String dependency : ids) {
      dependsOn.add(Objects.requireNonNull(dependency, "dependency"));
    }
    return this;
  }

  /** Runs once its dependencies have ended, finished or not. */
  public JobSpec allowFailure() {
    this.allowFailure = true;
    return this;
  }

  /** How long a finished job (and a result frame named after it) is kept (default 500 s). */
  public JobSpec resultTtl(Duration ttl) {
    this.resultTtl = positive(ttl, "resultTtl");
    return this;
  }

  /** How long a failed, canceled or stopped job is kept (default 1 year). */
  public JobSpec failureTtl(Duration ttl) {
    this.failureTtl = positive(ttl, "failureTtl");
    return this;
  }

  /** The frame name a frame result is saved under (default {@code jobs/<queue>/<job id>}). */
  public JobSpec resultFrame(String name) {
    this.resultFrame = Objects.requireNonNull(name, "name");
    return this;
  }

  /**
   * Memoized: if the same handler already ran (or is running, or waits) with the same arguments on
   * the same input versions, enqueue returns that job instead of a new one.
   */
  public JobSpec cached() {
    this.cached = true;
    return this;
  }

  Optional<String> givenId() {
    return Optional.ofNullable(id);
  }

  private static Duration positive(Duration duration, String what) {
    Objects.requireNonNull(duration, what);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + duration);
    }
    return duration;
  }

  @Override
  public String toString() {
    return "JobSpec[" + handler + (id == null ? "" : ", id=" + id) + "]";
  }
}
