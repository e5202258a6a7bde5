package io.redframe;

/**
 * Redis could not be reached, refused the credentials, or did not answer in time. The message names
 * the server (never the password).
 */
public final class StoreConnectionException extends FrameStoreException {
  private static final long serialVersionUID = 1L;

  public StoreConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
