package io.redframe.tablesaw.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
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
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
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
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.columns.instant.PackedInstant;
import tech.tablesaw.columns.times.PackedLocalTime;

/**
 * Every Tablesaw column type and its Arrow type, in one place: how a column's values (with its
 * missing-value sentinels) become an Arrow vector with real nulls. Strings are handled by {@link
 * StringColumns} (they may be dictionary-encoded). Reading back is {@link ColumnBuilder}'s job.
 *
 * <p>Tablesaw keeps times to the millisecond, so date-times and times are millisecond Arrow types;
 * instants are UTC millisecond timestamps.
 */
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

  /** A new Arrow vector holding the column's values, missing values as nulls (not strings). */
  FieldVector toArrow(Column<?> column, BufferAllocator allocator) {
    Field field = new Field(column.name(), FieldType.nullable(arrowType), null);
    FieldVector vector = field.createVector(allocator);
    int rows = column.size();
    vector.setInitialCapacity(rows);
    vector.allocateNew();
    switch (this) {
      case BOOLEAN -> booleans((BooleanColumn) column, (BitVector) vector);
      case SHORT -> shorts((ShortColumn) column, (SmallIntVector) vector);
      case INTEGER -> ints((IntColumn) column, (IntVector) vector);
      case LONG -> longs((LongColumn) column, (BigIntVector) vector);
      case FLOAT -> floats((FloatColumn) column, (Float4Vector) vector);
      case DOUBLE -> doubles((DoubleColumn) column, (Float8Vector) vector);
      case LOCAL_DATE -> dates((DateColumn) column, (DateDayVector) vector);
      case LOCAL_TIME -> times((TimeColumn) column, (TimeMilliVector) vector);
      case LOCAL_DATE_TIME -> dateTimes((DateTimeColumn) column, (TimeStampMilliVector) vector);
      case INSTANT -> instants((InstantColumn) column, (TimeStampMilliTZVector) vector);
      case STRING -> throw new IllegalStateException("strings go through StringColumns");
    }
    vector.setValueCount(rows);
    return vector;
  }

  private static void booleans(BooleanColumn column, BitVector vector) {
    for (int i = 0; i < column.size(); i++) {
      byte value = column.getByte(i);
      if (value == MISSING_BOOLEAN) {
        vector.setNull(i);
      } else {
        vector.set(i, value == 1 ? 1 : 0);
      }
    }
  }

  // Numeric columns are copied in bulk (one copy of the primitive array straight into the Arrow
  // data buffer), then every value marked valid and the missing-value sentinels cleared.

  private static void shorts(ShortColumn column, SmallIntVector vector) {
    short[] values = column.asShortArray();
    data(vector, values.length * 2).asShortBuffer().put(values);
    allValid(vector, values.length);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == Short.MIN_VALUE) {
        vector.setNull(i);
      }
    }
  }

  private static void ints(IntColumn column, IntVector vector) {
    int[] values = column.asIntArray();
    data(vector, values.length * 4).asIntBuffer().put(values);
    allValid(vector, values.length);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == Integer.MIN_VALUE) {
        vector.setNull(i);
      }
    }
  }

  private static void longs(LongColumn column, BigIntVector vector) {
    long[] values = column.asLongArray();
    data(vector, values.length * 8).asLongBuffer().put(values);
    allValid(vector, values.length);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == Long.MIN_VALUE) {
        vector.setNull(i);
      }
    }
  }

  private static void floats(FloatColumn column, Float4Vector vector) {
    float[] values = column.asFloatArray();
    data(vector, values.length * 4).asFloatBuffer().put(values);
    allValid(vector, values.length);
    for (int i = 0; i < values.length; i++) {
      if (Float.isNaN(values[i])) {
        vector.setNull(i);
      }
    }
  }

  private static void doubles(DoubleColumn column, Float8Vector vector) {
    double[] values = column.asDoubleArray();
    data(vector, values.length * 8).asDoubleBuffer().put(values);
    allValid(vector, values.length);
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        vector.setNull(i);
      }
    }
  }

  /** The vector's data buffer as little-endian bytes, to copy a primitive array into at once. */
  private static ByteBuffer data(BaseFixedWidthVector vector, int bytes) {
    return vector.getDataBuffer().nioBuffer(0, bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void allValid(BaseFixedWidthVector vector, int count) {
    vector.getValidityBuffer().setOne(0L, (long) ((count + 7) / 8));
  }

  private static void dates(DateColumn column, DateDayVector vector) {
    for (int i = 0; i < column.size(); i++) {
      if (column.isMissing(i)) {
        vector.setNull(i);
      } else {
        vector.set(i, (int) PackedLocalDate.toEpochDay(column.getIntInternal(i)));
      }
    }
  }

  private static void times(TimeColumn column, TimeMilliVector vector) {
    for (int i = 0; i < column.size(); i++) {
      if (column.isMissing(i)) {
        vector.setNull(i);
      } else {
        vector.set(i, PackedLocalTime.getMillisecondOfDay(column.getIntInternal(i)));
      }
    }
  }

  private static void dateTimes(DateTimeColumn column, TimeStampMilliVector vector) {
    for (int i = 0; i < column.size(); i++) {
      if (column.isMissing(i)) {
        vector.setNull(i);
      } else {
        vector.set(i, epochMillis(column.getLongInternal(i)));
      }
    }
  }

  private static void instants(InstantColumn column, TimeStampMilliTZVector vector) {
    for (int i = 0; i < column.size(); i++) {
      if (column.isMissing(i)) {
        vector.setNull(i);
      } else {
        vector.set(i, epochMillis(column.getLongInternal(i)));
      }
    }
  }

  /**
   * Milliseconds since the epoch (UTC) of a packed Tablesaw date-time or instant: both pack a date
   * in the high and a time of day in the low 32 bits. No java.time object is made.
   */
  static long epochMillis(long packed) {
    int date = PackedInstant.date(packed);
    int time = PackedInstant.time(packed);
    return PackedLocalDate.toEpochDay(date) * 86_400_000L
        + PackedLocalTime.getMillisecondOfDay(time);
  }

  /**
   * The packed date-time (or instant) of milliseconds since the epoch. Consecutive values usually
   * fall on the same day, so the packed date of the last day is kept.
   */
  static final class Packer {
    private long day = Long.MIN_VALUE;
    private int packedDate;

    long pack(long epochMillis) {
      long today = Math.floorDiv(epochMillis, 86_400_000L);
      if (today != day) {
        day = today;
        packedDate = PackedLocalDate.pack(LocalDate.ofEpochDay(today));
      }
      int millis = (int) Math.floorMod(epochMillis, 86_400_000L);
      int time =
          PackedLocalTime.of(
              millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000);
      return (((long) packedDate) << 32) | (time & 0xffffffffL);
    }
  }

  /** Packed Tablesaw date of an Arrow day number. */
  static int packDate(long epochDay) {
    return PackedLocalDate.pack(LocalDate.ofEpochDay(epochDay));
  }

  static int packTime(long millisOfDay) {
    return PackedLocalTime.pack(LocalTime.ofNanoOfDay(millisOfDay * 1_000_000));
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
