package io.redframe.reliability;

import io.redframe.ColumnSpec;
import io.redframe.FrameKind;
import io.redframe.FrameStore;
import io.redframe.ObjectFormat;
import io.redframe.arrow.ArrayFormat;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowFrames;
import io.redframe.arrow.ArrowLoadOptions;
import io.redframe.arrow.NdArray;
import io.redframe.arrow.NumericArrays;
import io.redframe.tablesaw.TableFormat;
import io.redframe.tablesaw.TableLoadOptions;
import io.redframe.tablesaw.TablesawFrames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.impl.NullableStructWriter;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;

/**
 * One frame of every kind and codec, and every public loader, each reading all it returns (every
 * batch of a lazy Arrow reader, every cell, every dictionary entry a cell points to), so that a
 * decoder's answer is used the way a caller would use it.
 */
final class Specimens {
  /** A stored frame: its name, codec and kind. */
  record Frame(String name, String codec, FrameKind kind) {}

  /**
   * Loads a frame whole ({@code random} null) or a random part of it, and reads everything it
   * returned.
   */
  interface Load {
    void load(FrameStore store, BufferAllocator allocator, String name, Random random)
        throws IOException;
  }

  /**
   * A public loader: its name, its decoder's name in messages ({@code FrameDecoder.name()}), the
   * kind it is for, which frames it reads, and how to call it.
   */
  record Loader(String name, String decoder, FrameKind home, Predicate<Frame> reads, Load load) {
    boolean reads(Frame frame) {
      return reads.test(frame);
    }
  }

  private static Predicate<Frame> kind(FrameKind kind) {
    return frame -> frame.kind() == kind;
  }

  /** Any frame of the Arrow codec: a table, or an array (one column, its shape in metadata). */
  /** Arrow frames and arrays in the Arrow format (one-column tables to the tabular loaders). */
  private static boolean arrow(Frame frame) {
    return frame.codec().startsWith("arrow");
  }

  static final List<Frame> FRAMES =
      List.of(
          new Frame("object-json", "json", FrameKind.OBJECT),
          new Frame("object-yaml", "yaml", FrameKind.OBJECT),
          new Frame("bytes", "bytes", FrameKind.BYTES),
          new Frame("arrow-zstd", "arrow", FrameKind.TABLE),
          new Frame("arrow-plain", "arrow", FrameKind.TABLE),
          new Frame("arrow-nested", "arrow", FrameKind.TABLE),
          new Frame("tablesaw-arrow", "arrow", FrameKind.TABLE),
          new Frame("tablesaw-arrow-lz4", "arrow", FrameKind.TABLE),
          new Frame("tablesaw-json", "json-table", FrameKind.TABLE),
          new Frame("array-raw", "raw", FrameKind.ARRAY),
          new Frame("array-json", "json-array", FrameKind.ARRAY),
          new Frame("array-arrow", "arrow-array", FrameKind.ARRAY));

  static final List<Loader> LOADERS =
      List.of(
          new Loader(
              "FrameStore.loadObject",
              "the object loader",
              FrameKind.OBJECT,
              kind(FrameKind.OBJECT),
              (store, allocator, name, random) -> store.loadObject(name, Object.class)),
          new Loader(
              "FrameStore.loadBytes",
              "the bytes loader",
              FrameKind.BYTES,
              kind(FrameKind.BYTES),
              (store, allocator, name, random) -> store.loadBytes(name)),
          new Loader(
              "FrameStore.openBytes",
              "the bytes loader",
              FrameKind.BYTES,
              kind(FrameKind.BYTES),
              (store, allocator, name, random) -> {
                try (InputStream in = store.openBytes(name)) {
                  in.transferTo(OutputStream.nullOutputStream());
                }
              }),
          new Loader(
              "ArrowFrames.load",
              "the Arrow loader",
              FrameKind.TABLE,
              kind(FrameKind.TABLE).or(Specimens::arrow),
              Specimens::loadArrow),
          new Loader(
              "NumericArrays.load",
              "the numeric array loader",
              FrameKind.ARRAY,
              kind(FrameKind.ARRAY),
              Specimens::loadArray),
          new Loader(
              "TablesawFrames.load",
              "the Tablesaw table loader",
              FrameKind.TABLE,
              kind(FrameKind.TABLE)
                  .or(Specimens::arrow)
                  .and(frame -> !frame.name().equals("arrow-nested")),
              Specimens::loadTable));

  private Specimens() {}

