package io.redframe.arrow.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.compression.AbstractCompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;

/**
 * Arrow IPC {@code LZ4_FRAME} buffer compression on lz4-java, which writes and reads the standard
 * LZ4 frame format (so Arrow's stock codec, pyarrow and arrow-cpp read what this writes, and the
 * other way round) at native speed. Thread-safe: it holds no state.
 *
 * <p>Decompression trusts nothing: the uncompressed length in the buffer's 8-byte prefix has been
 * checked against the read limits before this runs ({@link IpcValidator}), and the frame must
 * decompress to exactly that many bytes.
 */
public final class Lz4FrameCodec extends AbstractCompressionCodec {
  private static final int PREFIX = (int) CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH;

  @Override
  protected ArrowBuf doCompress(BufferAllocator allocator, ArrowBuf uncompressed) {
    int length = checkedLength(uncompressed.writerIndex(), "uncompressed");
    byte[] input = new byte[length];
    uncompressed.getBytes(0, input);
    Output out = new Output(length / 2 + 64);
    try (LZ4FrameOutputStream lz4 =
        new LZ4FrameOutputStream(
            out, blockSize(length), LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE)) {
      lz4.write(input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ArrowBuf compressed = allocator.buffer(PREFIX + (long) out.size());
    compressed.setBytes(PREFIX, out.bytes(), 0, out.size());
    compressed.writerIndex(PREFIX + (long) out.size());
    return compressed;
  }

  /** The smallest standard block size that holds the buffer, at most 1 MB (measured fastest). */
  private static LZ4FrameOutputStream.BLOCKSIZE blockSize(int length) {
    if (length <= 64 << 10) {
      return LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB;
    }
    return length <= 256 << 10
        ? LZ4FrameOutputStream.BLOCKSIZE.SIZE_256KB
        : LZ4FrameOutputStream.BLOCKSIZE.SIZE_1MB;
  }

  @Override
  protected ArrowBuf doDecompress(BufferAllocator allocator, ArrowBuf compressed) {
    int expected = checkedLength(readUncompressedLength(compressed), "uncompressed");
    int available = checkedLength(compressed.writerIndex() - PREFIX, "compressed");
    byte[] input = new byte[available];
    compressed.getBytes(PREFIX, input);
    byte[] output;
    try (InputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(input))) {
      output = in.readNBytes(expected);
      if (output.length != expected || in.read() != -1) {
        throw new IllegalStateException(
            "LZ4 frame decompresses to "
                + (output.length != expected ? output.length : "more than " + expected)
                + " bytes; its buffer header says "
                + expected);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Invalid LZ4 frame: " + e.getMessage(), e);
    }
    ArrowBuf decompressed = allocator.buffer(expected);
    decompressed.setBytes(0, output);
    decompressed.writerIndex(expected);
    return decompressed;
  }

  private static int checkedLength(long length, String what) {
    if (length < 0 || length > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException(
          "LZ4 buffer " + what + " length " + length + " is out of range");
    }
    return (int) length;
  }

  @Override
  public CompressionUtil.CodecType getCodecType() {
    return CompressionUtil.CodecType.LZ4_FRAME;
  }

  /** A byte array output stream whose buffer can be read without a copy. */
  private static final class Output extends ByteArrayOutputStream {
    Output(int size) {
      super(size);
    }

    byte[] bytes() {
      return buf;
    }
  }
}
