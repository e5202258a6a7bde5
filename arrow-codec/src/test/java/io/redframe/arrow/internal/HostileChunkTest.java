package io.redframe.arrow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.CorruptFrameException;
import io.redframe.LimitExceededException;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowReadLimits;
import io.redframe.arrow.testing.MemorySink;
import io.redframe.arrow.testing.RandomTables;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Random, truncated, mutated and crafted bytes into the Arrow chunk decoder: only the documented
 * exceptions, never a hang, an {@code OutOfMemoryError}, a JVM crash or a leaked buffer.
 */
class HostileChunkTest {
  private static final ArrowReadLimits LIMITS =
      ArrowReadLimits.DEFAULTS.withMaxBufferBytes(16 << 20).withMaxBatchRows(1 << 20);
  private static List<byte[]> valid;

  @BeforeContainer
  static void encode() throws IOException {
    try (BufferAllocator allocator = new RootAllocator(64 << 20);
        RandomTables table = RandomTables.create(allocator, 300, 1)) {
      MemorySink sink = new MemorySink(1 << 20);
      for (ArrowCompression compression : ArrowCompression.values()) {
        ArrowEncoder.of(table.root(), table.dictionaries(), compression, 1 << 20).encode(sink);
      }
      valid = sink.chunks();
    }
  }

  @AfterContainer
  static void release() {
    valid = null;
  }

  /** Decodes; true if the bytes decoded (and were checked), false if rejected as documented. */
  private static boolean decode(byte[] bytes) {
    try (BufferAllocator allocator = new RootAllocator(256L << 20)) {
      try (ArrowStreamReader reader = ChunkDecoding.open(bytes, allocator, LIMITS, "chunk c:0")) {
        return reader.getVectorSchemaRoot().getRowCount() >= 0;
      } catch (CorruptFrameException | LimitExceededException expected) {
        assertThat(expected.getMessage()).contains("chunk c:0");
        return false;
      } catch (IOException e) {
        throw new AssertionError("undocumented exception", e);
      }
    } // closing the allocator fails the try if a buffer leaked
  }

  @Property(tries = 1000)
  void randomBytesAreRejected(@ForAll @Size(max = 3000) byte[] bytes) {
    assertThat(decode(bytes)).isFalse();
  }

  @Property(tries = 600)
  void truncatedChunksAreRejected(
      @ForAll("chunk") int which, @ForAll @IntRange(min = 0, max = 100_000) int cut) {
    byte[] chunk = valid.get(which);
    int length = cut % chunk.length;
    byte[] truncated = java.util.Arrays.copyOf(chunk, length);
    assertThat(decode(truncated)).isFalse();
  }

  @Property(tries = 3000)
  void mutatedChunksDecodeCheckedOrAreRejected(
      @ForAll("chunk") int which,
      @ForAll @IntRange(min = 0, max = 1_000_000) int position,
      @ForAll byte value) {
    byte[] chunk = valid.get(which).clone();
    chunk[position % chunk.length] = value;
    decode(chunk); // either outcome is fine; anything else fails the property
  }

  @Provide
  Arbitrary<Integer> chunk() {
    return Arbitraries.integers().between(0, valid.size() - 1);
  }

  @org.junit.jupiter.api.Test
  void lengthsPointingPastTheEndAreNamed() throws IOException {
    encode();
    byte[] chunk = valid.get(0).clone();
    ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    view.putInt(4, 1 << 30);
    assertThatThrownBy(
            () -> ChunkDecoding.open(chunk, new RootAllocator(1 << 20), LIMITS, "chunk c:9"))
        .isInstanceOf(CorruptFrameException.class)
        .hasMessageContaining(
            "chunk c:9 is not a valid Arrow IPC stream: message metadata length 1073741824 points past the end");
  }

