package io.redframe.jobs;

import java.util.Locale;

/** Where a job is in its life, in rq's words. */
public enum JobStatus {
  /** Waiting in the queue for a worker. */
  QUEUED,
  /** Waiting for its time ({@code enqueueIn/At}, or a retry's backoff). */
  SCHEDULED,
  /** Waiting for the jobs it depends on. */
  DEFERRED,
  /** Running on a worker, which holds its lease. */
  STARTED,
  /** Ended with a result. */
  FINISHED,
  /** Ended with an error, retries spent (or the handler said not to retry). */
  FAILED,
  /** Canceled before it started (by a user, or because a dependency did not finish). */
  CANCELED,
  /** Stopped while it ran, at a user's request. */
  STOPPED;

  /** Whether the job has ended (finished, failed, canceled or stopped). */
  public boolean ended() {
    return switch (this) {
      case FINISHED, FAILED, CANCELED, STOPPED -> true;
      case QUEUED, SCHEDULED, DEFERRED, STARTED -> false;
    };
  }

  /** The status as the queue stores it ({@code queued}, {@code started}...). */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  static JobStatus of(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
