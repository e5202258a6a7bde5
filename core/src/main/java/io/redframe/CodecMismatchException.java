package io.redframe;

import io.redframe.spi.CodecId;

/**
 * A frame was loaded with a loader that does not read its codec: a table as an array, an object as
 * a table. The stored bytes are fine; pick the loader for {@link Manifest#kind()}. Nothing was
 * fetched beyond the manifest.
 */
public final class CodecMismatchException extends FrameStoreException {
  private static final long serialVersionUID = 1L;

  private final transient CodecId stored;
  private final String loader;

  public CodecMismatchException(String where, CodecId stored, FrameKind kind, String loader) {
    super(
        where
            + " holds "
            + article(kind)
            + " stored with codec "
            + stored
            + ", which "
            + loader
            + " does not read");
    this.stored = stored;
    this.loader = loader;
  }

  private static String article(FrameKind kind) {
    return switch (kind) {
      case OBJECT -> "an object";
      case BYTES -> "bytes";
      case TABLE -> "a table";
      case ARRAY -> "an array";
      case UNKNOWN -> "a frame";
    };
  }

  /** The codec the frame was written with. */
  public CodecId stored() {
    return stored;
  }

  /** The loader that was used, as its {@link io.redframe.spi.FrameDecoder#name()} says. */
  public String loader() {
    return loader;
  }
}
