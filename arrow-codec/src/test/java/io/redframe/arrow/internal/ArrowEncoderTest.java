package io.redframe.arrow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.testing.MemorySink;
import io.redframe.arrow.testing.RandomTables;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compare.TypeEqualsVisitor;
import org.apache.arrow.vector.compare.VectorEqualsVisitor;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the encoder cuts batches into chunks, and that every chunk holds exactly its slice. */
class ArrowEncoderTest {

  @ParameterizedTest
  @ValueSource(ints = {1000, 3001, 7777})
  void rowGroupsStartOnABitmapByteAndEachChunkHoldsItsSlice(int chunkSize) throws IOException {
    try (BufferAllocator allocator = new RootAllocator(256 << 20);
        RandomTables table = RandomTables.create(allocator, 1000, 5)) {
      MemorySink sink = new MemorySink(chunkSize);
      ArrowEncoder.of(table.root(), table.dictionaries(), ArrowCompression.NONE, 1 << 20)
          .encode(sink);

      assertThat(sink.chunks().size()).isGreaterThan(10);
      long covered = 0;
      int withDictionary = 0;
      for (int i = 0; i < sink.chunks().size(); i++) {
        long first = sink.firstRows().get(i);
        int rows = Math.toIntExact(sink.rowCounts().get(i));
        // every row group starts on a byte of the bitmaps, so Arrow slices them without copying
        assertThat(first % 8).as("first row of chunk %d", i).isZero();
        if (sink.columnIndexes().get(i).contains(0)) {
          covered += rows;
        }
        List<Integer> columns = sink.columnIndexes().get(i);
        try (ArrowStreamReader reader =
                new ArrowStreamReader(new ByteArrayInputStream(sink.chunks().get(i)), allocator);
            VectorSchemaRoot expected = table.root().slice((int) first, rows)) {
          assertThat(reader.loadNextBatch()).isTrue();
          VectorSchemaRoot decoded = reader.getVectorSchemaRoot();
          assertThat(decoded.getRowCount()).isEqualTo(rows);
          for (int j = 0; j < columns.size(); j++) {
            FieldVector want = expected.getVector(columns.get(j));
            assertThat(VectorEqualsVisitor.vectorEquals(want, decoded.getVector(j)))
                .as("column %s of chunk %d", want.getName(), i)
                .isTrue();
          }
          // each chunk carries the whole dictionary its columns use, and only that
          for (Dictionary dictionary : reader.getDictionaryVectors().values()) {
            long id = dictionary.getEncoding().getId();
            withDictionary++;
            assertThat(id).isEqualTo(RandomTables.DICTIONARY_ID);
            assertThat(
                    VectorEqualsVisitor.vectorEquals(
                        table.dictionaries().lookup(id).getVector(),
                        dictionary.getVector(),
                        // the dictionary's own field name is not stored
                        (a, b) -> new TypeEqualsVisitor(b, false, true).equals(a)))
                .isTrue();
          }
          assertThat(reader.loadNextBatch()).isFalse();
        }
      }
      assertThat(covered).isEqualTo(1000);
      assertThat(withDictionary).isPositive();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 9, 15, 16, 129_055})
  void rowGroupsAreRoundedDownToWholeBitmapBytes(int fit) {
    int rows = ArrowEncoder.groupRows(fit);
    assertThat(rows).isEqualTo(fit < 8 ? fit : fit - fit % 8);
  }
}
