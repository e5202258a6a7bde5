package io.redframe.tablesaw.internal;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.shorts.ShortArrayList;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.strings.IntDictionaryMap;

/**
 * Tablesaw columns made around arrays the assembler filled, without a copy, and read from their own
 * arrays in bulk. Tablesaw's public factories ({@code LongColumn.create(name, long...)}, {@code
 * createInternal}) copy the array into a new list: 2 ms and 8 MB of fresh heap per million 8-byte
 * values, about a third of a cached reload of R1M. Each column type has a constructor taking its
 * fastutil list; it is not public, so it is looked up once through {@link
 * MethodHandles#privateLookupIn} (Tablesaw's jar is an automatic module, which opens every package,
 * and the class path opens everything). Where the lookup fails (another Tablesaw version, a module
 * layer that does not open it), the public factory is used: the same column, one copy slower.
 */
final class Columns {
  private static final MethodHandle LONGS = constructor(LongColumn.class, LongArrayList.class);
  private static final MethodHandle DOUBLES =
      constructor(DoubleColumn.class, DoubleArrayList.class);
  private static final MethodHandle INTS = constructor(IntColumn.class, IntArrayList.class);
  private static final MethodHandle SHORTS = constructor(ShortColumn.class, ShortArrayList.class);
  private static final MethodHandle FLOATS = constructor(FloatColumn.class, FloatArrayList.class);
  private static final MethodHandle DATES = constructor(DateColumn.class, IntArrayList.class);
  private static final MethodHandle TIMES = constructor(TimeColumn.class, IntArrayList.class);
  private static final MethodHandle DATE_TIMES =
      constructor(DateTimeColumn.class, LongArrayList.class);
  private static final MethodHandle INSTANTS =
      constructor(InstantColumn.class, LongArrayList.class);

  private static final MethodHandle LONG_DATA = data(LongColumn.class, LongArrayList.class);
  private static final MethodHandle DOUBLE_DATA = data(DoubleColumn.class, DoubleArrayList.class);
  private static final MethodHandle INT_DATA = data(IntColumn.class, IntArrayList.class);

  private static final MethodHandle DICTIONARY_VALUES = dictionaryValues();

  private Columns() {}

