package io.redframe;

/**
 * The frame, or the requested version of it, does not exist (never saved, deleted or expired).
 * {@link StaleReferenceException} is the case of a reference whose version number now holds other
 * content.
 */
public class FrameNotFoundException extends FrameStoreException {
  private static final long serialVersionUID = 1L;

  public FrameNotFoundException(String message) {
    super(message);
  }
}
