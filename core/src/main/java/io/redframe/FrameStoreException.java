package io.redframe;

/**
 * Root of every exception redframe throws for a store operation. Unchecked, so callers catch it
 * where they can act on it; the subclasses are the cases a caller usually branches on.
 *
 * <p>Redis client exceptions never escape the public API: they are translated to this type (or to
 * {@link StoreConnectionException}) at the boundary, with the original kept as the cause.
 */
public class FrameStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FrameStoreException(String message) {
    super(message);
  }

  public FrameStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
