package io.redframe.arrow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The first index outside its dictionary, for int32 indexes (read in bulk) and any other width. */
class DictionaryIndexesTest {
  private final BufferAllocator allocator = new RootAllocator(1 << 24);

  @AfterEach
  void close() {
    allocator.close();
  }

  @Test
  void int32IndexesOutsideTheDictionaryAreFoundAndNullsSkipped() {
    try (IntVector indexes = new IntVector("k", allocator)) {
      indexes.allocateNew(10_000);
      for (int i = 0; i < 10_000; i++) {
        indexes.set(i, i % 5);
      }
      indexes.setValueCount(10_000);
      assertThat(DictionaryIndexes.firstOutside(indexes, 5)).isEqualTo(-1);
      assertThat(DictionaryIndexes.firstOutside(indexes, 4)).isEqualTo(4); // index 4 at row 4

      indexes.set(7_777, -1);
      assertThat(DictionaryIndexes.firstOutside(indexes, 5)).isEqualTo(7_777);
      assertThat(DictionaryIndexes.at(indexes, 7_777)).isEqualTo(-1);
      indexes.set(7_777, Integer.MIN_VALUE);
      assertThat(DictionaryIndexes.firstOutside(indexes, 5)).isEqualTo(7_777);

      indexes.setNull(7_777); // a null's slot holds whatever it held: not an index
      assertThat(DictionaryIndexes.firstOutside(indexes, 5)).isEqualTo(-1);
      assertThat(DictionaryIndexes.firstOutside(indexes, 0)).isZero();
    }
  }

  @Test
  void narrowerAndUnsignedIndexesAreReadAsTheirValues() {
    try (SmallIntVector shorts = new SmallIntVector("s", allocator);
        UInt1Vector bytes = new UInt1Vector("b", allocator)) {
      shorts.allocateNew(3);
      shorts.set(0, 1);
      shorts.set(1, -2);
      shorts.set(2, 0);
      shorts.setValueCount(3);
      assertThat(DictionaryIndexes.firstOutside(shorts, 300)).isEqualTo(1);

      bytes.allocateNew(2);
      bytes.set(0, 1);
      bytes.set(1, 200); // 200 as uint8, not -56
      bytes.setValueCount(2);
      assertThat(DictionaryIndexes.firstOutside(bytes, 201)).isEqualTo(-1);
      assertThat(DictionaryIndexes.firstOutside(bytes, 200)).isEqualTo(1);
      assertThat(DictionaryIndexes.at(bytes, 1)).isEqualTo(200);
    }
  }
}
