package io.redframe.arrow.internal;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.CompressionUtil.CodecType;

/**
 * The codec factory for decoding one untrusted chunk. Arrow's loader leaks the buffers it has
 * already decompressed for a field when a later one fails to decompress, so these codecs never
 * throw: a buffer that does not decompress comes back zero-filled at its announced length (already
 * bounded by the read limits) and the failure is recorded; {@link ChunkDecoding} reports it once
 * the batch is loaded, when closing the reader releases every buffer.
 */
final class GuardedCodecs implements CompressionCodec.Factory {
  private String failure;

  /** The first decompression failure, or null. */
  String failure() {
    return failure;
  }

  @Override
  public CompressionCodec createCodec(CodecType codecType) {
    return new Guarded(CodecFactory.INSTANCE.createCodec(codecType));
  }

  @Override
  public CompressionCodec createCodec(CodecType codecType, int compressionLevel) {
    return createCodec(codecType);
  }

  private final class Guarded implements CompressionCodec {
    private final CompressionCodec delegate;

    Guarded(CompressionCodec delegate) {
      this.delegate = delegate;
    }

    @Override
    public ArrowBuf compress(BufferAllocator allocator, ArrowBuf uncompressed) {
      return delegate.compress(allocator, uncompressed);
    }

    @Override
    public ArrowBuf decompress(BufferAllocator allocator, ArrowBuf compressed) {
      long announced =
          compressed.writerIndex() >= CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH
              ? compressed.getLong(0)
              : 0;
      try {
        return delegate.decompress(allocator, compressed);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = delegate.getCodecType() + " buffer does not decompress: " + e.getMessage();
        }
        compressed.close(); // as a successful decompression would
        ArrowBuf zeros = allocator.buffer(Math.max(0, announced));
        zeros.setZero(0, zeros.capacity());
        zeros.writerIndex(Math.max(0, announced));
        return zeros;
      }
    }

    @Override
    public CodecType getCodecType() {
      return delegate.getCodecType();
    }
  }
}
