package io.redframe.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bytes written in any pattern come out as chunks of exactly the chunk size (the last one shorter),
 * in order, whether the chunk size is below the first buffer's size or far above it.
 */
class ChunkOutputStreamTest {
  /** Chunks as the sink received them, copied at once (the stream may reuse nothing it gave). */
  private static final class Sink implements ChunkSink {
    final int size;
    final List<byte[]> chunks = new ArrayList<>();

    Sink(int size) {
      this.size = size;
    }

    @Override
    public int chunkSize() {
      return size;
    }

    @Override
    public void write(long firstRow, long rows, List<Integer> columns, byte[] bytes) {
      chunks.add(bytes.clone());
    }

    @Override
    public void write(
        long firstRow, long rows, List<Integer> columns, byte[] bytes, int offset, int length) {
      chunks.add(Arrays.copyOfRange(bytes, offset, offset + length));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 100, ChunkOutputStream.FIRST_BUFFER, 10_000, 1 << 20})
  void chunksHoldTheBytesInOrderAndAreFullButTheLast(int chunkSize) throws IOException {
    Random random = new Random(chunkSize);
    byte[] input = new byte[3 * 1_000_003];
    random.nextBytes(input);
    Sink sink = new Sink(chunkSize);
    ChunkOutputStream out = new ChunkOutputStream(sink);
    int at = 0;
    while (at < input.length) {
      // single bytes and runs of every length, some longer than a chunk
      if (random.nextInt(4) == 0) {
        out.write(input[at++]);
      } else {
        int n = Math.min(input.length - at, random.nextInt(3 * chunkSize + 50));
        out.write(input, at, n);
        at += n;
      }
    }
    assertThat(out.finish()).isEqualTo(input.length);

    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (int i = 0; i < sink.chunks.size(); i++) {
      byte[] chunk = sink.chunks.get(i);
      if (i < sink.chunks.size() - 1) {
        assertThat(chunk).hasSize(chunkSize);
      } else {
        assertThat(chunk.length).isBetween(1, chunkSize);
      }
      joined.write(chunk);
    }
    assertThat(joined.toByteArray()).isEqualTo(input);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 150})
  void smallPayloadsMakeOneShortChunkOrNone(int length) throws IOException {
    Sink sink = new Sink(1 << 20);
    ChunkOutputStream out = new ChunkOutputStream(sink);
    byte[] input = new byte[length];
    Arrays.fill(input, (byte) 7);
    out.write(input);
    assertThat(out.finish()).isEqualTo(length);
    assertThat(sink.chunks).hasSize(length == 0 ? 0 : 1);
    if (length > 0) {
      assertThat(sink.chunks.get(0)).isEqualTo(input);
    }
  }
}
