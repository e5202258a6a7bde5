package io.redframe.tablesaw.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
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
import tech.tablesaw.columns.datetimes.PackedLocalDateTime;
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

  private static void shorts(ShortColumn column, SmallIntVector vector) {
    short[] values = column.asShortArray();
    for (int i = 0; i < values.length; i++) {
      if (values[i] == Short.MIN_VALUE) {
        vector.setNull(i);
      } else {
        vector.set(i, values[i]);
      }
    }
  }

  private static void ints(IntColumn column, IntVector vector) {
    int[] values = column.asIntArray();
    for (int i = 0; i < values.length; i++) {
      if (values[i] == Integer.MIN_VALUE) {
        vector.setNull(i);
      } else {
        vector.set(i, values[i]);
      }
    }
  }

  private static void longs(LongColumn column, BigIntVector vector) {
    long[] values = column.asLongArray();
    for (int i = 0; i < values.length; i++) {
      if (values[i] == Long.MIN_VALUE) {
        vector.setNull(i);
      } else {
        vector.set(i, values[i]);
      }
    }
  }

  private static void floats(FloatColumn column, Float4Vector vector) {
    float[] values = column.asFloatArray();
    for (int i = 0; i < values.length; i++) {
      if (Float.isNaN(values[i])) {
        vector.setNull(i);
      } else {
        vector.set(i, values[i]);
      }
    }
  }

  private static void doubles(DoubleColumn column, Float8Vector vector) {
    double[] values = column.asDoubleArray();
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        vector.setNull(i);
      } else {
        vector.set(i, values[i]);
      }
    }
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
        LocalDateTime value = PackedLocalDateTime.asLocalDateTime(column.getLongInternal(i));
        vector.set(i, value.toEpochSecond(ZoneOffset.UTC) * 1000 + value.getNano() / 1_000_000);
      }
    }
  }

  private static void instants(InstantColumn column, TimeStampMilliTZVector vector) {
    for (int i = 0; i < column.size(); i++) {
      if (column.isMissing(i)) {
        vector.setNull(i);
      } else {
        vector.set(i, PackedInstant.asInstant(column.getLongInternal(i)).toEpochMilli());
      }
    }
  }

  /** Packed Tablesaw date of an Arrow day number. */
  static int packDate(long epochDay) {
    return PackedLocalDate.pack(LocalDate.ofEpochDay(epochDay));
  }

  static int packTime(long millisOfDay) {
    return PackedLocalTime.pack(LocalTime.ofNanoOfDay(millisOfDay * 1_000_000));
  }

  static long packDateTime(long epochMillis) {
    return PackedLocalDateTime.pack(
        LocalDateTime.ofEpochSecond(
            Math.floorDiv(epochMillis, 1000),
            Math.floorMod(epochMillis, 1000) * 1_000_000,
            ZoneOffset.UTC));
  }

  static long packInstant(long epochMillis) {
    return PackedInstant.pack(Instant.ofEpochMilli(epochMillis));
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
