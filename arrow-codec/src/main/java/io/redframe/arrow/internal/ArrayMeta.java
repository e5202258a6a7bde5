package io.redframe.arrow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redframe.CorruptFrameException;
import io.redframe.LimitExceededException;
import io.redframe.arrow.DType;
import io.redframe.arrow.NdArray;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * dtype, shape and order of a stored array, checked as untrusted input: at most 32 dimensions, none
 * negative, and no more elements than a Java array (or the caller's limit) holds.
 */
@SuppressWarnings("ArrayRecordComponent") // never compared or hashed
record ArrayMeta(DType dtype, long[] shape, NdArray.Order order) {
  private static final ObjectMapper TREES = new ObjectMapper();

  static final int MAX_RANK = 32;
  static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16;

  static ArrayMeta of(NdArray array) {
    return new ArrayMeta(array.dtype(), array.shape(), array.order());
  }

  long size() {
    long size = 1;
    for (long dim : shape) {
      size *= dim;
    }
    return size;
  }

  /** Elements per index of the first axis. */
  long rowSize() {
    long size = 1;
    for (int i = 1; i < shape.length; i++) {
      size *= shape[i];
    }
    return size;
  }

  /** The manifest properties of an array: dtype, shape and order. */
  Map<String, Object> toProperties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("dtype", dtype.numpy());
    properties.put("shape", Arrays.stream(shape).boxed().toList());
    properties.put("order", order.name());
    return properties;
  }

  /** Parses the array description in a manifest's properties. */
  static ArrayMeta fromProperties(Map<String, Object> properties, String where) {
    Object dtype = properties.get("dtype");
    Object order = properties.get("order");
    return parse(
        dtype instanceof String text ? text : null,
        TREES.valueToTree(properties.get("shape")),
        order instanceof String text ? text : "",
        where);
  }

  String shapeText() {
    return Arrays.toString(shape).replace(" ", "");
  }

  static ArrayMeta parse(String dtype, JsonNode shape, String order, String where) {
    try {
      if (shape == null || !shape.isArray() || shape.size() == 0 || shape.size() > MAX_RANK) {
        throw new CorruptFrameException(
            where + ": shape must be a list of 1 to " + MAX_RANK + " dimensions");
      }
      long[] dims = new long[shape.size()];
      long size = 1;
      for (int i = 0; i < dims.length; i++) {
        if (!shape.get(i).canConvertToLong() || shape.get(i).asLong() < 0) {
          throw new CorruptFrameException(
              where + ": bad dimension " + shape.get(i) + " in shape " + shape);
        }
        dims[i] = shape.get(i).asLong();
        size = dims[i] == 0 || size == 0 ? 0 : Math.multiplyExact(size, dims[i]);
        if (size > MAX_ELEMENTS) {
          throw new LimitExceededException(
              where + ": elements of shape " + shape, "the largest Java array", size, MAX_ELEMENTS);
        }
      }
      return new ArrayMeta(DType.forNumpy(dtype), dims, NdArray.Order.valueOf(order));
    } catch (IllegalArgumentException | ArithmeticException | NullPointerException e) {
      throw new CorruptFrameException(
          where + ": bad array description (" + e.getMessage() + ")", e);
    }
  }

  /**
   * A new array for rows {@code [from, to)} of the first axis, with the same order; its size is
   * checked against {@code maxBytes} first.
   */
  NdArray allocate(long from, long to, long maxBytes, String where) {
    long[] sliced = shape.clone();
    sliced[0] = to - from;
    long size = 1;
    for (long dim : sliced) {
      size *= dim;
    }
    if (size * dtype.itemSize() > maxBytes) {
      throw new LimitExceededException(
          "Bytes of the array slice of " + where,
          "maxBufferBytes",
          size * dtype.itemSize(),
          maxBytes);
    }
    Object data = Array.newInstance(dtype.arrayClass().getComponentType(), Math.toIntExact(size));
    return NdArray.of(data, order, sliced);
  }
}
