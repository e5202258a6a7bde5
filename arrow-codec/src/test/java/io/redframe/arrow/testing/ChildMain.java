package io.redframe.arrow.testing;

import io.redframe.FrameStore;
import io.redframe.SaveOptions;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowFrames;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Run in child JVMs by the Arrow tests. {@code big URL ROWS}: streams a synthetic frame in and out
 * under a small heap and a small allocator, checking every row. {@code arrow URL}: just opens the
 * Arrow API (to see the error when java.nio is not opened).
 */
public final class ChildMain {
  private ChildMain() {}

  public static void main(String[] args) throws Exception {
    try (FrameStore store = FrameStore.builder().url(args[1]).build()) {
      if (args[0].equals("arrow")) {
        ArrowFrames.of(store);
        System.out.println("arrow ok");
        return;
      }
      bigFrame(store, Long.parseLong(args[2]));
    } catch (RuntimeException e) {
      System.out.println("FAILED: " + e.getMessage());
      System.exit(3);
    }
  }

  private static void bigFrame(FrameStore store, long rows) throws Exception {
    try (BufferAllocator allocator = new RootAllocator(96L << 20)) {
      ArrowFrames arrow =
          ArrowFrames.of(store).compression(ArrowCompression.LZ4).maxBatchRows(1 << 16);
      try (SyntheticReader source = new SyntheticReader(allocator, rows, 1 << 16)) {
        System.out.println(
            "saved " + arrow.save("big", source, SaveOptions.defaults()).bytes() + " bytes");
      }
      long seen = 0;
      try (ArrowReader reader = arrow.load("big", allocator)) {
        while (reader.loadNextBatch()) {
          VectorSchemaRoot batch = reader.getVectorSchemaRoot();
          BigIntVector id = (BigIntVector) batch.getVector(0);
          Float8Vector half = (Float8Vector) batch.getVector(1);
          VarCharVector label = (VarCharVector) batch.getVector(2);
          for (int i = 0; i < batch.getRowCount(); i++) {
            long row = seen + i;
            if (id.get(i) != row
                || half.get(i) != row / 2.0
                || !new String(label.get(i), StandardCharsets.US_ASCII).equals("r" + row % 1000)) {
              throw new IllegalStateException("row " + row + " differs");
            }
          }
          seen += batch.getRowCount();
        }
      }
      System.out.println("loaded " + seen + " rows; heap max " + Runtime.getRuntime().maxMemory());
      store.delete("big");
    }
  }
}
