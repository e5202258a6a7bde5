package io.redframe.tablesaw.internal;

/**
 * Bitmaps in Arrow's layout (and {@link java.util.BitSet}'s byte order): bit {@code i} is bit
 * {@code i % 8} of byte {@code i / 8}. Built in plain arrays, then copied into Arrow buffers at
 * once.
 */
final class Bitmaps {
  private Bitmaps() {}

  /** Bytes holding {@code bits} bits. */
  static int bytes(int bits) {
    return (bits + 7) >>> 3;
  }

  static void set(byte[] bitmap, int i) {
    bitmap[i >>> 3] |= (byte) (1 << (i & 7));
  }

  static boolean get(byte[] bitmap, int i) {
    return (bitmap[i >>> 3] & (1 << (i & 7))) != 0;
  }

  /**
   * The first {@code bits} bits of {@code bitmap} inverted (bits past its end count as 0, so they
   * become 1); the bits past {@code bits} are 0.
   */
  static byte[] complement(byte[] bitmap, int bits) {
    byte[] inverted = new byte[bytes(bits)];
    for (int b = 0; b < inverted.length; b++) {
      inverted[b] = (byte) ~(b < bitmap.length ? bitmap[b] : 0);
    }
    if ((bits & 7) != 0) {
      inverted[inverted.length - 1] &= (byte) ((1 << (bits & 7)) - 1);
    }
    return inverted;
  }

  /**
   * Bits {@code [from, from + count)} of {@code bitmap} as a bitmap of their own (bits past the end
   * of {@code bitmap} count as 0). Whole bytes are copied when {@code from} is a multiple of 8.
   */
  static byte[] range(byte[] bitmap, int from, int count) {
    byte[] range = new byte[bytes(count)];
    if ((from & 7) == 0) {
      int first = from >>> 3;
      int available = Math.max(0, Math.min(range.length, bitmap.length - first));
      if (available > 0) {
        System.arraycopy(bitmap, first, range, 0, available);
      }
      if ((count & 7) != 0 && available == range.length) {
        range[range.length - 1] &= (byte) ((1 << (count & 7)) - 1);
      }
      return range;
    }
    for (int i = 0; i < count; i++) {
      int at = from + i;
      if ((at >>> 3) < bitmap.length && get(bitmap, at)) {
        set(range, i);
      }
    }
    return range;
  }
}
