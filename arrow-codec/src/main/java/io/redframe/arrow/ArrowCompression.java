package io.redframe.arrow;

import org.apache.arrow.vector.compression.CompressionUtil.CodecType;

/**
 * Buffer compression inside the Arrow IPC chunks: the standard Arrow IPC body compression, so any
 * Arrow reader (pyarrow, arrow-rs, Arrow JS with a codec) decodes it.
 */
public enum ArrowCompression {
  /** No compression: the fastest to write and read, the most bytes. */
  NONE(CodecType.NO_COMPRESSION, "none"),
  /**
   * LZ4 frame format, through redframe's own codec on lz4-java (Arrow Java's stock LZ4 codec runs
   * at tens of KB/s on compressible data, apache/arrow-java issue 192).
   */
  LZ4(CodecType.LZ4_FRAME, "lz4"),
  /** Zstandard, through zstd-jni: the fewest bytes, slower to write. */
  ZSTD(CodecType.ZSTD, "zstd");

  private final CodecType codecType;
  private final String id;

  ArrowCompression(CodecType codecType, String id) {
    this.codecType = codecType;
    this.id = id;
  }

  /** Arrow's codec type for this compression. */
  public CodecType codecType() {
    return codecType;
  }

  /** The name the manifest records: {@code none}, {@code lz4} or {@code zstd}. */
  public String id() {
    return id;
  }

  /**
   * The compression named {@code id} in a manifest or on a command line, in any case.
   *
   * @throws IllegalArgumentException if there is none (the message lists them)
   */
  public static ArrowCompression forId(String id) {
    for (ArrowCompression c : values()) {
      if (c.id.equalsIgnoreCase(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("Unknown compression '" + id + "'; known: none, lz4, zstd");
  }
}
