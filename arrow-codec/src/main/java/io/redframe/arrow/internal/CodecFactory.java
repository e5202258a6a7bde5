package io.redframe.arrow.internal;

import org.apache.arrow.compression.ZstdCompressionCodec;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil.CodecType;
import org.apache.arrow.vector.compression.NoCompressionCodec;

/**
 * The compression codecs redframe reads and writes Arrow IPC with: its own fast LZ4 frame codec,
 * Arrow's zstd-jni codec, and none. Registered as a {@code ServiceLoader} provider too, so Arrow's
 * default factory finds it.
 */
public final class CodecFactory implements CompressionCodec.Factory {
  public static final CodecFactory INSTANCE = new CodecFactory();

  @Override
  public CompressionCodec createCodec(CodecType codecType) {
    return switch (codecType) {
      case NO_COMPRESSION -> NoCompressionCodec.INSTANCE;
      case LZ4_FRAME -> new Lz4FrameCodec();
      case ZSTD -> new ZstdCompressionCodec();
    };
  }

  @Override
  public CompressionCodec createCodec(CodecType codecType, int compressionLevel) {
    return codecType == CodecType.ZSTD
        ? new ZstdCompressionCodec(compressionLevel)
        : createCodec(codecType);
  }
}
