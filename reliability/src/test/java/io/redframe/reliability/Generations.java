package io.redframe.reliability;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Frames whose every cell encodes the generation (save number) that wrote it, so a reader can tell
 * a torn or mixed read: all cells of one load must name one generation, and the row count must be
 * that generation's.
 */
final class Generations {
  static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field("g", FieldType.notNullable(new ArrowType.Int(64, true)), null),
              new Field("row", FieldType.notNullable(new ArrowType.Int(64, true)), null),
              new Field("tag", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
              new Field(
                  "x",
                  FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                  null)));

  private Generations() {}

  static int rows(long generation) {
    return 3000 + (int) (generation % 7) * 250;
  }

  static VectorSchemaRoot frame(BufferAllocator allocator, long generation) {
    VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
    int rows = rows(generation);
    BigIntVector g = (BigIntVector) root.getVector(0);
    BigIntVector row = (BigIntVector) root.getVector(1);
    VarCharVector tag = (VarCharVector) root.getVector(2);
    Float8Vector x = (Float8Vector) root.getVector(3);
    g.allocateNew(rows);
    row.allocateNew(rows);
    tag.allocateNew(rows * 16L, rows);
    x.allocateNew(rows);
    for (int i = 0; i < rows; i++) {
      g.set(i, generation);
      row.set(i, i);
      tag.setSafe(i, ("g" + generation + "-r" + i).getBytes(StandardCharsets.US_ASCII));
      x.set(i, generation + i / 1e6);
    }
    root.setRowCount(rows);
    return root;
  }

  /**
   * Checks one loaded batch sequence; returns the generation it holds, or throws describing the
   * inconsistency. {@code firstRow} is where the batches start (for row-range loads).
   */
  static long check(
      org.apache.arrow.vector.ipc.ArrowReader reader, long firstRow, boolean wholeFrame)
      throws java.io.IOException {
    long generation = -1;
    long next = firstRow;
    while (reader.loadNextBatch()) {
      VectorSchemaRoot batch = reader.getVectorSchemaRoot();
      for (int i = 0; i < batch.getRowCount(); i++) {
        long g = cell(batch, "g", i, generation);
        if (generation < 0) {
          generation = g;
        } else if (g != generation) {
          throw new IllegalStateException(
              "mixed generations " + generation + " and " + g + " at row " + next);
        }
        if (has(batch, "row") && ((BigIntVector) batch.getVector("row")).get(i) != next) {
          throw new IllegalStateException(
              "row " + next + " reads as " + ((BigIntVector) batch.getVector("row")).get(i));
        }
        if (has(batch, "tag")) {
          String tag =
              new String(
                  ((VarCharVector) batch.getVector("tag")).get(i), StandardCharsets.US_ASCII);
          if (!tag.equals("g" + generation + "-r" + next)) {
            throw new IllegalStateException(
                "tag " + tag + " at row " + next + " of generation " + generation);
          }
        }
        next++;
      }
    }
    if (wholeFrame && generation >= 0 && next != rows(generation)) {
      throw new IllegalStateException(
          "generation " + generation + " read " + next + " rows of " + rows(generation));
    }
    return generation;
  }

  private static boolean has(VectorSchemaRoot batch, String column) {
    return batch.getSchema().getFields().stream().anyMatch(f -> f.getName().equals(column));
  }

  private static long cell(VectorSchemaRoot batch, String column, int i, long fallback) {
    if (!has(batch, column)) {
      return fallback < 0 ? 0 : fallback;
    }
    return ((BigIntVector) batch.getVector(column)).get(i);
  }
}
