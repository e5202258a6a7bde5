package io.redframe.internal.codec;

import io.redframe.FrameKind;
import io.redframe.spi.Codec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Codecs by id: core's own, then those that modules register through {@link ServiceLoader}, loaded
 * once. Immutable after that, so thread-safe.
 */
public final class CodecRegistry {
  private static final String CORE = "io.redframe:redframe-core";

  private CodecRegistry() {}

  public static Optional<Codec> find(String id) {
    return Optional.ofNullable(Holder.CODECS.get(id));
  }

  public static FrameKind kind(String id) {
    return find(id).map(Codec::kind).orElse(FrameKind.UNKNOWN);
  }

  private static final class Holder {
    static final Map<String, Codec> CODECS = load();

    private static Map<String, Codec> load() {
      Map<String, Codec> codecs = new HashMap<>();
      for (Codec codec : ServiceLoader.load(Codec.class, Codec.class.getClassLoader())) {
        codecs.putIfAbsent(codec.id(), codec);
      }
      for (Codec codec : ServiceLoader.load(Codec.class)) {
        codecs.putIfAbsent(codec.id(), codec);
      }
      codecs.put("json", builtIn("json", FrameKind.OBJECT));
      codecs.put("yaml", builtIn("yaml", FrameKind.OBJECT));
      codecs.put("cbor", builtIn("cbor", FrameKind.OBJECT));
      codecs.put(BytesCodec.CODEC.id(), builtIn(BytesCodec.CODEC.id(), FrameKind.BYTES));
      return Map.copyOf(codecs);
    }
  }

  private static Codec builtIn(String id, FrameKind kind) {
    return new Codec() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public FrameKind kind() {
        return kind;
      }

      @Override
      public String module() {
        return CORE;
      }
    };
  }
}
