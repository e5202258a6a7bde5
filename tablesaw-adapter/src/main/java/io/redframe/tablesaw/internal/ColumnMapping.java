package io.redframe.tablesaw.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
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
import tech.tablesaw.columns.booleans.BitSetBooleanData;
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.columns.instant.PackedInstant;
import tech.tablesaw.columns.times.PackedLocalTime;

/**
 * Every Tablesaw column type and its Arrow type, in one place: how a column's values (with its
 * missing-value sentinels) become an Arrow vector with real nulls. Strings are handled by {@link
 * StringColumns} (they may be dictionary-encoded). Reading back is {@link TableAssembler}'s job.
 *
 * <p>Tablesaw keeps times to the millisecond, so date-times and times are millisecond Arrow types;
 * instants are UTC millisecond timestamps.
 */
@SuppressWarnings("ImmutableEnumChecker") // ColumnType and ArrowType are immutable, not annotated
public enum ColumnMapping {
  BOOLEAN(ColumnType.BOOLEAN, ArrowType.Bool.INSTANCE),
  SHORT(ColumnType.SHORT, new ArrowType.Int(16, true)),
  INTEGER(ColumnType.INTEGER, new ArrowType.Int(32, true)),
  LONG(ColumnType.LONG, new ArrowType.Int(64, true)),
  FLOAT(ColumnType.FLOAT, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
  DOUBLE(ColumnType.DOUBLE, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
  STRING(ColumnType.STRING, ArrowType.Utf8.INSTANCE),
  LOCAL_DATE(ColumnType.LOCAL_DATE, new ArrowType.Date(DateUnit.DAY)),
  LOCAL_TIME(ColumnType.LOCAL_TIME, new ArrowType.Time(TimeUnit.MILLISECOND, 32)),
  LOCAL_DATE_TIME(ColumnType.LOCAL_DATE_TIME, new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)),
  INSTANT(ColumnType.INSTANT, new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC"));

  /** How Tablesaw marks a missing boolean in its byte storage. */
  private static final byte MISSING_BOOLEAN = Byte.MIN_VALUE;

  private static final Map<ColumnType, ColumnMapping> BY_TYPE =
      Stream.of(values()).collect(Collectors.toMap(m -> m.type, Function.identity()));

  private final ColumnType type;
  private final ArrowType arrowType;

  ColumnMapping(ColumnType type, ArrowType arrowType) {
    this.type = type;
    this.arrowType = arrowType;
  }

  public ColumnType type() {
    return type;
  }

  public ArrowType arrowType() {
    return arrowType;
  }

  /** The mapping of a Tablesaw column type; fails naming the column for types redframe lacks. */
  public static ColumnMapping of(Column<?> column) {
    ColumnMapping mapping = BY_TYPE.get(column.type());
    if (mapping == null) {
      throw new IllegalArgumentException(
          "Column '"
              + column.name()
              + "' has type "
              + column.type().name()
              + ", which redframe cannot store");
    }
    return mapping;
  }

  /**
   * Fills {@code vector} (this mapping's type) with rows {@code [from, from + count)} of {@code
   * column}, missing values as nulls. Not for strings ({@link StringColumns}).
   */
  void fill(Column<?> column, int from, int count, FieldVector vector, Scratch scratch) {
    vector.setInitialCapacity(count);
    vector.allocateNew();
    switch (this) {
      case BOOLEAN -> booleans((BooleanColumn) column, from, count, (BitVector) vector, scratch);
      case SHORT -> shorts((ShortColumn) column, from, count, (SmallIntVector) vector, scratch);
      case INTEGER -> ints((IntColumn) column, from, count, (IntVector) vector, scratch);
      case LONG -> longs((LongColumn) column, from, count, (BigIntVector) vector, scratch);
      case FLOAT -> floats((FloatColumn) column, from, count, (Float4Vector) vector, scratch);
      case DOUBLE -> doubles((DoubleColumn) column, from, count, (Float8Vector) vector, scratch);
      case LOCAL_DATE -> dates((DateColumn) column, from, count, (DateDayVector) vector, scratch);
      case LOCAL_TIME -> times((TimeColumn) column, from, count, (TimeMilliVector) vector, scratch);
      case LOCAL_DATE_TIME ->
          timestamps(
              ((DateTimeColumn) column)::getLongInternal,
              from,
              count,
              (TimeStampVector) vector,
              scratch);
      case INSTANT ->
          timestamps(
              ((InstantColumn) column)::getLongInternal,
              from,
              count,
              (TimeStampVector) vector,
              scratch);
      case STRING -> throw new IllegalStateException("strings go through StringColumns");
    }
    vector.setValueCount(count);
  }

  /**
   * Arrays reused from batch to batch: values are gathered from a column into one, then copied into
   * the Arrow buffer at once. Also keeps a boolean column's bitmaps, taken once per column.
   */
  static final class Scratch {
    private long[] longs = new long[0];
    private int[] ints = new int[0];
    private short[] shorts = new short[0];
    private float[] floats = new float[0];
    private double[] doubles = new double[0];

    /** Per boolean column: its true and missing bitmaps, taken once. */
    private final IdentityHashMap<BooleanColumn, byte[][]> bitmaps = new IdentityHashMap<>();

    long[] longs(int count) {
      if (longs.length < count) {
        longs = new long[count];
      }
      return longs;
    }

    int[] ints(int count) {
      if (ints.length < count) {
        ints = new int[count];
      }
      return ints;
    }

    short[] shorts(int count) {
      if (shorts.length < count) {
        shorts = new short[count];
      }
      return shorts;
    }

    float[] floats(int count) {
      if (floats.length < count) {
        floats = new float[count];
      }
      return floats;
    }

    double[] doubles(int count) {
      if (doubles.length < count) {
        doubles = new double[count];
      }
      return doubles;
    }
  }

  /**
   * Booleans as bitmaps: Tablesaw's own bit sets (true, missing) are Arrow's value and validity
   * bitmaps already (both little-endian bit order); they are taken once per column and each batch
   * copies its range of bytes.
   */
  private static void booleans(
      BooleanColumn column, int from, int count, BitVector vector, Scratch scratch) {
    byte[][] bits = scratch.bitmaps.computeIfAbsent(column, ColumnMapping::bitmaps);
    vector.getDataBuffer().setBytes(0, Bitmaps.range(bits[0], from, count));
    vector
        .getValidityBuffer()
        .setBytes(0, Bitmaps.complement(Bitmaps.range(bits[1], from, count), count));
  }

  /** A boolean column's true and missing bitmaps. */
  private static byte[][] bitmaps(BooleanColumn column) {
    if (column.data() instanceof BitSetBooleanData bits) {
      return new byte[][] {bits.trueBytes(), bits.missingBytes()};
    }
    int rows = column.size();
    byte[] bytes = column.data().toByteArray();
    byte[] trues = new byte[Bitmaps.bytes(rows)];
    byte[] missing = new byte[Bitmaps.bytes(rows)];
    for (int i = 0; i < rows; i++) {
      if (bytes[i] == MISSING_BOOLEAN) {
        Bitmaps.set(missing, i);
      } else if (bytes[i] == 1) {
        Bitmaps.set(trues, i);
      }
    }
    return new byte[][] {trues, missing};
  }

  // Numeric columns: the range is gathered into a primitive array, copied into the Arrow data
  // buffer at once, every value marked valid, then the missing-value sentinels cleared.

  private static void shorts(
      ShortColumn column, int from, int count, SmallIntVector vector, Scratch scratch) {
    short[] values = scratch.shorts(count);
    for (int i = 0; i < count; i++) {
      values[i] = column.getShort(from + i);
    }
    data(vector, count * 2).asShortBuffer().put(values, 0, count);
    allValid(vector, count);
    for (int i = 0; i < count; i++) {
      if (values[i] == Short.MIN_VALUE) {
        vector.setNull(i);
      }
    }
  }

  private static void ints(
      IntColumn column, int from, int count, IntVector vector, Scratch scratch) {
    int[] values = Columns.elements(column);
    int at = from;
    if (values == null) {
      values = scratch.ints(count);
      for (int i = 0; i < count; i++) {
        values[i] = column.getInt(from + i);
      }
      at = 0;
    }
    data(vector, count * 4).asIntBuffer().put(values, at, count);
    allValid(vector, count);
    for (int i = 0; i < count; i++) {
      if (values[at + i] == Integer.MIN_VALUE) {
        vector.setNull(i);
      }
    }
  }

  private static void longs(
      LongColumn column, int from, int count, BigIntVector vector, Scratch scratch) {
    long[] values = Columns.elements(column);
    int at = from;
    if (values == null) {
      values = scratch.longs(count);
      for (int i = 0; i < count; i++) {
        values[i] = column.getLong(from + i);
      }
      at = 0;
    }
    data(vector, count * 8).asLongBuffer().put(values, at, count);
    allValid(vector, count);
    for (int i = 0; i < count; i++) {
      if (values[at + i] == Long.MIN_VALUE) {
        vector.setNull(i);
      }
    }
  }

  private static void floats(
      FloatColumn column, int from, int count, Float4Vector vector, Scratch scratch) {
    float[] values = scratch.floats(count);
    for (int i = 0; i < count; i++) {
      values[i] = column.getFloat(from + i);
    }
    data(vector, count * 4).asFloatBuffer().put(values, 0, count);
    allValid(vector, count);
    for (int i = 0; i < count; i++) {
      if (Float.isNaN(values[i])) {
        vector.setNull(i);
      }
    }
  }

  private static void doubles(
      DoubleColumn column, int from, int count, Float8Vector vector, Scratch scratch) {
    double[] values = Columns.elements(column);
    int at = from;
    if (values == null) {
      values = scratch.doubles(count);
      for (int i = 0; i < count; i++) {
        values[i] = column.getDouble(from + i);
      }
      at = 0;
    }
    data(vector, count * 8).asDoubleBuffer().put(values, at, count);
    allValid(vector, count);
    for (int i = 0; i < count; i++) {
      if (Double.isNaN(values[at + i])) {
        vector.setNull(i);
      }
    }
  }

  /** The vector's data buffer as little-endian bytes, to copy a primitive array into at once. */
  private static ByteBuffer data(BaseFixedWidthVector vector, int bytes) {
    return vector.getDataBuffer().nioBuffer(0, bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void allValid(BaseFixedWidthVector vector, int count) {
    vector.getValidityBuffer().setOne(0L, (long) Bitmaps.bytes(count));
  }

  private static void dates(
      DateColumn column, int from, int count, DateDayVector vector, Scratch scratch) {
    int[] days = scratch.ints(count);
    allValid(vector, count);
    for (int i = 0; i < count; i++) {
      int packed = column.getIntInternal(from + i);
      if (packed == Integer.MIN_VALUE) {
        vector.setNull(i);
        days[i] = 0;
      } else {
        days[i] = (int) PackedLocalDate.toEpochDay(packed);
      }
    }
    data(vector, count * 4).asIntBuffer().put(days, 0, count);
  }

  private static void times(
      TimeColumn column, int from, int count, TimeMilliVector vector, Scratch scratch) {
    int[] millis = scratch.ints(count);
    allValid(vector, count);
    for (int i = 0; i < count; i++) {
      int packed = column.getIntInternal(from + i);
      if (packed == Integer.MIN_VALUE) {
        vector.setNull(i);
        millis[i] = 0;
      } else {
        millis[i] = millisOfDay(packed);
      }
    }
    data(vector, count * 4).asIntBuffer().put(millis, 0, count);
  }

  /**
   * Whether a packed time keeps its hour and minute above its low 16 bits and the millisecond of
   * the minute in them, so two packed date-times of the same minute differ only there: saves unpack
   * and loads pack a minute at a time then (else value by value).
   */
  private static final boolean MILLIS_OF_MINUTE_LOW =
      (PackedLocalTime.of(23, 59, 0, 0) & 0xffff) == 0
          && PackedLocalTime.of(23, 59, 59, 999) - PackedLocalTime.of(23, 59, 0, 0) == 59_999
          && PackedLocalTime.getMillisecondOfMinute(PackedLocalTime.of(7, 8, 9, 10)) == 9_010;

  private interface PackedLongs {
    long get(int row);
  }

  /**
   * Packed date-times or instants (missing: {@code Long.MIN_VALUE}) as epoch milliseconds. Rows
   * usually share their minute with the previous row, so a minute's epoch milliseconds are computed
   * once and each row adds its millisecond of the minute (the packed value's low 16 bits).
   */
  private static void timestamps(
      PackedLongs column, int from, int count, TimeStampVector vector, Scratch scratch) {
    long[] millis = scratch.longs(count);
    allValid(vector, count);
    boolean known = false;
    long lastMinute = 0;
    long lastMinuteMillis = 0;
    for (int i = 0; i < count; i++) {
      long packed = column.get(from + i);
      if (packed == Long.MIN_VALUE) {
        vector.setNull(i);
        millis[i] = 0;
        continue;
      }
      if (!MILLIS_OF_MINUTE_LOW) {
        millis[i] = epochMillis(packed);
        continue;
      }
      long minute = packed & ~0xffffL;
      if (!known || minute != lastMinute) {
        known = true;
        lastMinute = minute;
        lastMinuteMillis = epochMillis(minute);
      }
      millis[i] = lastMinuteMillis + (packed & 0xffffL);
    }
    data(vector, count * 8).asLongBuffer().put(millis, 0, count);
  }

  /**
   * Milliseconds since the epoch (UTC) of a packed Tablesaw date-time or instant: both pack a date
   * in the high and a time of day in the low 32 bits. No java.time object is made.
   */
  static long epochMillis(long packed) {
    int date = PackedInstant.date(packed);
    int time = PackedInstant.time(packed);
    return PackedLocalDate.toEpochDay(date) * 86_400_000L + millisOfDay(time);
  }

  /**
   * The packed date-time (or instant) of milliseconds since the epoch. Consecutive values usually
   * fall on the same day and minute, so the packed date of the last day and the packed time of the
   * last minute are kept; Tablesaw keeps the millisecond of the minute in a packed time's low 16
   * bits, so a time within a known minute is one OR (checked once, else every time is packed).
   */
  static final class Packer {

    private long day = Long.MIN_VALUE;
    private int packedDate;
    private boolean minuteKnown;
    private long minuteStart;
    private long packedMinute;

    long pack(long epochMillis) {
      // epochMillis >= minuteStart first, so the subtraction cannot overflow
      if (minuteKnown && epochMillis >= minuteStart && epochMillis - minuteStart < 60_000) {
        return packedMinute | (epochMillis - minuteStart);
      }
      return packNewMinute(epochMillis);
    }

    /** Kept apart so that {@link #pack} stays small enough to be inlined into callers' loops. */
    private long packNewMinute(long epochMillis) {
      long today = Math.floorDiv(epochMillis, 86_400_000L);
      if (today != day) {
        day = today;
        packedDate = PackedLocalDate.pack(LocalDate.ofEpochDay(today));
      }
      int millis = (int) (epochMillis - today * 86_400_000L);
      if (!MILLIS_OF_MINUTE_LOW) {
        return (((long) packedDate) << 32) | (packTime(millis) & 0xffffffffL);
      }
      int minuteOfDay = millis / 60_000;
      minuteStart = today * 86_400_000L + minuteOfDay * 60_000L;
      minuteKnown = true;
      packedMinute =
          (((long) packedDate) << 32)
              | (PackedLocalTime.of(minuteOfDay / 60, minuteOfDay % 60, 0, 0) & 0xffffffffL);
      return packedMinute | (epochMillis - minuteStart);
    }
  }

  /** Milliseconds since midnight of a packed Tablesaw time. */
  static int millisOfDay(int packedTime) {
    return PackedLocalTime.getHour(packedTime) * 3_600_000
        + PackedLocalTime.getMinute(packedTime) * 60_000
        + PackedLocalTime.getMillisecondOfMinute(packedTime);
  }

  /** Packed Tablesaw date of an Arrow day number. */
  static int packDate(long epochDay) {
    return PackedLocalDate.pack(LocalDate.ofEpochDay(epochDay));
  }

  /** Packed Tablesaw time of milliseconds since midnight, in [0, 86,400,000). */
  static int packTime(int millis) {
    return PackedLocalTime.of(
        millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000);
  }

  static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** Builds a vector of strings without a dictionary (used for high-cardinality columns). */
  static void plainStrings(tech.tablesaw.api.StringColumn column, VarCharVector vector) {
    for (int i = 0; i < column.size(); i++) {
      String value = column.get(i);
      if (value.isEmpty()) {
        vector.setNull(i);
      } else {
        vector.setSafe(i, utf8(value));
      }
    }
    vector.setValueCount(column.size());
  }
}
