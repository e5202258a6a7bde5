package io.redframe.arrow.internal;

import io.redframe.FrameKind;
import io.redframe.spi.Codec;

/**
 * The codecs of this module as the store's codec registry sees them (registered through {@link
 * java.util.ServiceLoader}): {@code arrow} tables, and numeric arrays in {@code arrow-array},
 * {@code raw} and {@code json-array}. One class per codec, as a service provider is instantiated
 * per class.
 */
public final class Codecs {
  static final String MODULE = "io.redframe:redframe-arrow-codec";

  private Codecs() {}

  /** A codec of this module: an id and what its frames hold. */
  abstract static class Described implements Codec {
    private final String id;
    private final FrameKind kind;

    Described(String id, FrameKind kind) {
      this.id = id;
      this.kind = kind;
    }

    @Override
    public final String id() {
      return id;
    }

    @Override
    public final FrameKind kind() {
      return kind;
    }

    @Override
    public final String module() {
      return MODULE;
    }
  }

  /** {@code arrow}: Arrow record batches, a table. */
  public static final class Arrow extends Described {
    public Arrow() {
      super(ArrowEncoder.CODEC.id(), FrameKind.TABLE);
    }
  }

  /** {@code arrow-array}: a numeric array as one Arrow column. */
  public static final class ArrowArray extends Described {
    public ArrowArray() {
      super(ArrowArrays.CODEC.id(), FrameKind.ARRAY);
    }
  }

  /** {@code raw}: a numeric array as little-endian bytes. */
  public static final class Raw extends Described {
    public Raw() {
      super(RawArrays.CODEC.id(), FrameKind.ARRAY);
    }
  }

  /** {@code json-array}: a numeric array as nested JSON lists. */
  public static final class JsonArray extends Described {
    public JsonArray() {
      super(JsonArrays.CODEC.id(), FrameKind.ARRAY);
    }
  }
}
