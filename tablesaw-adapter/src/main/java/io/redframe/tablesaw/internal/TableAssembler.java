package io.redframe.tablesaw.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.booleans.BitSetBooleanData;

/**
 * Reads every batch of an {@link ArrowReader} into one Tablesaw table: Arrow nulls become
 * Tablesaw's missing values. Any Arrow type with a Tablesaw counterpart maps: integers to short,
 * int or long columns by width, floats to float or double, UTF-8 (plain, large, view or
 * dictionary-encoded) to strings, dates, times and timestamps (truncated to the millisecond, as
 * Tablesaw keeps them; with a time zone, to instants). Other types fail naming the column.
 *
 * <p>Values are copied a batch at a time: fixed-width data in bulk from the Arrow buffer into one
 * primitive array per column (nulls then set to Tablesaw's sentinel), booleans as bit sets, strings
 * as dictionary keys; each Tablesaw column is created once, at the end, around its array (no copy:
 * {@link Columns}).
 *
 * <p>Where the models disagree: a NaN, or an integer equal to its type's minimum, is Tablesaw's
 * missing-value sentinel, so such a value in Arrow data reads as missing.
 */
public final class TableAssembler {
  /** The most rows a column reserves before it has seen them (the hint comes from stored bytes). */
  private static final int MOST_RESERVED = 1 << 20;

  private TableAssembler() {}

  /**
   * The whole reader as a table named after the schema's {@code tablesaw.table}, else {@code name}.
   *
   * @throws IllegalArgumentException if a column's Arrow type has no Tablesaw counterpart, or a
   *     value does not fit Tablesaw (a time of day past midnight, a dictionary index outside its
   *     dictionary, more rows than a column holds)
   * @throws IOException if the reader fails
   */
  public static Table read(ArrowReader reader, String name) throws IOException {
    return read(reader, name, 0);
  }

  /** As {@link #read(ArrowReader, String)}, reserving room for {@code expectedRows} at first. */
  public static Table read(ArrowReader reader, String name, long expectedRows) throws IOException {
    return assemble(reader, name, expectedRows).read();
  }

  /**
   * The first step of {@link #read(ArrowReader, String, long)}: a builder for each column of the
   * reader's schema, no batch read yet. Separate so that a caller can tell a schema Tablesaw cannot
   * hold (thrown here) from values that do not fit (thrown by {@link Assembly#read()}).
   *
   * @throws IllegalArgumentException if a column's Arrow type has no Tablesaw counterpart
   */
  public static Assembly assemble(ArrowReader reader, String name, long expectedRows)
      throws IOException {
    VectorSchemaRoot root = reader.getVectorSchemaRoot();
    Schema schema = root.getSchema();
    int reserve = (int) Math.max(0, Math.min(expectedRows, MOST_RESERVED));
    List<Builder> builders = new ArrayList<>();
    for (Field field : schema.getFields()) {
      builders.add(builder(field, reader, reserve));
    }
    Map<String, String> metadata = schema.getCustomMetadata();
    String tableName =
        metadata != null && metadata.containsKey(TableReader.TABLE_NAME)
            ? metadata.get(TableReader.TABLE_NAME)
            : name;
    return new Assembly(reader, tableName, builders);
  }

  /** A table being assembled from a reader whose schema maps; {@link #read()} once. */
  public static final class Assembly {
    private final ArrowReader reader;
    private final String name;
    private final List<Builder> builders;

    private Assembly(ArrowReader reader, String name, List<Builder> builders) {
      this.reader = reader;
      this.name = name;
      this.builders = builders;
    }

    /**
     * Reads every batch and builds the table.
     *
     * @throws IllegalArgumentException if a value does not fit Tablesaw
     * @throws IOException if the reader fails
     */
    public Table read() throws IOException {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      while (reader.loadNextBatch()) {
        for (int c = 0; c < builders.size(); c++) {
          builders.get(c).append(root.getVector(c));
        }
      }
      Table table = Table.create(name);
      for (Builder builder : builders) {
        table.addColumns(builder.build());
      }
      return table;
    }
  }

  /** Accumulates one column over batches. */
  private interface Builder {
    void append(FieldVector vector);

