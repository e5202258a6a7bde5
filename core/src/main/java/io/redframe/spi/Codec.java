package io.redframe.spi;

import io.redframe.FrameKind;
import io.redframe.internal.codec.CodecRegistry;
import java.util.Optional;

/**
 * Describes a codec to the store, so that a program that knows only a frame's name can tell what it
 * holds ({@link io.redframe.Manifest#kind()}) and which module reads it. Codec modules register one
 * per codec id through {@link java.util.ServiceLoader} ({@code provides io.redframe.spi.Codec with
 * ...} in {@code module-info.java}, or {@code META-INF/services/io.redframe.spi.Codec} on the class
 * path). Core describes its own codecs ({@code json}, {@code yaml}, {@code bytes}).
 */
public interface Codec {

  /** The codec id written in manifests, such as {@code arrow} or {@code json-table}. */
  String id();

  /** What frames of this codec hold. */
  FrameKind kind();

  /** The module that reads it, for messages, such as {@code io.redframe:redframe-arrow-codec}. */
  String module();

  /** The codec registered for {@code id}, if a module on the class or module path has one. */
  static Optional<Codec> find(String id) {
    return CodecRegistry.find(id);
  }
}
