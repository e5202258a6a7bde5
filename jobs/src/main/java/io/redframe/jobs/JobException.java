package io.redframe.jobs;

/**
 * Thrown by a handler to fail its job with a message; {@link #permanent} failures are not retried
 * (bad input that no retry will fix). Any other exception a handler throws fails the job too, and
 * is retried as the job's {@link Retry} says.
 */
public class JobException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  public JobException(String message) {
    this(message, null, true);
  }

  public JobException(String message, Throwable cause) {
    this(message, cause, true);
  }

  private JobException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** A failure that retrying cannot fix: the job fails now, whatever retries it has left. */
  public static JobException permanent(String message) {
    return new JobException(message, null, false);
  }

  /** Whether the job's retries apply. */
  public boolean retryable() {
    return retryable;
  }
}
