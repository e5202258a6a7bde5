package io.redframe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** The scaling reports' streaming source writes its buffers directly: row i is (i, i/2, 3i). */
class SyntheticDoublesTest {
  @Test
  void everyRowHoldsItsValuesAndNoneIsNull() throws Exception {
    try (BufferAllocator allocator = new RootAllocator(1L << 30);
        Frames.SyntheticDoubles source = new Frames.SyntheticDoubles(allocator, 2_500, 1_000)) {
      VectorSchemaRoot root = source.getVectorSchemaRoot();
      long row = 0;
      int batches = 0;
      while (source.loadNextBatch()) {
        batches++;
        BigIntVector id = (BigIntVector) root.getVector(0);
        Float8Vector half = (Float8Vector) root.getVector(1);
        Float8Vector triple = (Float8Vector) root.getVector(2);
        for (int i = 0; i < root.getRowCount(); i++, row++) {
          assertThat(id.isNull(i) || half.isNull(i) || triple.isNull(i)).isFalse();
          assertThat(id.get(i)).isEqualTo(row);
          assertThat(half.get(i)).isEqualTo(row / 2.0);
          assertThat(triple.get(i)).isEqualTo(row * 3.0);
        }
        assertThat(id.getNullCount() + half.getNullCount() + triple.getNullCount()).isZero();
      }
      assertThat(row).isEqualTo(2_500);
      assertThat(batches).isEqualTo(3);
    }
  }
}