  /**
   * A column without nulls whose validity bitmap is there but too short: Arrow's loader uses it,
   * then fails to resize it and leaks the batch. Found by the reliability suite's forged-checksum
   * mutations (a buffer length changed in the metadata).
   */
  @org.junit.jupiter.api.Test
  void aShortValidityBitmapIsRejectedEvenWithoutNulls() throws IOException {
    byte[] chunk;
    try (BufferAllocator allocator = new RootAllocator(1 << 20);
        IntVector ints = new IntVector("n", allocator)) {
      ints.allocateNew(1000);
      for (int i = 0; i < 1000; i++) {
        ints.set(i, i);
      }
      ints.setValueCount(1000);
      try (VectorSchemaRoot root = VectorSchemaRoot.of(ints)) {
        MemorySink sink = new MemorySink(1 << 20);
        ArrowEncoder.of(root, null, ArrowCompression.NONE, 1 << 20).encode(sink);
        chunk = sink.chunks().get(0);
      }
    }
    // the validity buffer's extent, (offset 0, length 125), becomes (0, 64): room for 512 values
    ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int at = -1;
    for (int i = 0; i + 16 <= chunk.length && at < 0; i += 4) {
      if (view.getLong(i) == 0 && view.getLong(i + 8) == 125) {
        at = i + 8;
      }
    }
    assertThat(at).as("the validity buffer's extent").isPositive();
    view.putLong(at, 64);
    try (BufferAllocator allocator = new RootAllocator(1 << 20)) {
      assertThatThrownBy(() -> ChunkDecoding.open(chunk, allocator, LIMITS, "chunk c:1"))
          .isInstanceOf(CorruptFrameException.class)
          .hasMessageContaining("buffer 0 holds 64 bytes, 125 needed for 1000 values");
    } // and nothing leaked
  }

  /**
   * A list whose last offset points past its child: Arrow's loader would size the child by it
   * (failing an assertion when it is negative, and leaking the batch). Found by this class's
   * mutation property.
   */
  @org.junit.jupiter.api.Test
  void aListOffsetPastItsChildIsRejectedBeforeArrowLoadsIt() throws IOException {
    byte[] chunk;
    try (BufferAllocator allocator = new RootAllocator(1 << 20);
        ListVector lists = ListVector.empty("lists", allocator)) {
      UnionListWriter writer = lists.getWriter();
      long[][] values = {{1, 2}, {3}, {4, 5, 6}};
      for (int i = 0; i < values.length; i++) {
        writer.setPosition(i);
        writer.startList();
        for (long value : values[i]) {
          writer.writeBigInt(value);
        }
        writer.endList();
      }
      lists.setValueCount(values.length);
      try (VectorSchemaRoot root = VectorSchemaRoot.of(lists)) {
        MemorySink sink = new MemorySink(1 << 20);
        ArrowEncoder.of(root, null, ArrowCompression.NONE, 1 << 20).encode(sink);
        chunk = sink.chunks().get(0);
      }
    }
    ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int at = -1;
    for (int i = 0; i + 16 <= chunk.length && at < 0; i += 4) {
      if (view.getInt(i) == 0
          && view.getInt(i + 4) == 2
          && view.getInt(i + 8) == 3
          && view.getInt(i + 12) == 6) {
        at = i + 12;
      }
    }
    assertThat(at).as("the list's offsets").isPositive();
    view.putInt(at, -7);
    try (BufferAllocator allocator = new RootAllocator(1 << 20)) {
      assertThatThrownBy(() -> ChunkDecoding.open(chunk, allocator, LIMITS, "chunk c:2"))
          .isInstanceOf(CorruptFrameException.class)
          .hasMessageContaining("list node 0 has offsets from 0 to -7 into a child of 6 values");
    } // and nothing leaked
  }

  @org.junit.jupiter.api.Test
  void hugeAnnouncedSizesHitTheLimitBeforeAllocation() throws IOException {
    encode();
    ArrowReadLimits tight = ArrowReadLimits.DEFAULTS.withMaxBatchRows(100);
    try (BufferAllocator allocator = new RootAllocator(1 << 20)) {
      assertThatThrownBy(() -> ChunkDecoding.open(valid.get(0), allocator, tight, "chunk c:0"))
          .isInstanceOf(LimitExceededException.class)
          .hasMessageContaining(
              "Record batch rows in chunk c:0 (300) exceeds the maximum (100, set by maxBatchRows)");
      ArrowReadLimits tinyBuffers = ArrowReadLimits.DEFAULTS.withMaxBufferBytes(64);
      assertThatThrownBy(
              () -> ChunkDecoding.open(valid.get(0), allocator, tinyBuffers, "chunk c:0"))
          .isInstanceOf(LimitExceededException.class)
          .hasMessageContaining("maxBufferBytes");
    }
  }
}