  /** A setter of the dictionary builder's key list, or null where it cannot be reached. */
  private static MethodHandle dictionaryValues() {
    try {
      Class<?> builder = IntDictionaryMap.IntDictionaryBuilder.class;
      return MethodHandles.privateLookupIn(builder, MethodHandles.lookup())
          .findSetter(builder, "values", IntArrayList.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Gives {@code builder} the rows' keys: the list itself (which the dictionary then owns) where
   * the builder's list can be set, else a copy through its public {@code setValues} (which copies
   * once more).
   */
  static IntDictionaryMap.IntDictionaryBuilder keys(
      IntDictionaryMap.IntDictionaryBuilder builder, IntArrayList keys) {
    if (DICTIONARY_VALUES != null) {
      try {
        DICTIONARY_VALUES.invoke(builder, keys);
        return builder;
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException("Setting a Tablesaw dictionary's keys failed", e);
      }
    }
    return builder.setValues(keys.toIntArray());
  }

  /** A getter of the column type's {@code data} list, or null where it cannot be reached. */
  private static MethodHandle data(Class<?> column, Class<?> list) {
    try {
      return MethodHandles.privateLookupIn(column, MethodHandles.lookup())
          .findGetter(column, "data", list);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Object list(MethodHandle getter, Column<?> column) {
    if (getter == null) {
      return null;
    }
    try {
      return getter.invoke(column);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("Reading a Tablesaw column's values failed", e);
    }
  }

  /**
   * The array holding {@code column}'s values (its first {@code size()} elements), to read in bulk
   * and never to write; null where it cannot be reached (then read value by value).
   */
  static long[] elements(LongColumn column) {
    Object list = list(LONG_DATA, column);
    return list == null ? null : ((LongArrayList) list).elements();
  }

  static double[] elements(DoubleColumn column) {
    Object list = list(DOUBLE_DATA, column);
    return list == null ? null : ((DoubleArrayList) list).elements();
  }

  static int[] elements(IntColumn column) {
    Object list = list(INT_DATA, column);
    return list == null ? null : ((IntArrayList) list).elements();
  }

  /**
   * Whether every column type is made without a copy and long, double and int columns are read in
   * bulk (else some use the public factories, or read value by value).
   */
  static boolean wrapping() {
    return LONGS != null
        && DOUBLES != null
        && INTS != null
        && SHORTS != null
        && FLOATS != null
        && DATES != null
        && TIMES != null
        && DATE_TIMES != null
        && INSTANTS != null
        && LONG_DATA != null
        && DOUBLE_DATA != null
        && INT_DATA != null
        && DICTIONARY_VALUES != null;
  }

  private static MethodHandle constructor(Class<?> column, Class<?> list) {
    try {
      return MethodHandles.privateLookupIn(column, MethodHandles.lookup())
          .findConstructor(column, MethodType.methodType(void.class, String.class, list));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // not reachable here: the public factory copies instead
    }
  }

  /** {@code handle} applied to {@code name} and {@code list}, or null if there is no handle. */
  private static Column<?> made(MethodHandle handle, String name, Object list) {
    if (handle == null) {
      return null;
    }
    try {
      return (Column<?>) handle.invoke(name, list);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("Tablesaw's column constructor failed", e);
    }
  }

  /** The first {@code size} values of {@code values}, which the column then owns. */
  static LongColumn longs(String name, long[] values, int size) {
    Column<?> made = made(LONGS, name, LongArrayList.wrap(values, size));
    return made != null ? (LongColumn) made : LongColumn.create(name, trimmed(values, size));
  }

  static DoubleColumn doubles(String name, double[] values, int size) {
    Column<?> made = made(DOUBLES, name, DoubleArrayList.wrap(values, size));
    return made != null
        ? (DoubleColumn) made
        : DoubleColumn.create(name, java.util.Arrays.copyOf(values, size));
  }

  static IntColumn ints(String name, int[] values, int size) {
    Column<?> made = made(INTS, name, IntArrayList.wrap(values, size));
    return made != null ? (IntColumn) made : IntColumn.create(name, trimmed(values, size));
  }

  static ShortColumn shorts(String name, short[] values, int size) {
    Column<?> made = made(SHORTS, name, ShortArrayList.wrap(values, size));
    return made != null
        ? (ShortColumn) made
        : ShortColumn.create(name, java.util.Arrays.copyOf(values, size));
  }

  static FloatColumn floats(String name, float[] values, int size) {
    Column<?> made = made(FLOATS, name, FloatArrayList.wrap(values, size));
    return made != null
        ? (FloatColumn) made
        : FloatColumn.create(name, java.util.Arrays.copyOf(values, size));
  }

  /** Packed Tablesaw dates. */
  static DateColumn dates(String name, int[] packed, int size) {
    Column<?> made = made(DATES, name, IntArrayList.wrap(packed, size));
    return made != null
        ? (DateColumn) made
        : DateColumn.createInternal(name, trimmed(packed, size));
  }

  /** Packed Tablesaw times. */
  static TimeColumn times(String name, int[] packed, int size) {
    Column<?> made = made(TIMES, name, IntArrayList.wrap(packed, size));
    return made != null
        ? (TimeColumn) made
        : TimeColumn.createInternal(name, trimmed(packed, size));
  }

  /** Packed Tablesaw date-times. */
  static DateTimeColumn dateTimes(String name, long[] packed, int size) {
    Column<?> made = made(DATE_TIMES, name, LongArrayList.wrap(packed, size));
    return made != null
        ? (DateTimeColumn) made
        : DateTimeColumn.createInternal(name, trimmed(packed, size));
  }

  /** Packed Tablesaw instants. */
  static InstantColumn instants(String name, long[] packed, int size) {
    Column<?> made = made(INSTANTS, name, LongArrayList.wrap(packed, size));
    return made != null
        ? (InstantColumn) made
        : InstantColumn.createInternal(name, trimmed(packed, size));
  }

  private static long[] trimmed(long[] values, int size) {
    return size == values.length ? values : java.util.Arrays.copyOf(values, size);
  }

  private static int[] trimmed(int[] values, int size) {
    return size == values.length ? values : java.util.Arrays.copyOf(values, size);
  }
}
