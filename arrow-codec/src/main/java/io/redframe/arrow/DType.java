package io.redframe.arrow;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The element types of numeric arrays, named as numpy names them ({@code numpy.dtype(name)}):
 * little-endian, as numpy stores them on every common platform.
 */
@SuppressWarnings("ImmutableEnumChecker") // ArrowType values are immutable, though not annotated
public enum DType {
  FLOAT64("<f8", 8, double[].class, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
  FLOAT32("<f4", 4, float[].class, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
  INT64("<i8", 8, long[].class, new ArrowType.Int(64, true)),
  INT32("<i4", 4, int[].class, new ArrowType.Int(32, true)),
  INT16("<i2", 2, short[].class, new ArrowType.Int(16, true)),
  INT8("|i1", 1, byte[].class, new ArrowType.Int(8, true)),
  BOOL("|b1", 1, boolean[].class, ArrowType.Bool.INSTANCE);

  private final String numpy;
  private final int itemSize;
  private final Class<?> arrayClass;
  private final ArrowType arrowType;

  DType(String numpy, int itemSize, Class<?> arrayClass, ArrowType arrowType) {
    this.numpy = numpy;
    this.itemSize = itemSize;
    this.arrayClass = arrayClass;
    this.arrowType = arrowType;
  }

  /** The numpy dtype string, such as {@code <f8}. */
  public String numpy() {
    return numpy;
  }

  /** Bytes per element in the raw format (numpy's {@code itemsize}). */
  public int itemSize() {
    return itemSize;
  }

  /** The Java array type holding elements, such as {@code double[].class}. */
  public Class<?> arrayClass() {
    return arrayClass;
  }

  /** The Arrow type of the one column in the Arrow format. */
  public ArrowType arrowType() {
    return arrowType;
  }

  /**
   * The dtype named {@code numpy} ({@code <f8}, {@code |b1}, ...).
   *
   * @throws IllegalArgumentException if redframe has no such dtype (the message lists them)
   */
  public static DType forNumpy(String numpy) {
    for (DType type : values()) {
      if (type.numpy.equals(numpy)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "Unsupported dtype '" + numpy + "'; supported: <f8, <f4, <i8, <i4, <i2, |i1, |b1");
  }

  /**
   * The dtype of a Java primitive array.
   *
   * @throws IllegalArgumentException if {@code array} is not a double[], float[], long[], int[],
   *     short[], byte[] or boolean[]
   */
  public static DType of(Object array) {
    for (DType type : values()) {
      if (type.arrayClass.isInstance(array)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "Not a supported primitive array: " + (array == null ? "null" : array.getClass()));
  }
}
