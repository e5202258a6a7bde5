package io.redframe.arrow.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redframe.CorruptFrameException;
import io.redframe.FrameStoreException;
import io.redframe.Manifest;
import io.redframe.arrow.DType;
import io.redframe.arrow.NdArray;
import io.redframe.spi.ChunkInputStream;
import io.redframe.spi.ChunkOutputStream;
import io.redframe.spi.ChunkSink;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.CodecId;
import io.redframe.spi.EncodedFrame;
import io.redframe.spi.FrameEncoder;
import java.io.IOException;
import java.io.InputStream;

/**
 * The JSON format: {@code {"dtype":"<f8","shape":[2,3],"order":"C","data":[[...],[...]]}}, the
 * elements as nested lists in index order (so {@code numpy.array(doc["data"], dtype)} rebuilds it),
 * written and read with Jackson's streaming API, never as a tree. Non-finite floats are the bare
 * tokens {@code NaN}, {@code Infinity}, {@code -Infinity}, as Python's {@code json} writes and
 * reads them. The document is cut into chunks like an object's.
 */
final class JsonArrays {
  static final CodecId CODEC = new CodecId("json-array", 1);
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(ArrayMeta.MAX_RANK + 4).build())
          .build();

  private JsonArrays() {}

  static FrameEncoder encoder(NdArray array) {
    ArrayMeta meta = ArrayMeta.of(array);
    return new FrameEncoder() {
      @Override
      public CodecId codec() {
        return CODEC;
      }

      @Override
      public EncodedFrame encode(ChunkSink sink) throws IOException {
        ChunkOutputStream out = new ChunkOutputStream(sink);
        try (JsonGenerator json = JSON.createGenerator(out)) {
          json.writeStartObject();
          json.writeStringField("dtype", meta.dtype().numpy());
          json.writeArrayFieldStart("shape");
          for (long dim : meta.shape()) {
            json.writeNumber(dim);
          }
          json.writeEndArray();
          json.writeStringField("order", meta.order().name());
          json.writeFieldName("data");
          writeNested(json, array, meta, 0, new long[meta.shape().length]);
          json.writeEndObject();
        }
        out.finish();
        return new EncodedFrame(
            meta.size(), ArrowArrays.columns(meta), "none", meta.toProperties());
      }
    };
  }

  private static void writeNested(
      JsonGenerator json, NdArray array, ArrayMeta meta, int axis, long[] index)
      throws IOException {
    json.writeStartArray();
    for (long i = 0; i < meta.shape()[axis]; i++) {
      index[axis] = i;
      if (axis == meta.shape().length - 1) {
        writeElement(json, array.data(), (int) storage(meta, index));
      } else {
        writeNested(json, array, meta, axis + 1, index);
      }
    }
    json.writeEndArray();
  }

  /** The storage position of a multi-index in the array's order. */
  static long storage(ArrayMeta meta, long[] index) {
    long[] shape = meta.shape();
    long position = 0;
    if (meta.order() == NdArray.Order.C) {
      for (int k = 0; k < shape.length; k++) {
        position = position * shape[k] + index[k];
      }
    } else {
      for (int k = shape.length - 1; k >= 0; k--) {
        position = position * shape[k] + index[k];
      }
    }
    return position;
  }

  private static void writeElement(JsonGenerator json, Object data, int i) throws IOException {
    if (data instanceof double[] a) {
      json.writeNumber(a[i]);
    } else if (data instanceof float[] a) {
      json.writeNumber(a[i]);
    } else if (data instanceof long[] a) {
      json.writeNumber(a[i]);
    } else if (data instanceof int[] a) {
      json.writeNumber(a[i]);
    } else if (data instanceof short[] a) {
      json.writeNumber(a[i]);
    } else if (data instanceof byte[] a) {
      json.writeNumber(a[i]);
    } else {
      json.writeBoolean(((boolean[]) data)[i]);
    }
  }

  static NdArray decode(
      Manifest manifest, ChunkSource source, long from, long to, long maxBytes, String where) {
    try (InputStream in = new ChunkInputStream(source.open(manifest.chunks()));
        JsonParser json = JSON.createParser(in)) {
      expect(json.nextToken() == JsonToken.START_OBJECT, where, "a JSON object");
      String dtype = null;
      String order = "C";
      com.fasterxml.jackson.databind.JsonNode shape = null;
      NdArray result = null;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        json.nextToken();
        switch (field) {
          case "dtype" -> dtype = json.getValueAsString();
          case "order" -> order = json.getValueAsString();
          case "shape" -> shape = new ObjectMapper(JSON).readTree(json);
          case "data" -> {
            expect(dtype != null && shape != null, where, "dtype and shape before data");
            ArrayMeta meta = ArrayMeta.parse(dtype, shape, order, where);
            // Every element takes at least one byte of the document: a shape cannot outgrow it.
            expect(meta.size() <= manifest.bytes(), where, "a shape the document can hold");
            long end = Math.min(to, meta.shape()[0]);
            long start = Math.min(from, end);
            result = meta.allocate(start, end, maxBytes, where);
            readNested(json, meta, result, start, end, 0, new long[meta.shape().length], where);
          }
          default -> json.skipChildren();
        }
      }
      expect(result != null, where, "a data field");
      return result;
    } catch (FrameStoreException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new CorruptFrameException(
          where + " is not a valid JSON array document: " + e.getMessage(), e);
    }
  }

  private static void readNested(
      JsonParser json,
      ArrayMeta meta,
      NdArray out,
      long from,
      long to,
      int axis,
      long[] index,
      String where)
      throws IOException {
    expect(json.currentToken() == JsonToken.START_ARRAY, where, "a list at axis " + axis);
    long length = meta.shape()[axis];
    long i = 0;
    while (json.nextToken() != JsonToken.END_ARRAY) {
      expect(i < length, where, "at most " + length + " items at axis " + axis);
      index[axis] = i;
      boolean wanted = axis > 0 || (i >= from && i < to);
      if (axis == meta.shape().length - 1) {
        if (wanted) {
          readElement(json, meta, out, from, index, where);
        } else {
          json.skipChildren();
        }
      } else if (wanted) {
        readNested(json, meta, out, from, to, axis + 1, index, where);
      } else {
        json.skipChildren();
      }
      i++;
    }
    expect(i == length, where, length + " items at axis " + axis + ", found " + i);
  }

  private static void readElement(
      JsonParser json, ArrayMeta meta, NdArray out, long from, long[] index, String where)
      throws IOException {
    long[] local = index.clone();
    local[0] -= from;
    int position = (int) storage(new ArrayMeta(meta.dtype(), out.shape(), meta.order()), local);
    Object data = out.data();
    DType dtype = meta.dtype();
    JsonToken token = json.currentToken();
    if (dtype == DType.BOOL) {
      expect(token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE, where, "a boolean");
      ((boolean[]) data)[position] = json.getBooleanValue();
      return;
    }
    expect(
        token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT,
        where,
        "a number");
    switch (dtype) {
      case FLOAT64 -> ((double[]) data)[position] = json.getDoubleValue();
      case FLOAT32 -> ((float[]) data)[position] = json.getFloatValue();
      case INT64 -> ((long[]) data)[position] = json.getLongValue();
      case INT32 -> ((int[]) data)[position] = json.getIntValue();
      case INT16 -> ((short[]) data)[position] = json.getShortValue();
      default -> ((byte[]) data)[position] = json.getByteValue();
    }
  }

  private static void expect(boolean ok, String where, String expected) {
    if (!ok) {
      throw new CorruptFrameException(
          where + " is not a valid JSON array document: expected " + expected);
    }
  }
}
