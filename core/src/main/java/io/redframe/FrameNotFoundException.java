package io.redframe;

/** The frame, or the requested version of it, does not exist (never saved, deleted or expired). */
public final class FrameNotFoundException extends FrameStoreException {
  private static final long serialVersionUID = 1L;

  public FrameNotFoundException(String message) {
    super(message);
  }
}
