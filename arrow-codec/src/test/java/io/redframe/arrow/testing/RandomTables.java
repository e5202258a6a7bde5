package io.redframe.arrow.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.*;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.UnionVector;
import org.apache.arrow.vector.complex.impl.UnionFixedSizeListWriter;
import org.apache.arrow.vector.complex.impl.UnionLargeListWriter;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.complex.impl.UnionMapWriter;
import org.apache.arrow.vector.complex.writer.BaseWriter;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.Types.MinorType;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Tables of random data over every Arrow type the Java IPC writer supports, with nulls, nested
 * types, a dictionary-encoded column, and schema and field metadata. The caller closes the table.
 */
public final class RandomTables implements AutoCloseable {
  public static final long DICTIONARY_ID = 7;

  private final VectorSchemaRoot root;
  private final DictionaryProvider.MapDictionaryProvider dictionaries;

  private RandomTables(
      VectorSchemaRoot root, DictionaryProvider.MapDictionaryProvider dictionaries) {
    this.root = root;
    this.dictionaries = dictionaries;
  }

  public VectorSchemaRoot root() {
    return root;
  }

  public DictionaryProvider.MapDictionaryProvider dictionaries() {
    return dictionaries;
  }

  @Override
  public void close() {
    root.close();
    for (long id : dictionaries.getDictionaryIds()) {
      dictionaries.lookup(id).getVector().close();
    }
  }

  private static Field field(String name, ArrowType type, Field... children) {
    return new Field(name, FieldType.nullable(type), List.of(children));
  }

