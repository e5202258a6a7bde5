package io.redframe;

/**
 * A size or count read from Redis (or given by the caller) is above a configured limit. It is
 * checked before any memory is allocated for it; the message names the limit and the value.
 */
public final class LimitExceededException extends FrameStoreException {
  private static final long serialVersionUID = 1L;
  private final String limit;
  private final long value;
  private final long maximum;

  public LimitExceededException(String what, String limit, long value, long maximum) {
    super(what + " (" + value + ") exceeds the maximum (" + maximum + ", set by " + limit + ")");
    this.limit = limit;
    this.value = value;
    this.maximum = maximum;
  }

  /** The name of the limit, such as the store option that sets it. */
  public String limit() {
    return limit;
  }

  public long value() {
    return value;
  }

  public long maximum() {
    return maximum;
  }
}
