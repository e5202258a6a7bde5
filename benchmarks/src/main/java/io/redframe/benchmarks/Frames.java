package io.redframe.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** The data shapes the benchmarks run on, generated with a fixed seed. */
final class Frames {
  private Frames() {}

  /**
   * {@code rows} rows of {@code columns} doubles (random walks: realistic, mildly compressible).
   */
  static VectorSchemaRoot numeric(BufferAllocator allocator, int rows, int columns) {
    List<Field> fields = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      fields.add(
          new Field(
              "x" + c,
              FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
              null));
    }
    VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
    Random random = new Random(42);
    for (FieldVector vector : root.getFieldVectors()) {
      Float8Vector doubles = (Float8Vector) vector;
      doubles.allocateNew(rows);
      double value = 100;
      for (int i = 0; i < rows; i++) {
        value += random.nextGaussian();
        doubles.set(i, Math.round(value * 100) / 100.0);
      }
      doubles.setValueCount(rows);
    }
    root.setRowCount(rows);
    return root;
  }

  /** {@code rows} rows of two string columns drawn from {@code distinct} values. */
  static VectorSchemaRoot strings(BufferAllocator allocator, int rows, int distinct) {
    List<Field> fields =
        List.of(
            new Field("a", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("b", FieldType.nullable(ArrowType.Utf8.INSTANCE), null));
    VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
    Random random = new Random(7);
    for (FieldVector vector : root.getFieldVectors()) {
      VarCharVector text = (VarCharVector) vector;
      text.allocateNew(rows * 16L, rows);
      for (int i = 0; i < rows; i++) {
        int id = random.nextInt(distinct);
        text.setSafe(
            i,
            ("city-" + id + "-" + Integer.toHexString(id * 2654435761L > 0 ? id : -id))
                .getBytes(StandardCharsets.UTF_8));
      }
      text.setValueCount(rows);
    }
    root.setRowCount(rows);
    return root;
  }

  /** Bytes the root's buffers hold (the uncompressed data size). */
  static long bytes(VectorSchemaRoot root) {
    long total = 0;
    for (FieldVector vector : root.getFieldVectors()) {
      total += vector.getBufferSize();
    }
    return total;
  }
}
