package io.redframe.jdbc.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBWritableVector;

/**
 * How each Arrow column type of a frame becomes a DuckDB column: its SQL type and the writer that
 * copies a slice of an Arrow vector into DuckDB's output vector, nulls included. Types without a
 * DuckDB counterpart here (lists, structs, binary) are read as their text. Times of day are written
 * as timestamps on 1970-01-01 (DuckDB's Java vectors have no TIME setter) and cast back to {@code
 * TIME} by the SQL that names the frame ({@link Rewriter}).
 */
final class Columns {
  private Columns() {}

  /**
   * Copies rows {@code [from, from + n)} of {@code in} to rows {@code [at, at + n)} of {@code out};
   * {@code nulls} is false when {@code in} has no nulls, so no row's validity bit is read (a
   * bounds-checked read per value was most of a scan's time).
   */
  @FunctionalInterface
  interface Writer {
    void write(
        FieldVector in,
        Dictionaries dictionaries,
        int from,
        int n,
        DuckDBWritableVector out,
        int at,
        boolean nulls);
  }

  /** The dictionaries of the batch being copied. */
  @FunctionalInterface
  interface Dictionaries {
    /**
     * The words of dictionary {@code id} as UTF-8, index by index, made once per batch.
     *
     * @throws IllegalStateException if the batch has no such dictionary
     */
    byte[][] words(long id);
  }

  /** {@link Dictionaries} over a reader's current batch, each made once until {@link #clear}. */
  static final class BatchDictionaries implements Dictionaries {
    private final DictionaryProvider provider;
    private final Map<Long, byte[][]> made = new HashMap<>();

    BatchDictionaries(DictionaryProvider provider) {
      this.provider = provider;
    }

    /** Forgets the words made: the reader moved to another batch. */
    void clear() {
      made.clear();
    }

    @Override
    public byte[][] words(long id) {
      byte[][] words = made.get(id);
      if (words == null) {
        Dictionary dictionary = provider.lookup(id);
        if (dictionary == null) {
          throw new IllegalStateException("Dictionary " + id + " is missing from the batch");
        }
        VariableWidthFieldVector vector = (VariableWidthFieldVector) dictionary.getVector();
        words = new byte[vector.getValueCount()][];
        for (int i = 0; i < words.length; i++) {
          words[i] = vector.isNull(i) ? null : vector.get(i);
        }
        made.put(id, words);
      }
      return words;
    }
  }

  /**
   * A frame column as SQL sees it.
   *
   * @param type the DuckDB type the scan declares
   * @param sqlType the type SQL finally sees (differs for times of day: TIME)
   * @param precision for decimals, else 0
   * @param scale for decimals, else 0
   */
  record Column(
      String name, DuckDBColumnType type, String sqlType, int precision, int scale, Writer writer) {
    boolean isTimeOfDay() {
      return !type.name().equals(sqlType) && "TIME".equals(sqlType);
    }
  }

  static Column of(Field field) {
    DictionaryEncoding dictionary = field.getDictionary();
    if (dictionary != null) {
      return column(field.getName(), DuckDBColumnType.VARCHAR, dictionaryText(dictionary.getId()));
    }
    ArrowType type = field.getType();
    return switch (type.getTypeID()) {
      case Int -> integer(field.getName(), (ArrowType.Int) type);
      case FloatingPoint -> floating(field.getName(), (ArrowType.FloatingPoint) type);
      case Bool -> column(field.getName(), DuckDBColumnType.BOOLEAN, Columns::bools);
      case Utf8, LargeUtf8, Utf8View ->
          column(field.getName(), DuckDBColumnType.VARCHAR, Columns::text);
      case Date ->
          column(
              field.getName(),
              DuckDBColumnType.DATE,
              ((ArrowType.Date) type).getUnit() == DateUnit.DAY
                  ? raw(Integer.BYTES, Columns::dates)
                  : Columns::dates);
      case Time ->
          new Column(field.getName(), DuckDBColumnType.TIMESTAMP, "TIME", 0, 0, Columns::times);
      case Timestamp -> timestamp(field.getName(), (ArrowType.Timestamp) type);
      case Decimal -> decimal(field.getName(), (ArrowType.Decimal) type);
      default -> column(field.getName(), DuckDBColumnType.VARCHAR, Columns::asText);
    };
  }