    Column<?> build();
  }

  private static Builder builder(Field field, ArrowReader reader, int reserve) {
    String name = field.getName();
    ArrowType type = field.getType();
    if (field.getDictionary() != null) {
      long id = field.getDictionary().getId();
      StringBuilderColumn strings = new StringBuilderColumn(name, reserve);
      Dictionary first = reader.lookup(id);
      if (first == null
          || !(first.getVectorType() instanceof ArrowType.Utf8
              || first.getVectorType() instanceof ArrowType.LargeUtf8
              || first.getVectorType() instanceof ArrowType.Utf8View)) {
        throw unmappable(field, "dictionary of " + (first == null ? "?" : first.getVectorType()));
      }
      return builder(v -> strings.appendEncoded(v, reader.lookup(id)), strings::build);
    }
    if (type instanceof ArrowType.Utf8
        || type instanceof ArrowType.LargeUtf8
        || type instanceof ArrowType.Utf8View) {
      StringBuilderColumn strings = new StringBuilderColumn(name, reserve);
      return builder(strings::appendPlain, strings::build);
    }
    if (type instanceof ArrowType.Bool) {
      Booleans booleans = new Booleans(reserve);
      return builder(v -> booleans.append((BitVector) v), () -> booleans.build(name));
    }
    if (type instanceof ArrowType.Int integer) {
      return integers(name, integer, field, reserve);
    }
    if (type instanceof ArrowType.FloatingPoint floating) {
      if (floating.getPrecision() == FloatingPointPrecision.DOUBLE) {
        Doubles doubles = new Doubles(reserve);
        return builder(doubles::append, () -> Columns.doubles(name, doubles.values, doubles.size));
      }
      Floats floats = new Floats(reserve);
      return builder(floats::append, () -> Columns.floats(name, floats.values, floats.size));
    }
    if (type instanceof ArrowType.Date) {
      Ints dates = new Ints(reserve);
      return builder(v -> dates(v, dates), () -> Columns.dates(name, dates.values, dates.size));
    }
    if (type instanceof ArrowType.Time) {
      Ints times = new Ints(reserve);
      return builder(v -> times(v, times), () -> Columns.times(name, times.values, times.size));
    }
    if (type instanceof ArrowType.Timestamp timestamp) {
      Longs packed = new Longs(reserve, TimeStampVector.class);
      ColumnMapping.Packer packer = new ColumnMapping.Packer();
      Consumer<FieldVector> append = v -> timestamps((TimeStampVector) v, packer, packed);
      if (timestamp.getTimezone() == null) {
        return builder(append, () -> Columns.dateTimes(name, packed.values, packed.size));
      }
      return builder(append, () -> Columns.instants(name, packed.values, packed.size));
    }
    throw unmappable(field, type.toString());
  }

  private static Builder builder(Consumer<FieldVector> append, Supplier<Column<?>> build) {
    return new Builder() {
      @Override
      public void append(FieldVector vector) {
        append.accept(vector);
      }

      @Override
      public Column<?> build() {
        return build.get();
      }
    };
  }

  private static IllegalArgumentException unmappable(Field field, String type) {
    return new IllegalArgumentException(
        "Column '"
            + field.getName()
            + "' has Arrow type "
            + type
            + ", which has no Tablesaw column type"
            + " (Tablesaw has boolean, short, int, long, float, double, string, date, time, date-time and instant)");
  }

  private static Builder integers(String name, ArrowType.Int type, Field field, int reserve) {
    int bits = type.getBitWidth();
    boolean signed = type.getIsSigned();
    if (bits == 64 && !signed) {
      throw unmappable(field, "uint64 (values above 2^63 do not fit a long)");
    }
    if (bits <= 8 || (bits == 16 && signed)) {
      Shorts shorts = new Shorts(reserve);
      return builder(shorts::append, () -> Columns.shorts(name, shorts.values, shorts.size));
    }
    if (bits == 16 || (bits == 32 && signed)) {
      Ints ints = new Ints(reserve);
      return builder(ints::append, () -> Columns.ints(name, ints.values, ints.size));
    }
    Longs longs = new Longs(reserve, BigIntVector.class);
    return builder(longs::append, () -> Columns.longs(name, longs.values, longs.size));
  }