  /** Saves every frame of {@link #FRAMES} in {@code store}. */
  static void save(FrameStore store, BufferAllocator allocator) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("numbers", new ArrayList<>(java.util.Collections.nCopies(1500, 12345)));
    object.put("text", "päivää \"quoted\"");
    object.put("nested", Map.of("list", List.of(1.5, true, "x"), "null", "none"));
    store.saveObject("object-json", object);
    store.saveObject("object-yaml", object, ObjectFormat.YAML);
    byte[] bytes = new byte[20_000];
    new Random(3).nextBytes(bytes);
    store.saveBytes("bytes", bytes);
    try (VectorSchemaRoot root = arrowTable(allocator, 1000)) {
      ArrowFrames.of(store).compression(ArrowCompression.ZSTD).save("arrow-zstd", root);
      ArrowFrames.of(store).save("arrow-plain", root);
    }
    try (VectorSchemaRoot root = nested(allocator, 400)) {
      ArrowFrames.of(store).save("arrow-nested", root);
    }
    Table table = allTypes(600, 7, 5);
    TablesawFrames tables = TablesawFrames.of(store, allocator);
    tables.save("tablesaw-arrow", table);
    tables.compression(ArrowCompression.LZ4).save("tablesaw-arrow-lz4", table);
    tables.format(TableFormat.JSON).save("tablesaw-json", allTypes(300, 7, 6));
    long[] longs = new long[4000];
    for (int i = 0; i < longs.length; i++) {
      longs[i] = i * 7919L - 1000;
    }
    NumericArrays arrays = NumericArrays.of(store, allocator);
    arrays.save("array-raw", NdArray.of(longs, NdArray.Order.C, 1000, 4));
    double[] doubles = new double[1500];
    for (int i = 0; i < doubles.length; i++) {
      doubles[i] = i / 3.0;
    }
    arrays
        .format(ArrayFormat.JSON)
        .save("array-json", NdArray.of(doubles, NdArray.Order.F, 500, 3));
    int[] ints = new int[5000];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = i * 31;
    }
    arrays
        .format(ArrayFormat.ARROW)
        .save("array-arrow", NdArray.of(ints, NdArray.Order.C, 2500, 2));
  }

  /** Arrow columns of the types Tablesaw reads, one of them with nulls. */
  static VectorSchemaRoot arrowTable(BufferAllocator allocator, int rows) {
    Schema schema =
        new Schema(
            List.of(
                Field.notNullable("id", new ArrowType.Int(64, true)),
                Field.notNullable("tag", ArrowType.Utf8.INSTANCE),
                Field.notNullable("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                Field.nullable("n", new ArrowType.Int(32, true))));
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    root.allocateNew();
    BigIntVector id = (BigIntVector) root.getVector(0);
    VarCharVector tag = (VarCharVector) root.getVector(1);
    Float8Vector x = (Float8Vector) root.getVector(2);
    IntVector n = (IntVector) root.getVector(3);
    for (int i = 0; i < rows; i++) {
      id.setSafe(i, i * 1_000_003L);
      tag.setSafe(i, ("tag-" + i).getBytes(StandardCharsets.UTF_8));
      x.setSafe(i, i / 7.0);
      if (i % 5 == 0) {
        n.setNull(i);
      } else {
        n.setSafe(i, i);
      }
    }
    root.setRowCount(rows);
    return root;
  }

  /** Nested Arrow columns no Tablesaw type holds: a list of longs and a struct. */
  static VectorSchemaRoot nested(BufferAllocator allocator, int rows) {
    Field item = Field.nullable("item", new ArrowType.Int(64, true));
    Field list = new Field("list", FieldType.nullable(ArrowType.List.INSTANCE), List.of(item));
    Field struct =
        new Field(
            "struct",
            FieldType.nullable(ArrowType.Struct.INSTANCE),
            List.of(
                Field.nullable("a", new ArrowType.Int(32, true)),
                Field.nullable("b", ArrowType.Utf8.INSTANCE)));
    VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(list, struct)), allocator);
    UnionListWriter lists = ((ListVector) root.getVector(0)).getWriter();
    NullableStructWriter structs = ((StructVector) root.getVector(1)).getWriter();
    for (int i = 0; i < rows; i++) {
      lists.setPosition(i);
      lists.startList();
      for (int k = 0; k < i % 4; k++) {
        lists.writeBigInt(i * 10L + k);
      }
      lists.endList();
      structs.setPosition(i);
      structs.start();
      structs.integer("a").writeInt(i);
      structs.varChar("b").writeVarChar("b-" + i);
      structs.end();
    }
    root.setRowCount(rows);
    return root;
  }

  /**
   * A table with a column of every Tablesaw type (strings twice: few distinct values, stored with a
   * dictionary, and many), about one value in {@code missingEvery} missing.
   */
  static Table allTypes(int rows, int missingEvery, long seed) {
    Random r = new Random(seed);
    BooleanColumn bool = BooleanColumn.create("bool");
    ShortColumn shorts = ShortColumn.create("short");
    IntColumn ints = IntColumn.create("int");
    LongColumn longs = LongColumn.create("long");
    FloatColumn floats = FloatColumn.create("float");
    DoubleColumn doubles = DoubleColumn.create("double");
    StringColumn category = StringColumn.create("category");
    StringColumn text = StringColumn.create("text");
    DateColumn dates = DateColumn.create("date");
    TimeColumn times = TimeColumn.create("time");
    DateTimeColumn dateTimes = DateTimeColumn.create("date_time");
    InstantColumn instants = InstantColumn.create("instant");
    String[] categories = {"rain", "sun", "fog", "snow", "雪"};
    for (int i = 0; i < rows; i++) {
      boolean m = r.nextInt(missingEvery) == 0;
      if (m) {
        bool.appendMissing();
        shorts.appendMissing();
        ints.appendMissing();
        longs.appendMissing();
        floats.appendMissing();
        doubles.appendMissing();
        category.appendMissing();
        text.appendMissing();
        dates.appendMissing();
        times.appendMissing();
        dateTimes.appendMissing();
        instants.appendMissing();
        continue;
      }
      bool.append(r.nextBoolean());
      shorts.append((short) (r.nextInt(65535) - 32767));
      ints.append(r.nextInt());
      longs.append(r.nextLong() >> 1);
      floats.append(r.nextFloat() * 1000);
      doubles.append(r.nextGaussian() * 1e6);
      category.append(categories[r.nextInt(categories.length)]);
      text.append("t-" + r.nextLong());
      dates.append(LocalDate.ofEpochDay(r.nextInt(60_000) - 20_000));
      times.append(LocalTime.ofNanoOfDay(r.nextInt(86_400_000) * 1_000_000L));
      dateTimes.append(
          LocalDateTime.of(
              LocalDate.ofEpochDay(r.nextInt(40_000)),
              LocalTime.ofNanoOfDay(r.nextInt(86_400_000) * 1_000_000L)));
      instants.append(Instant.ofEpochMilli(r.nextLong() % 4_000_000_000_000L));
    }
    return Table.create(
        "all types",
        bool,
        shorts,
        ints,
        longs,
        floats,
        doubles,
        category,
        text,
        dates,
        times,
        dateTimes,
        instants);
  }

  private static void loadArrow(
      FrameStore store, BufferAllocator allocator, String name, Random random) throws IOException {
    ArrowLoadOptions options = ArrowLoadOptions.all();
    if (random != null && random.nextBoolean()) {
      List<String> columns = subset(ArrowFrames.of(store).schema(name).getFields(), random);
      int rows = rows(store, name);
      long from = random.nextInt(rows + 1);
      options = options.columns(columns).rows(from, from + random.nextInt(rows + 1));
    }
    try (ArrowReader reader = ArrowFrames.of(store).load(name, allocator, options)) {
      while (reader.loadNextBatch()) {
        for (FieldVector vector : reader.getVectorSchemaRoot().getFieldVectors()) {
          readAll(vector, reader);
        }
      }
    }
  }

  /** The frame's row count as the manifest says, bounded for picking a range in it. */
  private static int rows(FrameStore store, String name) {
    return (int) Math.min(store.manifest(name).rows(), 100_000);
  }

  private static List<String> subset(List<Field> fields, Random random) {
    List<String> names = new ArrayList<>();
    for (Field field : fields) {
      if (random.nextBoolean()) {
        names.add(field.getName());
      }
    }
    return names.isEmpty() ? List.of(fields.get(0).getName()) : names;
  }

  /** Every cell, and for a dictionary-encoded vector the entry each index points to. */
  private static void readAll(FieldVector vector, ArrowReader reader) throws IOException {
    Dictionary dictionary =
        vector.getField().getDictionary() == null
            ? null
            : reader.lookup(vector.getField().getDictionary().getId());
    ValueVector entries = dictionary == null ? null : dictionary.getVector();
    for (int i = 0; i < vector.getValueCount(); i++) {
      Object value = vector.getObject(i);
      if (entries != null && value != null) {
        entries.getObject(((Number) value).intValue());
      }
    }
  }

  private static void loadArray(
      FrameStore store, BufferAllocator allocator, String name, Random random) {
    NumericArrays arrays = NumericArrays.of(store, allocator);
    if (random == null || random.nextBoolean()) {
      arrays.load(name);
    } else {
      long from = random.nextInt(3000);
      arrays.load(name, from, from + random.nextInt(3000));
    }
  }

  private static void loadTable(
      FrameStore store, BufferAllocator allocator, String name, Random random) {
    TableLoadOptions options = TableLoadOptions.all();
    if (random != null && random.nextBoolean()) {
      List<String> columns = new ArrayList<>();
      for (ColumnSpec column : store.manifest(name).columns()) {
        if (random.nextBoolean()) {
          columns.add(column.name());
        }
      }
      if (columns.isEmpty()) {
        columns.add(store.manifest(name).columns().get(0).name());
      }
      int rows = rows(store, name);
      long from = random.nextInt(rows + 1);
      options =
          options
              .columns(columns.toArray(String[]::new))
              .rows(from, from + random.nextInt(rows + 1));
    }
    Table table = TablesawFrames.of(store, allocator).load(name, options);
    for (Column<?> column : table.columns()) {
      for (int row = 0; row < column.size(); row++) {
        column.getString(row);
      }
    }
  }

  /** Calls {@code load}, an unchecked wrapper for the loaders' IOExceptions. */
  static void call(
      Loader loader, FrameStore store, BufferAllocator allocator, String name, Random random) {
    try {
      loader.load().load(store, allocator, name, random);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
