package io.redframe;

/**
 * Stored bytes failed a check: a checksum mismatch, a length that differs from the manifest, a
 * manifest that does not parse, or a chunk a decoder rejected. The message names the frame, the
 * version and the chunk. No data from a corrupt chunk is ever returned.
 */
public final class CorruptFrameException extends FrameStoreException {
  private static final long serialVersionUID = 1L;

  public CorruptFrameException(String message) {
    super(message);
  }

  public CorruptFrameException(String message, Throwable cause) {
    super(message, cause);
  }
}
