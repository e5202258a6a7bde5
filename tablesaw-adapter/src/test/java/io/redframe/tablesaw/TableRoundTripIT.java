package io.redframe.tablesaw;

import io.redframe.FrameStore;
import io.redframe.arrow.ArrowCompression;
import io.redframe.tablesaw.testing.Tables;
import io.redframe.testing.TestRedis;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import tech.tablesaw.api.Table;

/**
 * Random tables over every column type, missing values, 0/1/many rows and several chunk sizes,
 * saved and loaded through a real Redis in Arrow (each compression) and JSON, equal cell by cell.
 */
class TableRoundTripIT {
  private static final int[] CHUNK_SIZES = {4096, 64 << 10, 1 << 20};
  private static FrameStore[] stores;

  @BeforeContainer
  static void open() {
    stores = new FrameStore[CHUNK_SIZES.length];
    for (int i = 0; i < CHUNK_SIZES.length; i++) {
      int chunkSize = CHUNK_SIZES[i];
      stores[i] = TestRedis.store(b -> b.chunkSize(chunkSize));
    }
  }

  @AfterContainer
  static void close() {
    for (FrameStore store : stores) {
      store.close();
    }
  }

  @Property(tries = 60)
  void tablesRoundTrip(
      @ForAll("rows") int rows,
      @ForAll @IntRange(min = 0, max = 6) int missingEvery,
      @ForAll @IntRange(min = 0, max = 2) int chunkSize,
      @ForAll ArrowCompression compression,
      @ForAll TableFormat format,
      @ForAll long seed) {
    Table table = Tables.random(rows, missingEvery, seed);
    try (BufferAllocator allocator = new RootAllocator(1L << 30)) {
      TablesawFrames tables =
          TablesawFrames.of(stores[chunkSize], allocator).format(format).compression(compression);
      tables.save("t", table);
      Tables.assertSame(tables.load("t"), table);
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> rows() {
    return net.jqwik.api.Arbitraries.of(0, 1, 2, 777, 5000);
  }
}