  private static Column column(String name, DuckDBColumnType type, Writer writer) {
    return new Column(name, type, type.name(), 0, 0, writer);
  }

  private static Column integer(String name, ArrowType.Int type) {
    if (type.getIsSigned()) {
      return switch (type.getBitWidth()) {
        case 8 -> column(name, DuckDBColumnType.TINYINT, raw(1, Columns::int8));
        case 16 -> column(name, DuckDBColumnType.SMALLINT, raw(2, Columns::int16));
        case 32 -> column(name, DuckDBColumnType.INTEGER, raw(4, Columns::int32));
        default -> column(name, DuckDBColumnType.BIGINT, raw(8, Columns::int64));
      };
    }
    return switch (type.getBitWidth()) {
      case 8 -> column(name, DuckDBColumnType.UTINYINT, raw(1, Columns::uint8));
      case 16 -> column(name, DuckDBColumnType.USMALLINT, raw(2, Columns::uint16));
      case 32 -> column(name, DuckDBColumnType.UINTEGER, raw(4, Columns::uint32));
      default -> column(name, DuckDBColumnType.UBIGINT, raw(8, Columns::uint64));
    };
  }

  private static Column floating(String name, ArrowType.FloatingPoint type) {
    return switch (type.getPrecision()) {
      case HALF -> column(name, DuckDBColumnType.FLOAT, Columns::float16);
      case SINGLE -> column(name, DuckDBColumnType.FLOAT, raw(4, Columns::float32));
      case DOUBLE -> column(name, DuckDBColumnType.DOUBLE, raw(8, Columns::float64));
    };
  }

  private static Column timestamp(String name, ArrowType.Timestamp type) {
    TimeUnit unit = unit(type.getUnit());
    // DuckDB keeps both timestamp types as microseconds since the epoch (UTC for instants).
    boolean micros = unit == TimeUnit.MICROSECONDS;
    if (type.getTimezone() == null || type.getTimezone().isEmpty()) {
      return column(
          name,
          DuckDBColumnType.TIMESTAMP,
          raw(
              micros ? Long.BYTES : 0,
              (in, d, from, n, out, at, nulls) -> local(in, unit, from, n, out, at, nulls)));
    }
    return new Column(
        name,
        DuckDBColumnType.TIMESTAMP_WITH_TIME_ZONE,
        "TIMESTAMP WITH TIME ZONE",
        0,
        0,
        raw(
            micros ? Long.BYTES : 0,
            (in, d, from, n, out, at, nulls) -> instants(in, unit, from, n, out, at, nulls)));
  }

  private static Column decimal(String name, ArrowType.Decimal type) {
    if (type.getBitWidth() != 128 || type.getPrecision() > 38) {
      return column(name, DuckDBColumnType.VARCHAR, Columns::asText);
    }
    return new Column(
        name,
        DuckDBColumnType.DECIMAL,
        "DECIMAL(" + type.getPrecision() + "," + type.getScale() + ")",
        type.getPrecision(),
        type.getScale(),
        Columns::decimals);
  }

  private static TimeUnit unit(org.apache.arrow.vector.types.TimeUnit unit) {
    return switch (unit) {
      case SECOND -> TimeUnit.SECONDS;
      case MILLISECOND -> TimeUnit.MILLISECONDS;
      case MICROSECOND -> TimeUnit.MICROSECONDS;
      case NANOSECOND -> TimeUnit.NANOSECONDS;
    };
  }

