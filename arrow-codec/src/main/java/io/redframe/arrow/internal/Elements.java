package io.redframe.arrow.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bulk copies between Java primitive arrays and little-endian bytes (numpy's layout on every common
 * platform), a range at a time. Booleans are one byte each, 0 or 1, as numpy stores them.
 */
final class Elements {
  private Elements() {}

  /** Elements {@code [from, from + count)} of {@code array} as little-endian bytes. */
  static byte[] toBytes(Object array, int from, int count, int itemSize) {
    byte[] out = new byte[count * itemSize];
    ByteBuffer buffer = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    if (array instanceof double[] a) {
      buffer.asDoubleBuffer().put(a, from, count);
    } else if (array instanceof float[] a) {
      buffer.asFloatBuffer().put(a, from, count);
    } else if (array instanceof long[] a) {
      buffer.asLongBuffer().put(a, from, count);
    } else if (array instanceof int[] a) {
      buffer.asIntBuffer().put(a, from, count);
    } else if (array instanceof short[] a) {
      buffer.asShortBuffer().put(a, from, count);
    } else if (array instanceof byte[] a) {
      System.arraycopy(a, from, out, 0, count);
    } else {
      boolean[] a = (boolean[]) array;
      for (int i = 0; i < count; i++) {
        out[i] = (byte) (a[from + i] ? 1 : 0);
      }
    }
    return out;
  }

  /**
   * Copies {@code count} little-endian elements from {@code bytes[offset...]} into {@code
   * array[to...]}; returns false if a boolean byte is neither 0 nor 1.
   */
  static boolean fromBytes(byte[] bytes, int offset, Object array, int to, int count) {
    ByteBuffer buffer =
        ByteBuffer.wrap(bytes)
            .order(ByteOrder.LITTLE_ENDIAN)
            .position(offset)
            .slice()
            .order(ByteOrder.LITTLE_ENDIAN);
    if (array instanceof double[] a) {
      buffer.asDoubleBuffer().get(a, to, count);
    } else if (array instanceof float[] a) {
      buffer.asFloatBuffer().get(a, to, count);
    } else if (array instanceof long[] a) {
      buffer.asLongBuffer().get(a, to, count);
    } else if (array instanceof int[] a) {
      buffer.asIntBuffer().get(a, to, count);
    } else if (array instanceof short[] a) {
      buffer.asShortBuffer().get(a, to, count);
    } else if (array instanceof byte[] a) {
      System.arraycopy(bytes, offset, a, to, count);
    } else {
      boolean[] a = (boolean[]) array;
      for (int i = 0; i < count; i++) {
        byte b = bytes[offset + i];
        if (b != 0 && b != 1) {
          return false;
        }
        a[to + i] = b == 1;
      }
    }
    return true;
  }
}
