package io.redframe.arrow;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Objects;

/**
 * An N-dimensional numeric array: a Java primitive array holding the elements in C (row-major) or
 * Fortran (column-major) order, a shape and a {@link DType}. Like a numpy array, with the same
 * names. Immutable in shape; the element array is the caller's (not copied).
 *
 * <pre>{@code
 * NdArray matrix = NdArray.of(new double[] {1, 2, 3, 4, 5, 6}, NdArray.Order.C, 2, 3);
 * }</pre>
 */
public final class NdArray {
  /** The order elements are laid out in: numpy's {@code order='C'} or {@code order='F'}. */
  public enum Order {
    /** Row-major: the last index varies fastest. */
    C,
    /** Column-major: the first index varies fastest. */
    F
  }

  private final Object data;
  private final DType dtype;
  private final long[] shape;
  private final Order order;

  private NdArray(Object data, Order order, long[] shape) {
    this.dtype = DType.of(data);
    this.data = data;
    this.order = Objects.requireNonNull(order, "order");
    this.shape = shape.clone();
    if (shape.length == 0) {
      throw new IllegalArgumentException("An array needs at least one dimension");
    }
    long size = 1;
    for (long dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException("Negative dimension in shape " + Arrays.toString(shape));
      }
      size = Math.multiplyExact(size, dim);
    }
    if (size != Array.getLength(data)) {
      throw new IllegalArgumentException(
          "Shape "
              + Arrays.toString(shape)
              + " needs "
              + size
              + " elements, the array has "
              + Array.getLength(data));
    }
  }

  /**
   * A 1-d array of {@code data} (double[], float[], long[], int[], short[], byte[], boolean[]).
   *
   * @throws IllegalArgumentException if {@code data} is none of those
   */
  public static NdArray of(Object data) {
    return new NdArray(data, Order.C, new long[] {Array.getLength(data)});
  }

  /**
   * An array of {@code data} with {@code shape}, elements laid out in {@code order}.
   *
   * @throws IllegalArgumentException if {@code data} is not a supported primitive array, the shape
   *     is empty or has a negative dimension, or its size is not the array's length
   * @throws ArithmeticException if the shape's size overflows a long
   * @throws NullPointerException if {@code order} is null
   */
  public static NdArray of(Object data, Order order, long... shape) {
    return new NdArray(data, order, shape);
  }

  public DType dtype() {
    return dtype;
  }

  public long[] shape() {
    return shape.clone();
  }

  public Order order() {
    return order;
  }

  /** The number of elements. */
  public int size() {
    return Array.getLength(data);
  }

  /** Elements per index of the first axis (the product of the other dimensions). */
  public long rowSize() {
    long size = 1;
    for (int i = 1; i < shape.length; i++) {
      size *= shape[i];
    }
    return size;
  }

  /** The element array, in {@link #order()}; the caller's own array, not a copy. */
  public Object data() {
    return data;
  }

  /**
   * The elements of a float64 array, as {@link #data()}.
   *
   * @throws IllegalStateException if the array holds another dtype
   */
  public double[] doubles() {
    return as(double[].class);
  }

  /**
   * The elements of a float32 array, as {@link #data()}.
   *
   * @throws IllegalStateException if the array holds another dtype
   */
  public float[] floats() {
    return as(float[].class);
  }

  /**
   * The elements of a int64 array, as {@link #data()}.
   *
   * @throws IllegalStateException if the array holds another dtype
   */
  public long[] longs() {
    return as(long[].class);
  }

  /**
   * The elements of a int32 array, as {@link #data()}.
   *
   * @throws IllegalStateException if the array holds another dtype
   */
  public int[] ints() {
    return as(int[].class);
  }

  /**
   * The elements of a int16 array, as {@link #data()}.
   *
   * @throws IllegalStateException if the array holds another dtype
   */
  public short[] shorts() {
    return as(short[].class);
  }

  /**
   * The elements of a int8 array, as {@link #data()}.
   *
   * @throws IllegalStateException if the array holds another dtype
   */
  public byte[] bytes() {
    return as(byte[].class);
  }

  /**
   * The elements of a bool array, as {@link #data()}.
   *
   * @throws IllegalStateException if the array holds another dtype
   */
  public boolean[] booleans() {
    return as(boolean[].class);
  }

  private <T> T as(Class<T> type) {
    if (!type.isInstance(data)) {
      throw new IllegalStateException(
          "This array holds " + dtype + " (" + dtype.numpy() + "), not " + type.getSimpleName());
    }
    return type.cast(data);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NdArray that
        && dtype == that.dtype
        && order == that.order
        && Arrays.equals(shape, that.shape)
        && Arrays.deepEquals(new Object[] {data}, new Object[] {that.data});
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        dtype, order, Arrays.hashCode(shape), Arrays.deepHashCode(new Object[] {data}));
  }

  @Override
  public String toString() {
    return "NdArray["
        + dtype.numpy()
        + ", shape="
        + Arrays.toString(shape)
        + ", order="
        + order
        + "]";
  }
}
