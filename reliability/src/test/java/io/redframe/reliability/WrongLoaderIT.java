package io.redframe.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.redframe.CodecMismatchException;
import io.redframe.FrameKind;
import io.redframe.FrameStore;
import io.redframe.arrow.ArrowFrames;
import io.redframe.arrow.NdArray;
import io.redframe.arrow.NumericArrays;
import io.redframe.reliability.Specimens.Frame;
import io.redframe.reliability.Specimens.Loader;
import io.redframe.spi.CodecId;
import io.redframe.tablesaw.TablesawFrames;
import io.redframe.testing.TestRedis;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Every frame of every kind through every public loader that does not read it: a {@link
 * CodecMismatchException} naming the stored codec and the loader, never corruption; and the two
 * loaders that read another kind's Arrow frames by design (an Arrow array is a one-column table)
 * read them.
 */
class WrongLoaderIT {
  private BufferAllocator allocator;
  private FrameStore store;

  @BeforeEach
  void open() {
    allocator = new RootAllocator(1L << 30);
    store = TestRedis.store(b -> b.chunkSize(8192));
    Specimens.save(store, allocator);
  }

  @AfterEach
  void close() {
    store.close();
    allocator.close();
  }

  /**
   * Each pair of kinds: a loader for one kind on each frame of another kind. (Within a kind, such
   * as the Arrow loader on a JSON table, whether a loader reads another codec is the codec's
   * business, not a mismatch of kinds.)
   */
  @Test
  void eachLoaderRefusesEveryOtherKindNamingCodecAndLoader() {
    Map<String, Set<FrameKind>> refused = new TreeMap<>();
    int pairs = 0;
    for (Frame frame : Specimens.FRAMES) {
      for (Loader loader : Specimens.LOADERS) {
        if (loader.reads(frame) || frame.kind() == loader.home()) {
          continue;
        }
        Throwable thrown =
            catchThrowable(() -> Specimens.call(loader, store, allocator, frame.name(), null));
        String pair = loader.name() + " on " + frame.name();
        assertThat(thrown).as(pair).isInstanceOf(CodecMismatchException.class);
        CodecMismatchException mismatch = (CodecMismatchException) thrown;
        assertThat(mismatch.stored()).as(pair).isEqualTo(new CodecId(frame.codec(), 1));
        assertThat(mismatch.loader()).as(pair).isEqualTo(loader.decoder());
        assertThat(mismatch.getMessage())
            .as(pair)
            .contains("frame '" + frame.name() + "' version 1")
            .contains(new CodecId(frame.codec(), 1).toString())
            .contains(loader.decoder());
        refused
            .computeIfAbsent(loader.name(), k -> EnumSet.noneOf(FrameKind.class))
            .add(frame.kind());
        pairs++;
      }
    }
    System.out.println("wrong-loader pairs refused: " + pairs + " " + refused);
    for (Loader loader : Specimens.LOADERS) {
      Set<FrameKind> others =
          EnumSet.of(FrameKind.OBJECT, FrameKind.BYTES, FrameKind.TABLE, FrameKind.ARRAY);
      others.remove(loader.home());
      assertThat(refused.get(loader.name())).as(loader.name()).isEqualTo(others);
    }
  }

  @Test
  void theArrayLoaderNamesItselfWhenAskedTheFormatOfAnotherKind() {
    Throwable thrown = catchThrowable(() -> NumericArrays.of(store, allocator).formatOf("bytes"));
    assertThat(thrown).isInstanceOf(CodecMismatchException.class);
    assertThat(((CodecMismatchException) thrown).loader()).isEqualTo("the numeric array loader");
  }

  @Test
  void anArrowArrayIsAlsoAOneColumnTableAndAOneNumericColumnTableIsAnArray() {
    Table values = TablesawFrames.of(store, allocator).load("array-arrow");
    assertThat(values.columnNames()).containsExactly("values");
    assertThat(values.rowCount()).isEqualTo(5000);
    assertThat(((IntColumn) values.column(0)).getInt(4999)).isEqualTo(4999 * 31);

    Schema schema =
        new Schema(
            List.of(new Field("n", FieldType.notNullable(new ArrowType.Int(64, true)), null)));
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      BigIntVector n = (BigIntVector) root.getVector(0);
      n.allocateNew(3);
      for (int i = 0; i < 3; i++) {
        n.set(i, 10L * i);
      }
      root.setRowCount(3);
      ArrowFrames.of(store).save("one-column", root);
    }
    NdArray array = NumericArrays.of(store, allocator).load("one-column");
    assertThat(array.shape()).containsExactly(3);
    assertThat((long[]) array.data()).containsExactly(0, 10, 20);
  }
}