  /** The schema of {@link #create}: one column per type. */
  public static List<Field> primitiveFields() {
    return List.of(
        field("i8", new ArrowType.Int(8, true)),
        field("i16", new ArrowType.Int(16, true)),
        field("i32", new ArrowType.Int(32, true)),
        field("i64", new ArrowType.Int(64, true)),
        field("u8", new ArrowType.Int(8, false)),
        field("u16", new ArrowType.Int(16, false)),
        field("u32", new ArrowType.Int(32, false)),
        field("u64", new ArrowType.Int(64, false)),
        field("f16", new ArrowType.FloatingPoint(FloatingPointPrecision.HALF)),
        field("f32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
        field("f64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        field("bool", ArrowType.Bool.INSTANCE),
        field("utf8 with spaces $ ü", ArrowType.Utf8.INSTANCE),
        field("large_utf8", ArrowType.LargeUtf8.INSTANCE),
        field("binary", ArrowType.Binary.INSTANCE),
        field("large_binary", ArrowType.LargeBinary.INSTANCE),
        field("fixed_binary", new ArrowType.FixedSizeBinary(5)),
        field("decimal", new ArrowType.Decimal(38, 10, 128)),
        field("decimal256", new ArrowType.Decimal(60, 4, 256)),
        field("date_day", new ArrowType.Date(DateUnit.DAY)),
        field("date_milli", new ArrowType.Date(DateUnit.MILLISECOND)),
        field("time_s", new ArrowType.Time(TimeUnit.SECOND, 32)),
        field("time_ms", new ArrowType.Time(TimeUnit.MILLISECOND, 32)),
        field("time_us", new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
        field("time_ns", new ArrowType.Time(TimeUnit.NANOSECOND, 64)),
        field("ts_s", new ArrowType.Timestamp(TimeUnit.SECOND, null)),
        field("ts_ms_tz", new ArrowType.Timestamp(TimeUnit.MILLISECOND, "Europe/Paris")),
        field("ts_us", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
        field("ts_ns_utc", new ArrowType.Timestamp(TimeUnit.NANOSECOND, "UTC")),
        field("duration", new ArrowType.Duration(TimeUnit.MICROSECOND)),
        field("interval_ym", new ArrowType.Interval(IntervalUnit.YEAR_MONTH)),
        field("interval_dt", new ArrowType.Interval(IntervalUnit.DAY_TIME)),
        field("interval_mdn", new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO)),
        field("null", ArrowType.Null.INSTANCE),
        field("utf8_view", ArrowType.Utf8View.INSTANCE),
        field("binary_view", ArrowType.BinaryView.INSTANCE));
  }

  /** A table of {@code rows} random rows over every type; about 1 value in 7 is null. */
  public static RandomTables create(BufferAllocator allocator, int rows, long seed) {
    Random random = new Random(seed);
    List<Field> fields = new ArrayList<>(primitiveFields());
    fields.add(
        field("list_i32", ArrowType.List.INSTANCE, field("item", new ArrowType.Int(32, true))));
    fields.add(
        field(
            "large_list_utf8",
            ArrowType.LargeList.INSTANCE,
            field("item", ArrowType.Utf8.INSTANCE)));
    fields.add(
        field(
            "fixed_list_f64",
            new ArrowType.FixedSizeList(3),
            field("item", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))));
    fields.add(
        field(
            "struct",
            ArrowType.Struct.INSTANCE,
            field("a", new ArrowType.Int(32, true)),
            field("b", ArrowType.Utf8.INSTANCE)));
    fields.add(
        new Field(
            "map",
            FieldType.nullable(new ArrowType.Map(false)),
            List.of(
                new Field(
                    "entries",
                    FieldType.notNullable(ArrowType.Struct.INSTANCE),
                    List.of(
                        new Field("key", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                        field("value", new ArrowType.Int(32, true)))))));
    Schema schema =
        new Schema(fields, Map.of("source", "RandomTables", "seed", Long.toString(seed)));
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    root.allocateNew();
    for (FieldVector vector : root.getFieldVectors()) {
      fill(vector, rows, random);
    }
    root.setRowCount(rows);
    return withDictionaryColumn(allocator, root, rows, random);
  }

  private static RandomTables withDictionaryColumn(
      BufferAllocator allocator, VectorSchemaRoot root, int rows, Random random) {
    DictionaryEncoding encoding =
        new DictionaryEncoding(DICTIONARY_ID, false, new ArrowType.Int(32, true));
    VarCharVector values = new VarCharVector("dict-values", allocator);
    String[] words = {"rain", "sun", "fog", "snow", "drizzle"};
    values.allocateNew();
    for (int i = 0; i < words.length; i++) {
      values.setSafe(i, words[i].getBytes(StandardCharsets.UTF_8));
    }
    values.setValueCount(words.length);
    Dictionary dictionary = new Dictionary(values, encoding);
    DictionaryProvider.MapDictionaryProvider provider =
        new DictionaryProvider.MapDictionaryProvider();
    provider.put(dictionary);
    try (VarCharVector plain = new VarCharVector("weather", allocator)) {
      plain.allocateNew();
      for (int i = 0; i < rows; i++) {
        if (random.nextInt(10) == 0) {
          plain.setNull(i);
        } else {
          plain.setSafe(i, words[random.nextInt(words.length)].getBytes(StandardCharsets.UTF_8));
        }
      }
      plain.setValueCount(rows);
      FieldVector encoded = (FieldVector) DictionaryEncoder.encode(plain, dictionary);
      List<FieldVector> vectors = new ArrayList<>(root.getFieldVectors());
      List<Field> fields = new ArrayList<>(root.getSchema().getFields());
      // Move the vectors into a new root; the old root only gives up ownership.
      List<FieldVector> moved = new ArrayList<>();
      for (FieldVector vector : vectors) {
        org.apache.arrow.vector.util.TransferPair pair = vector.getTransferPair(allocator);
        pair.transfer();
        moved.add((FieldVector) pair.getTo());
      }
      moved.add(encoded);
      fields.add(encoded.getField());
      Schema schema = new Schema(fields, root.getSchema().getCustomMetadata());
      root.close();
      return new RandomTables(new VectorSchemaRoot(schema, moved, rows), provider);
    }
  }

  private static boolean isNull(Random random) {
    return random.nextInt(7) == 0;
  }

  private static byte[] text(Random random) {
    int length = random.nextInt(12);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(random.nextInt(20) == 0 ? 'é' : (char) ('a' + random.nextInt(26)));
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void fill(FieldVector vector, int rows, Random r) {
    for (int i = 0; i < rows; i++) {
      if (isNull(r) && !(vector instanceof NullVector)) {
        setNull(vector, i);
      } else {
        set(vector, i, r);
      }
    }
    vector.setValueCount(rows);
  }

  private static void setNull(FieldVector vector, int i) {
    if (vector instanceof BaseFixedWidthVector fixed) {
      fixed.setNull(i);
    } else if (vector instanceof BaseVariableWidthVector variable) {
      variable.setNull(i);
    } else if (vector instanceof BaseLargeVariableWidthVector large) {
      large.setNull(i);
    } else if (vector instanceof BaseVariableWidthViewVector view) {
      view.setNull(i);
    } else if (vector instanceof ListVector list) {
      list.setNull(i);
    } else if (vector instanceof LargeListVector list) {
      list.setNull(i);
    } else if (vector instanceof FixedSizeListVector list) {
      list.setNull(i);
    } else if (vector instanceof StructVector struct) {
      struct.setNull(i);
    } else if (vector instanceof UnionVector union) {
      union.setNull(i);
    } else {
      throw new IllegalArgumentException("No null setter for " + vector.getClass());
    }
  }

  private static void set(FieldVector vector, int i, Random r) {
    if (vector instanceof TinyIntVector v) {
      v.setSafe(i, (byte) r.nextInt());
    } else if (vector instanceof SmallIntVector v) {
      v.setSafe(i, (short) r.nextInt());
    } else if (vector instanceof IntVector v) {
      v.setSafe(i, r.nextInt());
    } else if (vector instanceof BigIntVector v) {
      v.setSafe(i, r.nextLong());
    } else if (vector instanceof UInt1Vector v) {
      v.setSafe(i, r.nextInt(256));
    } else if (vector instanceof UInt2Vector v) {
      v.setSafe(i, (char) r.nextInt(65536));
    } else if (vector instanceof UInt4Vector v) {
      v.setSafe(i, r.nextInt());
    } else if (vector instanceof UInt8Vector v) {
      v.setSafe(i, r.nextLong());
    } else if (vector instanceof Float2Vector v) {
      v.setSafeWithPossibleTruncate(i, r.nextFloat() * 100);
    } else if (vector instanceof Float4Vector v) {
      v.setSafe(i, r.nextFloat());
    } else if (vector instanceof Float8Vector v) {
      v.setSafe(i, r.nextInt(50) == 0 ? Double.NaN : r.nextGaussian());
    } else if (vector instanceof BitVector v) {
      v.setSafe(i, r.nextBoolean() ? 1 : 0);
    } else if (vector instanceof VarCharVector v) {
      v.setSafe(i, text(r));
    } else if (vector instanceof LargeVarCharVector v) {
      v.setSafe(i, text(r));
    } else if (vector instanceof ViewVarCharVector v) {
      v.setSafe(
          i,
          r.nextInt(4) == 0
              ? ("a long string over twelve bytes " + i).getBytes(StandardCharsets.UTF_8)
              : text(r));
    } else if (vector instanceof ViewVarBinaryVector v) {
      v.setSafe(i, bytes(r, r.nextInt(30)));
    } else if (vector instanceof VarBinaryVector v) {
      v.setSafe(i, bytes(r, r.nextInt(20)));
    } else if (vector instanceof LargeVarBinaryVector v) {
      v.setSafe(i, bytes(r, r.nextInt(20)));
    } else if (vector instanceof FixedSizeBinaryVector v) {
      v.setSafe(i, bytes(r, 5));
    } else if (vector instanceof DecimalVector v) {
      v.setSafe(i, new BigDecimal(BigInteger.valueOf(r.nextLong()), 10));
    } else if (vector instanceof Decimal256Vector v) {
      v.setSafe(i, new BigDecimal(new BigInteger(150, r), 4));
    } else if (vector instanceof DateDayVector v) {
      v.setSafe(i, r.nextInt(40_000) - 20_000);
    } else if (vector instanceof DateMilliVector v) {
      v.setSafe(i, (r.nextInt(40_000) - 20_000) * 86_400_000L);
    } else if (vector instanceof TimeSecVector v) {
      v.setSafe(i, r.nextInt(86_400));
    } else if (vector instanceof TimeMilliVector v) {
      v.setSafe(i, r.nextInt(86_400_000));
    } else if (vector instanceof TimeMicroVector v) {
      v.setSafe(i, (long) (r.nextDouble() * 86_400_000_000L));
    } else if (vector instanceof TimeNanoVector v) {
      v.setSafe(i, (long) (r.nextDouble() * 86_400_000_000_000L));
    } else if (vector instanceof TimeStampVector v) {
      v.setSafe(i, r.nextLong() >> 12);
    } else if (vector instanceof DurationVector v) {
      v.setSafe(i, r.nextLong() >> 8);
    } else if (vector instanceof IntervalYearVector v) {
      v.setSafe(i, r.nextInt(1000));
    } else if (vector instanceof IntervalDayVector v) {
      v.setSafe(i, r.nextInt(1000), r.nextInt(86_400_000));
    } else if (vector instanceof IntervalMonthDayNanoVector v) {
      v.setSafe(i, r.nextInt(100), r.nextInt(30), r.nextLong());
    } else if (vector instanceof NullVector) {
      // every value is null
    } else if (vector instanceof UnionVector v) {
      if (r.nextBoolean()) {
        v.setType(i, MinorType.INT);
        v.getIntVector().setSafe(i, r.nextInt());
      } else {
        v.setType(i, MinorType.VARCHAR);
        v.getVarCharVector().setSafe(i, text(r));
      }
    } else if (vector instanceof MapVector v) {
      UnionMapWriter writer = v.getWriter();
      writer.setPosition(i);
      writer.startMap();
      for (int k = 0; k < r.nextInt(3); k++) {
        writer.startEntry();
        writer.key().varChar().writeVarChar("k" + k);
        writer.value().integer().writeInt(r.nextInt());
        writer.endEntry();
      }
      writer.endMap();
    } else if (vector instanceof LargeListVector v) {
      UnionLargeListWriter writer = v.getWriter();
      writer.setPosition(i);
      writer.startList();
      for (int k = 0; k < r.nextInt(4); k++) {
        writer.writeVarChar(new String(text(r), StandardCharsets.UTF_8));
      }
      writer.endList();
    } else if (vector instanceof FixedSizeListVector v) {
      UnionFixedSizeListWriter writer = v.getWriter();
      writer.setPosition(i);
      writer.startList();
      for (int k = 0; k < 3; k++) {
        writer.writeFloat8(r.nextDouble());
      }
      writer.endList();
    } else if (vector instanceof ListVector v) {
      UnionListWriter writer = v.getWriter();
      writer.setPosition(i);
      writer.startList();
      for (int k = 0; k < r.nextInt(5); k++) {
        writer.writeInt(r.nextInt());
      }
      writer.endList();
    } else if (vector instanceof StructVector v) {
      BaseWriter.StructWriter writer = v.getWriter();
      writer.setPosition(i);
      writer.start();
      writer.integer("a").writeInt(r.nextInt());
      writer.varChar("b").writeVarChar(new String(text(r), StandardCharsets.UTF_8));
      writer.end();
    } else {
      throw new IllegalArgumentException("No random values for " + vector.getClass());
    }
  }

  private static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }
}
