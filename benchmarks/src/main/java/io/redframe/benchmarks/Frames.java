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
        text.setSafe(i, text(id).getBytes(StandardCharsets.UTF_8));
      }
      text.setValueCount(rows);
    }
    root.setRowCount(rows);
    return root;
  }

  /** A shape of {@link TableFormatBenchmark} as a Tablesaw table. */
  static tech.tablesaw.api.Table table(String shape, int rows) {
    return switch (shape) {
      case "numeric-wide" -> numericTable(rows, 10);
      case "strings-low" -> stringsTable(rows, 100);
      case "strings-high" -> stringsTable(rows, rows);
      case "r1m" -> r1m(rows);
      default -> throw new IllegalArgumentException("Unknown shape " + shape);
    };
  }

  /** {@link #numeric} as a Tablesaw table (the same values). */
  static tech.tablesaw.api.Table numericTable(int rows, int columns) {
    tech.tablesaw.api.Table table = tech.tablesaw.api.Table.create("numeric");
    Random random = new Random(42);
    for (int c = 0; c < columns; c++) {
      double[] values = new double[rows];
      double value = 100;
      for (int i = 0; i < rows; i++) {
        value += random.nextGaussian();
        values[i] = Math.round(value * 100) / 100.0;
      }
      table.addColumns(tech.tablesaw.api.DoubleColumn.create("x" + c, values));
    }
    return table;
  }

  /** {@link #strings} as a Tablesaw table (the same values). */
  static tech.tablesaw.api.Table stringsTable(int rows, int distinct) {
    tech.tablesaw.api.Table table = tech.tablesaw.api.Table.create("strings");
    Random random = new Random(7);
    for (String name : List.of("a", "b")) {
      tech.tablesaw.api.StringColumn column = tech.tablesaw.api.StringColumn.create(name);
      for (int i = 0; i < rows; i++) {
        column.append(text(random.nextInt(distinct)));
      }
      table.addColumns(column);
    }
    return table;
  }

  private static String text(int id) {
    return "city-" + id + "-" + Integer.toHexString(id * 2654435761L > 0 ? id : -id);
  }

  /**
   * R1M: {@code rows} rows × 7 columns — long id, two doubles, an int in [0,1000), a boolean, a
   * string from 5,000 values, a timestamp — as a Tablesaw table (the Python baseline builds the
   * same frame with pandas).
   */
  static tech.tablesaw.api.Table r1m(int rows) {
    Random random = new Random(1);
    tech.tablesaw.api.LongColumn id = tech.tablesaw.api.LongColumn.create("id");
    tech.tablesaw.api.DoubleColumn x = tech.tablesaw.api.DoubleColumn.create("x");
    tech.tablesaw.api.DoubleColumn y = tech.tablesaw.api.DoubleColumn.create("y");
    tech.tablesaw.api.IntColumn bucket = tech.tablesaw.api.IntColumn.create("bucket");
    tech.tablesaw.api.BooleanColumn flag = tech.tablesaw.api.BooleanColumn.create("flag");
    tech.tablesaw.api.StringColumn city = tech.tablesaw.api.StringColumn.create("city");
    tech.tablesaw.api.InstantColumn time = tech.tablesaw.api.InstantColumn.create("time");
    String[] cities = new String[5000];
    for (int i = 0; i < cities.length; i++) {
      cities[i] = "city-" + i;
    }
    long start = java.time.Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < rows; i++) {
      id.append(i);
      x.append(random.nextGaussian());
      y.append(random.nextDouble() * 1000);
      bucket.append(random.nextInt(1000));
      flag.append(random.nextBoolean());
      city.append(cities[random.nextInt(cities.length)]);
      time.append(java.time.Instant.ofEpochMilli(start + i * 1000L));
    }
    return tech.tablesaw.api.Table.create("r1m", id, x, y, bucket, flag, city, time);
  }

  /** A stream of any size: row i is (i, i / 2.0, i * 3.0), one batch in memory at a time. */
  static final class SyntheticDoubles extends org.apache.arrow.vector.ipc.ArrowReader {
    private static final Schema SCHEMA =
        new Schema(
            List.of(
                new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                new Field(
                    "half",
                    FieldType.notNullable(
                        new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                    null),
                new Field(
                    "triple",
                    FieldType.notNullable(
                        new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                    null)));
    private final long rows;
    private final int batchRows;
    private long next;

    SyntheticDoubles(BufferAllocator allocator, long rows, int batchRows) {
      super(allocator);
      this.rows = rows;
      this.batchRows = batchRows;
    }

    @Override
    protected Schema readSchema() {
      return SCHEMA;
    }

    @Override
    public boolean loadNextBatch() throws java.io.IOException {
      VectorSchemaRoot root = getVectorSchemaRoot();
      if (next >= rows) {
        root.setRowCount(0);
        return false;
      }
      int count = (int) Math.min(batchRows, rows - next);
      org.apache.arrow.vector.BigIntVector id =
          (org.apache.arrow.vector.BigIntVector) root.getVector(0);
      Float8Vector half = (Float8Vector) root.getVector(1);
      Float8Vector triple = (Float8Vector) root.getVector(2);
      id.allocateNew(count);
      half.allocateNew(count);
      triple.allocateNew(count);
      // straight into the data buffers, every validity bit set at once: a bounds-checked set(i, v)
      // per value (validity bit included) took most of a 2 GB save's time in a JFR profile, which
      // is the generator's cost, not the store's
      java.nio.LongBuffer ids = longs(id, count);
      java.nio.DoubleBuffer halves = doubles(half, count);
      java.nio.DoubleBuffer triples = doubles(triple, count);
      for (int i = 0; i < count; i++) {
        long row = next + i;
        ids.put(i, row);
        halves.put(i, row / 2.0);
        triples.put(i, row * 3.0);
      }
      long validity = (count + 7L) / 8;
      for (org.apache.arrow.vector.FieldVector vector : root.getFieldVectors()) {
        vector.getValidityBuffer().setOne(0, validity);
      }
      root.setRowCount(count);
      next += count;
      return true;
    }

    private static java.nio.ByteBuffer data(org.apache.arrow.vector.FieldVector vector, int count) {
      return vector.getDataBuffer().nioBuffer(0, count * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    private static java.nio.LongBuffer longs(
        org.apache.arrow.vector.FieldVector vector, int count) {
      return data(vector, count).asLongBuffer();
    }

    private static java.nio.DoubleBuffer doubles(
        org.apache.arrow.vector.FieldVector vector, int count) {
      return data(vector, count).asDoubleBuffer();
    }

    @Override
    public long bytesRead() {
      return 0;
    }

    @Override
    protected void closeReadSource() {}
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
