package io.redframe.jdbc.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.duckdb.DuckDBWritableVector;

/**
 * Bulk copies of fixed-width Arrow slices into DuckDB's output vectors. DuckDB's Java vector (in
 * duckdb_jdbc 2.0.0.1) has a setter per value only, and each one takes a lock to set the row's
 * validity bit: a profile of a one-million-row group-by showed {@code setDouble} as the largest
 * part of the scan. Its data and validity are two direct buffers, which this class reaches by
 * reflection once and then fills with one memory copy per slice and one validity word per 64 rows.
 *
 * <p>If a DuckDB release renames or retypes those fields, {@link #available()} is false and the
 * scan uses the public setters (same results, slower); {@code RawVectorsTest} fails then, so an
 * upgrade notices.
 */
final class RawVectors {
  private static final VarHandle DATA;
  private static final VarHandle VALIDITY;

  static {
    VarHandle data = null;
    VarHandle validity = null;
    try {
      MethodHandles.Lookup lookup =
          MethodHandles.privateLookupIn(DuckDBWritableVector.class, MethodHandles.lookup());
      data = lookup.findVarHandle(DuckDBWritableVector.class, "data", ByteBuffer.class);
      validity = lookup.findVarHandle(DuckDBWritableVector.class, "validity", ByteBuffer.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      data = null;
      validity = null;
    }
    DATA = data;
    VALIDITY = validity;
  }

  private RawVectors() {}

  /** Whether the bulk path works with this DuckDB. */
  static boolean available() {
    // Arrow's buffers are little-endian; DuckDB's are in the machine's order.
    return DATA != null && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
  }

  /**
   * Copies values {@code [from, from + n)} of {@code in}, each {@code width} bytes wide and in the
   * layout DuckDB uses for {@code out}'s type, to rows {@code [at, at + n)} of {@code out}, with
   * their validity ({@code nulls} false: every row is valid).
   *
   * @throws IndexOutOfBoundsException if the rows do not fit {@code out}
   */
  static void copy(
      FieldVector in, int from, int n, int width, DuckDBWritableVector out, int at, boolean nulls) {
    if (at < 0 || n < 0 || at + (long) n > out.rowCount()) {
      throw new IndexOutOfBoundsException(
          "Rows " + at + ".." + (at + n) + " do not fit a vector of " + out.rowCount());
    }
    ByteBuffer data = (ByteBuffer) DATA.get(out);
    ByteBuffer source = in.getDataBuffer().nioBuffer((long) from * width, n * width);
    data.put(at * width, source, 0, n * width);
    ByteBuffer validity = (ByteBuffer) VALIDITY.get(out);
    if (nulls) {
      copyValidity(in.getValidityBuffer(), from, n, validity, at);
    } else {
      setValid(validity, at, n);
    }
  }

  /** DuckDB keeps strings of up to 12 bytes inside the 16-byte value itself. */
  private static final int INLINE = 12;

  private static final int STRING_WIDTH = 16;

  /**
   * Strings (null: a null) to rows {@code [at, at + values.length)} of a VARCHAR vector. Strings of
   * up to 12 bytes are written as DuckDB's inlined values (the length, the bytes, zero padding: the
   * layout {@code duckdb_string_t} documents); longer ones need memory DuckDB owns and go through
   * its batch setter.
   *
   * @throws IndexOutOfBoundsException if the rows do not fit {@code out}
   */
  static void strings(byte[][] values, DuckDBWritableVector out, int at) {
    int n = values.length;
    if (at < 0 || at + (long) n > out.rowCount()) {
      throw new IndexOutOfBoundsException(
          "Rows " + at + ".." + (at + n) + " do not fit a vector of " + out.rowCount());
    }
    byte[][] longer = null;
    for (int i = 0; i < n; i++) {
      if (values[i] != null && values[i].length > INLINE) {
        if (longer == null) {
          longer = new byte[n][];
        }
        longer[i] = values[i];
      }
    }
    if (longer != null) {
      // Rows left null here are written below, after this call has marked them null.
      out.setStringUtf8Batch(at, longer);
    }
    ByteBuffer data = (ByteBuffer) DATA.get(out);
    ByteBuffer validity = (ByteBuffer) VALIDITY.get(out);
    long word = 0;
    int wordIndex = at >>> 6;
    for (int i = 0; i < n; i++) {
      int row = at + i;
      if (row >>> 6 != wordIndex) {
        orWord(validity, wordIndex, word);
        wordIndex = row >>> 6;
        word = 0;
      }
      byte[] value = values[i];
      if (value == null || value.length > INLINE) {
        continue;
      }
      int offset = row * STRING_WIDTH;
      data.putInt(offset, value.length);
      data.putLong(offset + 4, 0);
      data.putInt(offset + 12, 0);
      data.put(offset + 4, value);
      word |= 1L << (row & 63);
    }
    orWord(validity, wordIndex, word);
  }

  private static void orWord(ByteBuffer validity, int index, long bits) {
    if (bits != 0) {
      validity.putLong(index * 8, validity.getLong(index * 8) | bits);
    }
  }

  /** Sets bits {@code [at, at + n)} of DuckDB's validity words. */
  private static void setValid(ByteBuffer validity, int at, int n) {
    int row = at;
    int end = at + n;
    while (row < end) {
      int word = row >>> 6;
      int bit = row & 63;
      int count = Math.min(64 - bit, end - row);
      long mask = count == 64 ? -1L : ((1L << count) - 1) << bit;
      validity.putLong(word * 8, validity.getLong(word * 8) | mask);
      row += count;
    }
  }

  /** Copies Arrow validity bits {@code [from, from + n)} to DuckDB's bits {@code [at, at + n)}. */
  private static void copyValidity(ArrowBuf bits, int from, int n, ByteBuffer validity, int at) {
    int i = 0;
    while (i < n) {
      int row = at + i;
      int word = row >>> 6;
      int bit = row & 63;
      int count = Math.min(64 - bit, n - i);
      long value = 0;
      for (int k = 0; k < count; k++) {
        int source = from + i + k;
        if ((bits.getByte(source >>> 3) >> (source & 7) & 1) != 0) {
          value |= 1L << (bit + k);
        }
      }
      validity.putLong(word * 8, validity.getLong(word * 8) | value);
      i += count;
    }
  }
}
