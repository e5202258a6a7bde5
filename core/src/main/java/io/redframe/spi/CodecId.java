package io.redframe.spi;

import java.util.Objects;

/**
 * A codec's name and the version of its format, as recorded in every manifest.
 *
 * @param id the codec's name: lowercase letters, digits and {@code -}
 * @param version the version of the codec's chunk format, from 1
 */
public record CodecId(String id, int version) {
  public CodecId {
    Objects.requireNonNull(id, "id");
    if (!id.matches("[a-z0-9-]{1,32}")) {
      throw new IllegalArgumentException("Codec id must be 1-32 of [a-z0-9-]: '" + id + "'");
    }
    if (version < 1) {
      throw new IllegalArgumentException("Codec version must be >= 1: " + version);
    }
  }

  @Override
  public String toString() {
    return id + " v" + version;
  }
}
