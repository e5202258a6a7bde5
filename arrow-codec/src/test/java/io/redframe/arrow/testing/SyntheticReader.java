package io.redframe.arrow.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An Arrow source of any size, generated batch by batch: row {@code i} is {@code (i, i / 2.0, "r" +
 * i % 1000)}. Only one batch is ever in memory.
 */
public final class SyntheticReader extends ArrowReader {
  public static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
              new Field(
                  "half",
                  FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                  null),
              new Field("label", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null)));

  private final long rows;
  private final int batchRows;
  private long next;

  public SyntheticReader(BufferAllocator allocator, long rows, int batchRows) {
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
    BigIntVector id = (BigIntVector) root.getVector(0);
    Float8Vector half = (Float8Vector) root.getVector(1);
    VarCharVector label = (VarCharVector) root.getVector(2);
    id.allocateNew(count);
    half.allocateNew(count);
    label.allocateNew(count * 5L, count);
    for (int i = 0; i < count; i++) {
      long row = next + i;
      id.set(i, row);
      half.set(i, row / 2.0);
      label.setSafe(i, ("r" + row % 1000).getBytes(StandardCharsets.US_ASCII));
    }
    root.setRowCount(count);
    next += count;
    return true;
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  protected void closeReadSource() {}
}
