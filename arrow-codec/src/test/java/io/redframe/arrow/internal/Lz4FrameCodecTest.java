package io.redframe.arrow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.arrow.compression.Lz4CompressionCodec;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our LZ4 frame codec and Arrow's stock one read each other's output. */
class Lz4FrameCodecTest {
  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator(256L << 20);
  }

  @AfterEach
  void close() {
    allocator.close();
  }

  private ArrowBuf buffer(byte[] bytes) {
    ArrowBuf buf = allocator.buffer(Math.max(1, bytes.length));
    buf.setBytes(0, bytes);
    buf.writerIndex(bytes.length);
    return buf;
  }

  private static byte[] data(String kind, int size) {
    byte[] bytes = new byte[size];
    Random random = new Random(size);
    if (kind.equals("random")) {
      random.nextBytes(bytes);
    } else {
      byte[] words = "rain,sun,fog,snow,drizzle,".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < size; i++) {
        bytes[i] = kind.equals("zeros") ? 0 : words[(i + random.nextInt(3)) % words.length];
      }
    }
    return bytes;
  }

  private static byte[] roundTrip(
      BufferAllocator allocator, CompressionCodec writer, CompressionCodec reader, ArrowBuf input) {
    ArrowBuf compressed = writer.compress(allocator, input);
    try (ArrowBuf out = reader.decompress(allocator, compressed)) {
      byte[] bytes = new byte[(int) out.writerIndex()];
      out.getBytes(0, bytes);
      return bytes;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "zeros", "random"})
  void oursIsReadByArrowsStockCodecAndTheOtherWayRound(String kind) {
    for (int size : new int[] {0, 1, 100, 70_000, 5_000_000}) {
      byte[] bytes = data(kind, size);

      assertThat(
              roundTrip(allocator, new Lz4FrameCodec(), new Lz4CompressionCodec(), buffer(bytes)))
          .as("%s, %d bytes, ours -> stock", kind, size)
          .isEqualTo(bytes);
      if (size <= 100_000) { // the stock codec is very slow on large compressible buffers
        assertThat(
                roundTrip(allocator, new Lz4CompressionCodec(), new Lz4FrameCodec(), buffer(bytes)))
            .as("%s, %d bytes, stock -> ours", kind, size)
            .isEqualTo(bytes);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {10, 1 << 20})
  void aFrameThatDoesNotMatchItsAnnouncedLengthIsRejected(long announced) {
    ArrowBuf compressed = new Lz4FrameCodec().compress(allocator, buffer(data("text", 4096)));
    compressed.setLong(0, announced);

    assertThatThrownBy(() -> new Lz4FrameCodec().decompress(allocator, compressed).close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("its buffer header says " + announced);
    compressed.close();
  }
}