  /** Calls {@code row} with the index of every null in the vector (none if it has no nulls). */
  private static void eachNull(FieldVector vector, IntConsumer row) {
    if (vector.getNullCount() == 0) {
      return;
    }
    for (int i = 0; i < vector.getValueCount(); i++) {
      if (vector.isNull(i)) {
        row.accept(i);
      }
    }
  }

  /** Room for {@code more} values after {@code size} in {@code length} slots, doubling. */
  private static int grown(int length, int size, int more) {
    long needed = (long) size + more;
    if (needed > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "A Tablesaw column holds at most " + (Integer.MAX_VALUE - 8) + " rows");
    }
    return (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8, Math.max(16L, 2L * length)));
  }

  /**
   * One column's values in a growing primitive array {@code A} ({@code long[]}, {@code int[]},
   * {@code short[]}, {@code float[]} or {@code double[]}), a batch at a time. A batch of the
   * column's own Arrow vector type is copied in bulk from its data buffer, then Tablesaw's
   * missing-value sentinel is set at its nulls; any other batch (a narrower or unsigned integer, a
   * half float) goes value by value. Subclasses hold only what differs by primitive type, so the
   * values never leave their primitive array.
   */
  private abstract static class Primitives<A> {
    private final Class<? extends FieldVector> bulk;
    private final int width;
    A values;
    int size;

    /**
     * @param bulk the vector type whose data buffer holds these values as they are
     * @param width bytes per value in that buffer
     */
    Primitives(A values, Class<? extends FieldVector> bulk, int width) {
      this.values = values;
      this.bulk = bulk;
      this.width = width;
    }

    abstract int capacity();

    /** A copy of the values of {@code length} slots. */
    abstract A resized(int length);

    /** Copies {@code count} values from the little-endian {@code data} to {@code at}. */
    abstract void copy(ByteBuffer data, int at, int count);

    /** Sets the missing-value sentinel at {@code at}. */
    abstract void missing(int at);

    /** Sets {@code at} to value {@code row} of a vector that is not the bulk type. */
    abstract void convert(FieldVector vector, int row, int at);

    /** Room for {@code more} values; returns where they start. */
    final int extend(int more) {
      if (size + (long) more > capacity()) {
        values = resized(grown(capacity(), size, more));
      }
      int start = size;
      size += more;
      return start;
    }

    final void append(FieldVector vector) {
      int count = vector.getValueCount();
      int start = extend(count);
      if (!bulk.isInstance(vector)) {
        for (int i = 0; i < count; i++) {
          if (vector.isNull(i)) {
            missing(start + i);
          } else {
            convert(vector, i, start + i);
          }
        }
        return;
      }
      if (count > 0) {
        ByteBuffer data = vector.getDataBuffer().nioBuffer(0, count * width);
        copy(data.order(ByteOrder.LITTLE_ENDIAN), start, count);
      }
      eachNull(vector, i -> missing(start + i));
    }
  }

  private static final class Longs extends Primitives<long[]> {
    Longs(int reserve, Class<? extends FieldVector> bulk) {
      super(new long[reserve], bulk, 8);
    }

    @Override
    int capacity() {
      return values.length;
    }

    @Override
    long[] resized(int length) {
      return Arrays.copyOf(values, length);
    }

    @Override
    void copy(ByteBuffer data, int at, int count) {
      data.asLongBuffer().get(values, at, count);
    }

    @Override
    void missing(int at) {
      values[at] = Long.MIN_VALUE;
    }

    @Override
    void convert(FieldVector vector, int row, int at) {
      values[at] = ((BaseIntVector) vector).getValueAsLong(row);
    }
  }

  private static final class Ints extends Primitives<int[]> {
    Ints(int reserve) {
      super(new int[reserve], IntVector.class, 4);
    }

    @Override
    int capacity() {
      return values.length;
    }

    @Override
    int[] resized(int length) {
      return Arrays.copyOf(values, length);
    }

    @Override
    void copy(ByteBuffer data, int at, int count) {
      data.asIntBuffer().get(values, at, count);
    }

    @Override
    void missing(int at) {
      values[at] = Integer.MIN_VALUE;
    }

    @Override
    void convert(FieldVector vector, int row, int at) {
      values[at] = (int) ((BaseIntVector) vector).getValueAsLong(row);
    }
  }

  private static final class Shorts extends Primitives<short[]> {
    Shorts(int reserve) {
      super(new short[reserve], SmallIntVector.class, 2);
    }

    @Override
    int capacity() {
      return values.length;
    }

    @Override
    short[] resized(int length) {
      return Arrays.copyOf(values, length);
    }

    @Override
    void copy(ByteBuffer data, int at, int count) {
      data.asShortBuffer().get(values, at, count);
    }

    @Override
    void missing(int at) {
      values[at] = Short.MIN_VALUE;
    }

    @Override
    void convert(FieldVector vector, int row, int at) {
      values[at] = (short) ((BaseIntVector) vector).getValueAsLong(row);
    }
  }

  private static final class Doubles extends Primitives<double[]> {
    Doubles(int reserve) {
      super(new double[reserve], Float8Vector.class, 8);
    }

    @Override
    int capacity() {
      return values.length;
    }

    @Override
    double[] resized(int length) {
      return Arrays.copyOf(values, length);
    }

    @Override
    void copy(ByteBuffer data, int at, int count) {
      data.asDoubleBuffer().get(values, at, count);
    }

    @Override
    void missing(int at) {
      values[at] = Double.NaN;
    }

    @Override
    void convert(FieldVector vector, int row, int at) {
      values[at] = ((FloatingPointVector) vector).getValueAsDouble(row);
    }
  }

  private static final class Floats extends Primitives<float[]> {
    Floats(int reserve) {
      super(new float[reserve], Float4Vector.class, 4);
    }

    @Override
    int capacity() {
      return values.length;
    }

    @Override
    float[] resized(int length) {
      return Arrays.copyOf(values, length);
    }

    @Override
    void copy(ByteBuffer data, int at, int count) {
      data.asFloatBuffer().get(values, at, count);
    }

    @Override
    void missing(int at) {
      values[at] = Float.NaN;
    }

    @Override
    void convert(FieldVector vector, int row, int at) {
      values[at] = ((Float2Vector) vector).getValueAsFloat(row);
    }
  }

  /** Three bit sets (true, false, missing), as Tablesaw keeps booleans. */
  private static final class Booleans {
    private long[] trues;
    private long[] falses;
    private long[] missing;
    private int size;

    Booleans(int reserve) {
      int words = (reserve + 63) >>> 6;
      trues = new long[words];
      falses = new long[words];
      missing = new long[words];
    }

    /**
     * Whole 64-bit words: each word of the batch's bitmaps splits into true, false and missing
     * bits, shifted into place after the rows already held.
     */
    void append(BitVector vector) {
      int count = vector.getValueCount();
      if (count == 0) {
        return;
      }
      int words = (int) ((grownRows(count) + 63) >>> 6);
      if (words > trues.length) {
        trues = Arrays.copyOf(trues, words);
        falses = Arrays.copyOf(falses, words);
        missing = Arrays.copyOf(missing, words);
      }
      long[] values = words(vector.getDataBuffer(), count);
      long[] valid = words(vector.getValidityBuffer(), count);
      for (int w = 0; w < values.length; w++) {
        int left = count - w * 64;
        long inBatch = left >= 64 ? -1L : (1L << left) - 1;
        place(trues, w, valid[w] & values[w] & inBatch);
        place(falses, w, valid[w] & ~values[w] & inBatch);
        place(missing, w, ~valid[w] & inBatch);
      }
      size += count;
    }

    /** ORs {@code bits}, the batch's word {@code w}, into {@code target} after {@link #size}. */
    private void place(long[] target, int w, long bits) {
      if (bits == 0) {
        return;
      }
      long first = (long) size + 64L * w;
      int word = (int) (first >>> 6);
      int shift = (int) (first & 63);
      target[word] |= bits << shift;
      if (shift != 0 && (bits >>> (64 - shift)) != 0) {
        target[word + 1] |= bits >>> (64 - shift);
      }
    }

    private static long[] words(ArrowBuf buffer, int count) {
      long[] words = new long[(count + 63) >>> 6];
      int bytes = Bitmaps.bytes(count);
      ByteBuffer bits = buffer.nioBuffer(0, bytes).order(ByteOrder.LITTLE_ENDIAN);
      bits.asLongBuffer().get(words, 0, bytes / 8);
      for (int b = bytes / 8 * 8; b < bytes; b++) {
        words[b / 8] |= (bits.get(b) & 0xffL) << (8 * (b % 8));
      }
      return words;
    }

    private long grownRows(int count) {
      long needed = (long) size + count;
      if (needed > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "A Tablesaw column holds at most " + (Integer.MAX_VALUE - 8) + " rows");
      }
      long reserved = (long) trues.length << 6;
      return needed <= reserved ? needed : Math.max(needed, 2 * reserved);
    }

    BooleanColumn build(String name) {
      return new BooleanColumn(
          name,
          new BitSetBooleanData(
              BitSet.valueOf(trues), BitSet.valueOf(falses), BitSet.valueOf(missing)));
    }
  }

  private static void dates(FieldVector vector, Ints packed) {
    int count = vector.getValueCount();
    int start = packed.extend(count);
    int[] values = packed.values;
    long lastDay = Long.MIN_VALUE;
    int lastPacked = 0;
    for (int i = 0; i < count; i++) {
      if (vector.isNull(i)) {
        values[start + i] = Integer.MIN_VALUE;
        continue;
      }
      long day =
          vector instanceof DateDayVector d
              ? d.get(i)
              : Math.floorDiv(((DateMilliVector) vector).get(i), 86_400_000L);
      if (day != lastDay) {
        lastDay = day;
        lastPacked = ColumnMapping.packDate(day);
      }
      values[start + i] = lastPacked;
    }
  }

  private static void times(FieldVector vector, Ints packed) {
    int count = vector.getValueCount();
    int start = packed.extend(count);
    int[] values = packed.values;
    for (int i = 0; i < count; i++) {
      if (vector.isNull(i)) {
        values[start + i] = Integer.MIN_VALUE;
        continue;
      }
      long millis;
      if (vector instanceof TimeSecVector s) {
        millis = s.get(i) * 1000L;
      } else if (vector instanceof TimeMilliVector m) {
        millis = m.get(i);
      } else if (vector instanceof TimeMicroVector u) {
        millis = u.get(i) / 1000;
      } else {
        millis = ((TimeNanoVector) vector).get(i) / 1_000_000;
      }
      if (millis < 0 || millis >= 86_400_000L) {
        throw new IllegalArgumentException(
            "Column '"
                + vector.getName()
                + "' row "
                + i
                + " of its batch holds a time of day outside one day: "
                + millis
                + " ms");
      }
      values[start + i] = ColumnMapping.packTime((int) millis);
    }
  }

  /** Timestamps copied in bulk, then converted in place to Tablesaw's packed form. */
  private static void timestamps(
      TimeStampVector vector, ColumnMapping.Packer packer, Longs packed) {
    TimeUnit unit = ((ArrowType.Timestamp) vector.getField().getType()).getUnit();
    int count = vector.getValueCount();
    int start = packed.size;
    packed.append(vector);
    long[] values = packed.values;
    boolean nulls = vector.getNullCount() > 0;
    if (unit != TimeUnit.MILLISECOND) {
      for (int i = start; i < start + count; i++) {
        if (!nulls || !vector.isNull(i - start)) {
          long raw = values[i];
          values[i] =
              switch (unit) {
                case SECOND -> Math.multiplyExact(raw, 1000L);
                case MILLISECOND -> raw;
                case MICROSECOND -> Math.floorDiv(raw, 1000L);
                case NANOSECOND -> Math.floorDiv(raw, 1_000_000L);
              };
        }
      }
    }
    // the common case, milliseconds without nulls, is a plain loop over the array
    if (!nulls) {
      for (int i = start; i < start + count; i++) {
        values[i] = packer.pack(values[i]);
      }
      return;
    }
    for (int i = start; i < start + count; i++) {
      if (!vector.isNull(i - start)) {
        values[i] = packer.pack(values[i]);
      }
    }
  }
}
