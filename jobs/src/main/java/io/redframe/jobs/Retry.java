package io.redframe.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often a failed job is tried again, and when: {@link #none()}, {@link #fixed} intervals as
 * rq's {@code Retry(max=3, interval=[10, 30, 60])}, or {@link #exponential} backoff with full
 * jitter. A handler that throws {@link JobException#permanent} is not retried. Immutable.
 */
public final class Retry {
  private static final Retry NONE = new Retry(0, List.of(), null, null);

  private final int max;
  private final List<Duration> intervals;
  private final Duration base;
  private final Duration cap;

  private Retry(int max, List<Duration> intervals, Duration base, Duration cap) {
    this.max = max;
    this.intervals = intervals;
    this.base = base;
    this.cap = cap;
  }

  /** No retry: the first failure is final (rq's default). */
  public static Retry none() {
    return NONE;
  }

  /**
   * Up to {@code max} retries, waiting the given intervals in turn (the last one repeats); none
   * given means right away.
   */
  public static Retry fixed(int max, Duration... intervals) {
    checkMax(max);
    for (Duration interval : intervals) {
      checkNotNegative(interval, "retry interval");
    }
    return new Retry(max, List.of(intervals), null, null);
  }

  /**
   * Up to {@code max} retries, the n-th after a random delay in {@code [0, min(cap, base *
   * 2^(n-1))]} ("full jitter", so that retries of many jobs spread out).
   */
  public static Retry exponential(int max, Duration base, Duration cap) {
    checkMax(max);
    checkNotNegative(base, "backoff base");
    checkNotNegative(cap, "backoff cap");
    return new Retry(max, List.of(), base, cap);
  }

  /** Retries at most. */
  public int max() {
    return max;
  }

  /** The wait before retry {@code n} (from 1). */
  public Duration delay(int n) {
    if (base != null) {
      long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(n - 1, 30));
      return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, ceiling + 1)));
    }
    return intervals.isEmpty()
        ? Duration.ZERO
        : intervals.get(Math.min(n - 1, intervals.size() - 1));
  }

  Object toJson() {
    return base != null
        ? java.util.Map.of("max", max, "baseMs", base.toMillis(), "capMs", cap.toMillis())
        : java.util.Map.of(
            "max", max, "intervalsMs", intervals.stream().map(Duration::toMillis).toList());
  }

  static Retry fromJson(com.fasterxml.jackson.databind.JsonNode node) {
    if (node == null || node.isNull() || node.path("max").asInt() <= 0) {
      return NONE;
    }
    int max = node.path("max").asInt();
    if (node.has("baseMs")) {
      return exponential(
          max,
          Duration.ofMillis(node.path("baseMs").asLong()),
          Duration.ofMillis(node.path("capMs").asLong()));
    }
    Duration[] intervals = new Duration[node.path("intervalsMs").size()];
    for (int i = 0; i < intervals.length; i++) {
      intervals[i] = Duration.ofMillis(Math.max(0, node.path("intervalsMs").get(i).asLong()));
    }
    return fixed(max, intervals);
  }

  private static void checkMax(int max) {
    if (max < 0 || max > 1000) {
      throw new IllegalArgumentException("Retries must be in [0, 1000]: " + max);
    }
  }

  private static void checkNotNegative(Duration duration, String what) {
    if (Objects.requireNonNull(duration, what).isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative: " + duration);
    }
  }

  @Override
  public String toString() {
    return max == 0
        ? "Retry.none"
        : base != null
            ? "Retry.exponential(" + max + ", " + base + ", " + cap + ")"
            : "Retry.fixed(" + max + ", " + intervals + ")";
  }
}