  // ---- writers ----

  /**
   * The bulk copy of values {@code width} bytes wide whose Arrow layout is DuckDB's, when {@link
   * RawVectors} works with this DuckDB ({@code width} 0: never); else {@code setters}.
   */
  private static Writer raw(int width, Writer setters) {
    if (width == 0 || !RawVectors.available()) {
      return setters;
    }
    return (in, d, from, n, out, at, nulls) -> RawVectors.copy(in, from, n, width, out, at, nulls);
  }

  /**
   * Values {@code [from, from + n)} of a fixed-width vector as one little-endian buffer: one bounds
   * check for the slice instead of one (and a reference-count read) per value.
   */
  private static ByteBuffer slice(FieldVector v, int from, int n, int width) {
    return v.getDataBuffer()
        .nioBuffer((long) from * width, n * width)
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  private static boolean copyNull(
      boolean nulls, ValueVector in, int row, DuckDBWritableVector out, int at) {
    if (nulls && in.isNull(row)) {
      out.setNull(at);
      return true;
    }
    return false;
  }

  static void int8(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    TinyIntVector v = (TinyIntVector) in;
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, v, from + i, out, at + i)) {
        out.setByte(at + i, v.get(from + i));
      }
    }
  }

  static void int16(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    SmallIntVector v = (SmallIntVector) in;
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, v, from + i, out, at + i)) {
        out.setShort(at + i, v.get(from + i));
      }
    }
  }

  static void int32(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    IntVector v = (IntVector) in;
    ByteBuffer values = slice(v, from, n, Integer.BYTES);
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, v, from + i, out, at + i)) {
        out.setInt(at + i, values.getInt(i * Integer.BYTES));
      }
    }
  }

  static void int64(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    BigIntVector v = (BigIntVector) in;
    ByteBuffer values = slice(v, from, n, Long.BYTES);
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, v, from + i, out, at + i)) {
        out.setLong(at + i, values.getLong(i * Long.BYTES));
      }
    }
  }

  static void uint8(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    UInt1Vector v = (UInt1Vector) in;
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, v, from + i, out, at + i)) {
        out.setUint8(at + i, Byte.toUnsignedInt(v.get(from + i)));
      }
    }
  }

  static void uint16(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    UInt2Vector v = (UInt2Vector) in;
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, v, from + i, out, at + i)) {
        out.setUint16(at + i, v.get(from + i));
      }
    }
  }

  static void uint32(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    UInt4Vector v = (UInt4Vector) in;
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, v, from + i, out, at + i)) {
        out.setUint32(at + i, Integer.toUnsignedLong(v.get(from + i)));
      }
    }
  }

  static void uint64(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    UInt8Vector v = (UInt8Vector) in;
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, v, from + i, out, at + i)) {
        out.setUint64(at + i, new BigInteger(Long.toUnsignedString(v.get(from + i))));
      }
    }
  }

  static void float16(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    Float2Vector v = (Float2Vector) in;
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, v, from + i, out, at + i)) {
        out.setFloat(at + i, v.getValueAsFloat(from + i));
      }
    }
  }

  static void float32(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    Float4Vector v = (Float4Vector) in;
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, v, from + i, out, at + i)) {
        out.setFloat(at + i, v.get(from + i));
      }
    }
  }

  static void float64(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    Float8Vector v = (Float8Vector) in;
    ByteBuffer values = slice(v, from, n, Double.BYTES);
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, v, from + i, out, at + i)) {
        out.setDouble(at + i, values.getDouble(i * Double.BYTES));
      }
    }
  }

  static void bools(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    BitVector v = (BitVector) in;
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, v, from + i, out, at + i)) {
        out.setBoolean(at + i, v.get(from + i) != 0);
      }
    }
  }

  static void text(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    VariableWidthFieldVector v = (VariableWidthFieldVector) in;
    byte[][] values = new byte[n][];
    for (int i = 0; i < n; i++) {
      values[i] = nulls && v.isNull(from + i) ? null : v.get(from + i);
    }
    strings(values, out, at);
  }

  private static Writer dictionaryText(long id) {
    return (in, dictionaries, from, n, out, at, nulls) -> {
      byte[][] words = dictionaries.words(id);
      BaseIntVector indexes = (BaseIntVector) in;
      ByteBuffer ints = in instanceof IntVector ? slice(in, from, n, Integer.BYTES) : null;
      byte[][] values = new byte[n][];
      for (int i = 0; i < n; i++) {
        if (nulls && in.isNull(from + i)) {
          continue;
        }
        long index =
            ints != null ? ints.getInt(i * Integer.BYTES) : indexes.getValueAsLong(from + i);
        if (index < 0 || index >= words.length) {
          throw new IllegalStateException(
              "Column " + in.getName() + " names word " + index + " of " + words.length);
        }
        values[i] = words[(int) index];
      }
      strings(values, out, at);
    };
  }

  /** Strings (null: a null) to rows {@code [at, at + values.length)} of {@code out}. */
  private static void strings(byte[][] values, DuckDBWritableVector out, int at) {
    if (RawVectors.available()) {
      RawVectors.strings(values, out, at);
    } else {
      out.setStringUtf8Batch(at, values);
    }
  }

  static void dates(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, in, from + i, out, at + i)) {
        long day =
            in instanceof DateDayVector days
                ? days.get(from + i)
                : Math.floorDiv(((DateMilliVector) in).get(from + i), 86_400_000L);
        out.setDate(at + i, LocalDate.ofEpochDay(day));
      }
    }
  }

  static void times(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, in, from + i, out, at + i)) {
        out.setTimestamp(at + i, utc(timeOfDayMicros(in, from + i)));
      }
    }
  }

  private static long timeOfDayMicros(FieldVector in, int row) {
    if (in instanceof TimeMilliVector v) {
      return v.get(row) * 1_000L;
    } else if (in instanceof TimeMicroVector v) {
      return v.get(row);
    } else if (in instanceof TimeNanoVector v) {
      return v.get(row) / 1_000L;
    }
    return ((TimeSecVector) in).get(row) * 1_000_000L;
  }

  private static void local(
      FieldVector in,
      TimeUnit unit,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    TimeStampVector v = (TimeStampVector) in;
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, v, from + i, out, at + i)) {
        out.setTimestamp(at + i, utc(micros(v.get(from + i), unit)));
      }
    }
  }

  private static void instants(
      FieldVector in,
      TimeUnit unit,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    TimeStampVector v = (TimeStampVector) in;
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, v, from + i, out, at + i)) {
        long micros = micros(v.get(from + i), unit);
        Instant instant =
            Instant.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        out.setTimestamp(at + i, Timestamp.from(instant));
      }
    }
  }

  private static long micros(long value, TimeUnit unit) {
    return unit == TimeUnit.NANOSECONDS ? Math.floorDiv(value, 1_000L) : unit.toMicros(value);
  }

  private static LocalDateTime utc(long micros) {
    return LocalDateTime.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L),
        (int) (Math.floorMod(micros, 1_000_000L) * 1_000L),
        ZoneOffset.UTC);
  }

  static void decimals(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    DecimalVector v = (DecimalVector) in;
    for (int i = 0; i < n; i++) {
      if (!copyNull(nulls, v, from + i, out, at + i)) {
        BigDecimal value = v.getObject(from + i);
        out.setBigDecimal(at + i, value);
      }
    }
  }

  static void asText(
      FieldVector in,
      Dictionaries d,
      int from,
      int n,
      DuckDBWritableVector out,
      int at,
      boolean nulls) {
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      Object value = in.getObject(from + i);
      values[i] = value == null ? null : value.toString();
    }
    out.setStrings(at, values);
  }
}
