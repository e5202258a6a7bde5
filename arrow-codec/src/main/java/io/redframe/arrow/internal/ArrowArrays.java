package io.redframe.arrow.internal;

import io.redframe.CodecMismatchException;
import io.redframe.ColumnSpec;
import io.redframe.CorruptFrameException;
import io.redframe.FrameKind;
import io.redframe.Manifest;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowLoadOptions;
import io.redframe.arrow.ArrowReadLimits;
import io.redframe.arrow.DType;
import io.redframe.arrow.NdArray;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.CodecId;
import io.redframe.spi.FrameEncoder;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow format of a numeric array: one non-nullable column {@code values} holding the elements
 * in storage order, with {@code numpy.dtype}, {@code numpy.shape} (JSON list) and {@code
 * numpy.order} in the schema metadata. Any Arrow reader gets the flat values and the shape.
 */
final class ArrowArrays {
  /**
   * Arrays written since codec ids tell tables from arrays; arrays written before are {@code arrow}
   * frames and still load (as does any one-column numeric Arrow table).
   */
  static final CodecId CODEC = new CodecId("arrow-array", 1);

  static final String COLUMN = "values";

  private ArrowArrays() {}

  static List<ColumnSpec> columns(ArrayMeta meta) {
    return List.of(new ColumnSpec(COLUMN, meta.dtype().numpy(), false, metadata(meta)));
  }

  private static Map<String, String> metadata(ArrayMeta meta) {
    return Map.of(
        "numpy.dtype", meta.dtype().numpy(),
        "numpy.shape", meta.shapeText(),
        "numpy.order", meta.order().name());
  }

  static FrameEncoder encoder(
      NdArray array, BufferAllocator allocator, ArrowCompression compression, int batchRows) {
    ArrayMeta meta = ArrayMeta.of(array);
    Field field = new Field(COLUMN, FieldType.notNullable(meta.dtype().arrowType()), null);
    Schema schema = new Schema(List.of(field), metadata(meta));
    return ArrowEncoder.of(
        CODEC,
        new ArrowEncoder.Source() {
          private VectorSchemaRoot root;
          private int next;

          @Override
          public Schema schema() {
            return schema;
          }

          @Override
          public boolean next() {
            if (root == null) {
              root = VectorSchemaRoot.create(schema, allocator);
            }
            if (next >= array.size()) {
              root.close();
              return false;
            }
            int count = Math.min(batchRows, array.size() - next);
            fill(root.getVector(0), array, next, count);
            root.setRowCount(count);
            next += count;
            return true;
          }

          @Override
          public VectorSchemaRoot root() {
            return root;
          }

          @Override
          public DictionaryProvider dictionaries() {
            return new DictionaryProvider.MapDictionaryProvider();
          }
        },
        compression,
        batchRows);
  }

  /** Copies elements {@code [first, first+count)} into the vector, in bulk. */
  private static void fill(FieldVector vector, NdArray array, int first, int count) {
    vector.clear();
    vector.setInitialCapacity(count);
    vector.allocateNew();
    ArrowBuf validity = vector.getValidityBuffer();
    validity.setOne(0L, (long) ((count + 7) / 8));
    if (vector instanceof BitVector bits) {
      boolean[] values = (boolean[]) array.data();
      for (int i = 0; i < count; i++) {
        bits.set(i, values[first + i] ? 1 : 0);
      }
    } else {
      byte[] bytes = Elements.toBytes(array.data(), first, count, array.dtype().itemSize());
      vector.getDataBuffer().setBytes(0, bytes);
    }
    vector.setValueCount(count);
  }

  static NdArray decode(
      Manifest manifest,
      ChunkSource source,
      BufferAllocator allocator,
      long from,
      long to,
      ArrowReadLimits limits,
      String where)
      throws IOException {
    Schema schema = SchemaIO.schema(manifest);
    Map<String, String> metadata = schema.getCustomMetadata();
    if (!metadata.containsKey("numpy.shape") && numericType(schema) == null) {
      // Arrow data saved as a table: not corrupt, just not an array
      throw new CodecMismatchException(
          where,
          new CodecId(manifest.codec(), manifest.codecVersion()),
          FrameKind.TABLE,
          ArrayCodecs.NAME);
    }
    if (schema.getFields().size() != 1) {
      throw new CorruptFrameException(
          where + " has " + schema.getFields().size() + " columns; an array has one");
    }
    ArrayMeta meta =
        metadata.containsKey("numpy.shape")
            ? ArrayMeta.parse(
                metadata.get("numpy.dtype"),
                new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(metadata.get("numpy.shape")),
                metadata.getOrDefault("numpy.order", "C"),
                where)
            : oneDimensional(schema.getFields().get(0), manifest.rows(), where);
    if (!schema.getFields().get(0).getType().equals(meta.dtype().arrowType())
        || manifest.rows() != meta.size()) {
      throw new CorruptFrameException(
          where
              + ": column of "
              + schema.getFields().get(0).getType()
              + " with "
              + manifest.rows()
              + " values does not hold "
              + meta.dtype().numpy()
              + " of shape "
              + meta.shapeText());
    }
    long end = Math.min(to, meta.shape()[0]);
    long start = Math.min(from, end);
    Slicer slicer = new Slicer(meta, start, end, limits.maxBufferBytes(), where);
    ArrowLoadOptions options =
        ArrowLoadOptions.all().rows(slicer.firstNeeded(), slicer.endNeeded()).limits(limits);
    try (ArrowReader reader = new ArrowDecoder(allocator, options).decode(manifest, source)) {
      long position = slicer.firstNeeded();
      while (reader.loadNextBatch()) {
        FieldVector vector = reader.getVectorSchemaRoot().getVector(0);
        int count = vector.getValueCount();
        if (vector.getNullCount() > 0) {
          throw new CorruptFrameException(where + " holds nulls; a numeric array cannot");
        }
        slicer.accept(position, bytes(vector, meta.dtype()), 0, count, where);
        position += count;
      }
    }
    return slicer.result(where);
  }

  /** An Arrow column from elsewhere with no numpy metadata loads as a 1-d array. */
  private static ArrayMeta oneDimensional(Field field, long rows, String where) {
    DType dtype = dtype(field);
    if (dtype == null) {
      throw new CorruptFrameException(
          where + ": column type " + field.getType() + " is not a numeric array type");
    }
    return new ArrayMeta(dtype, new long[] {rows}, NdArray.Order.C);
  }

  /** The dtype of a schema of one numeric column, else null. */
  private static DType numericType(Schema schema) {
    List<Field> fields = schema.getFields();
    return fields.size() == 1 && fields.get(0).getDictionary() == null
        ? dtype(fields.get(0))
        : null;
  }

  private static DType dtype(Field field) {
    for (DType dtype : DType.values()) {
      if (dtype.arrowType().equals(field.getType())) {
        return dtype;
      }
    }
    return null;
  }

  private static byte[] bytes(FieldVector vector, DType dtype) {
    int count = vector.getValueCount();
    if (vector instanceof BitVector bits) {
      byte[] out = new byte[count];
      for (int i = 0; i < count; i++) {
        out[i] = (byte) bits.get(i);
      }
      return out;
    }
    byte[] out = new byte[count * dtype.itemSize()];
    vector.getDataBuffer().getBytes(0, out);
    return out;
  }
}
