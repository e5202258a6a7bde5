package io.redframe.tablesaw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.FrameStore;
import io.redframe.SaveOptions;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowFrames;
import io.redframe.tablesaw.internal.JsonTables;
import io.redframe.tablesaw.testing.Tables;
import io.redframe.testing.TestRedis;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.strings.NullDictionaryMap;
import tech.tablesaw.io.redframe.ArrowFileReadOptions;
import tech.tablesaw.io.redframe.ArrowFileWriteOptions;
import tech.tablesaw.io.redframe.RedframeReadOptions;
import tech.tablesaw.io.redframe.RedframeWriteOptions;

/** Tablesaw's own API, Arrow files, foreign Arrow data, pandas documents, and the model gaps. */
class TablesawIntegrationIT {
  private BufferAllocator allocator;
  private FrameStore store;

  @BeforeEach
  void open() {
    allocator = new RootAllocator(1L << 30);
    store = TestRedis.store(b -> b.chunkSize(16 << 10));
  }

  @AfterEach
  void close() {
    store.close();
    allocator.close();
  }

  @Test
  void tablesawsReadAndWriteRegistriesUseRedframeOptions() {
    Table table = Tables.random(3000, 5, 1);
    table
        .write()
        .usingOptions(
            RedframeWriteOptions.builder(store, "t").compression(ArrowCompression.ZSTD).build());
    Table whole = Table.read().usingOptions(RedframeReadOptions.builder(store, "t"));
    Table part =
        Table.read()
            .usingOptions(
                RedframeReadOptions.builder(store, "t")
                    .columns("text", "int")
                    .rows(100, 250)
                    .version(1));

    Tables.assertSame(whole, table);
    Tables.assertSame(
        part, table.selectColumns("text", "int").inRange(100, 250).setName(table.name()));
    table
        .write()
        .usingOptions(
            RedframeWriteOptions.builder(store, "t")
                .format(TableFormat.JSON)
                .saveOptions(SaveOptions.defaults().ifVersion(1))
                .build());
    Table json =
        Table.read().usingOptions(RedframeReadOptions.builder(store, "t").rows(2990, 5000));
    Tables.assertSame(json, table.inRange(2990, 3000).setName(table.name()));
    assertThat(store.manifest("t").codec()).isEqualTo("json-table");
  }

  @Test
  void arrowAndFeatherFilesReadAndWriteThroughTablesaw(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Table table = Tables.random(500, 4, 2);
    File arrow = dir.resolve("t.arrow").toFile();
    File feather = dir.resolve("t.feather").toFile();
    table.write().toFile(arrow);
    table
        .write()
        .usingOptions(
            ArrowFileWriteOptions.builder(feather).compression(ArrowCompression.LZ4).build());

    Tables.assertSame(Table.read().file(arrow), table);
    Tables.assertSame(Table.read().usingOptions(ArrowFileReadOptions.builder(feather)), table);
    assertThat(new String(Files.readAllBytes(arrow.toPath()), 0, 6, StandardCharsets.US_ASCII))
        .isEqualTo("ARROW1");
  }

  /** An Arrow file written by Arrow JS (vega-datasets) reads as a Tablesaw table. */
  @Test
  void anArrowFileFromAnotherLibraryReadsAsATable() {
    File flights =
        Path.of("..", "arrow-codec", "src", "test", "resources", "data", "flights-200k.arrow")
            .toFile();
    Table table = Table.read().file(flights);

    assertThat(table.rowCount()).isEqualTo(200_000);
    assertThat(table.columnCount()).isPositive();
    assertThat(table.columns()).allSatisfy(c -> assertThat(c.type()).isNotNull());
  }

  @Test
  void arrowTypesWithoutATablesawCounterpartAreNamed() throws Exception {
    Schema schema =
        new Schema(
            List.of(
                new Field(
                    "tags",
                    FieldType.nullable(ArrowType.List.INSTANCE),
                    List.of(
                        new Field(
                            "item", FieldType.nullable(new ArrowType.Int(32, true)), null)))));
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      ListVector list = (ListVector) root.getVector(0);
      list.allocateNew();
      list.setValueCount(0);
      root.setRowCount(0);
      ArrowFrames.of(store).save("lists", root);
    }
    assertThatThrownBy(() -> TablesawFrames.of(store, allocator).load("lists"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Column 'tags' has Arrow type List")
        .hasMessageContaining("no Tablesaw column type");
  }

  /**
   * Where the models disagree: a NaN or MIN_VALUE stored as a value in Arrow reads as missing in
   * Tablesaw, and times finer than a millisecond are cut to the millisecond.
   */
  @Test
  void sentinelsInArrowDataReadAsMissingAndTimesKeepMilliseconds() {
    Schema schema =
        new Schema(
            List.of(
                new Field(
                    "x",
                    FieldType.notNullable(
                        new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                    null),
                new Field("n", FieldType.notNullable(new ArrowType.Int(32, true)), null),
                new Field("l", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                new Field(
                    "t",
                    FieldType.notNullable(new ArrowType.Time(TimeUnit.NANOSECOND, 64)),
                    null)));
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      root.allocateNew();
      ((Float8Vector) root.getVector(0)).setSafe(0, Double.NaN);
      ((IntVector) root.getVector(1)).setSafe(0, Integer.MIN_VALUE);
      ((BigIntVector) root.getVector(2)).setSafe(0, Long.MIN_VALUE);
      ((TimeNanoVector) root.getVector(3)).setSafe(0, 1_234_567_891L);
      root.setRowCount(1);
      ArrowFrames.of(store).save("gaps", root);
    }
    Table table = TablesawFrames.of(store, allocator).load("gaps");

    assertThat(table.doubleColumn("x").isMissing(0)).isTrue();
    assertThat(table.intColumn("n").isMissing(0)).isTrue();
    assertThat(table.longColumn("l").isMissing(0)).isTrue();
    assertThat(table.timeColumn("t").get(0).toNanoOfDay()).isEqualTo(1_234_000_000L);
  }

  /** A document pandas wrote with to_json(orient="table") loads as a table. */
  @Test
  void aPandasTableDocumentLoadsAsATable() throws Exception {
    Table table;
    try (InputStream in = getClass().getResourceAsStream("/data/pandas-table.json")) {
      table = TableJson.read(in, "pandas");
    }

    assertThat(table.columnNames())
        .containsExactly("city", "rain_mm", "days", "sunny", "when", "stamp", "count");
    assertThat(table.column("city").type()).isEqualTo(ColumnType.STRING);
    assertThat(table.column("rain_mm").type()).isEqualTo(ColumnType.DOUBLE);
    assertThat(table.column("days").type()).isEqualTo(ColumnType.LONG);
    assertThat(table.column("sunny").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(table.column("when").type()).isEqualTo(ColumnType.LOCAL_DATE_TIME);
    assertThat(table.column("stamp").type()).isEqualTo(ColumnType.INSTANT);
    assertThat(table.stringColumn("city").get(1)).isEqualTo("Zürich");
    assertThat(table.stringColumn("city").isMissing(2)).isTrue();
    assertThat(table.doubleColumn("rain_mm").isMissing(1)).isTrue();
    assertThat(table.dateTimeColumn("when").get(1))
        .isEqualTo(LocalDateTime.parse("2013-06-30T23:59:59.123"));
    assertThat(table.instantColumn("stamp").get(0))
        .isEqualTo(Instant.parse("2012-01-01T10:00:00Z"));
    assertThat(table.instantColumn("stamp").isMissing(3)).isTrue();

    TablesawFrames.of(store, allocator).format(TableFormat.JSON).save("from-pandas", table);
    Tables.assertSame(TablesawFrames.of(store, allocator).load("from-pandas"), table);
    assertThat(
            JsonTables.read(
                    getClass().getResourceAsStream("/data/pandas-table.json"),
                    "p",
                    Set.of("days"),
                    1,
                    3)
                .longColumn("days")
                .asList())
        .containsExactly(7L, 0L);
  }

  @Test
  void emptyTablesRoundTrip() {
    TablesawFrames tables = TablesawFrames.of(store, allocator);
    Table noColumns = Table.create("nothing");
    Table noRows = Tables.random(0, 0, 3);
    for (TableFormat format : TableFormat.values()) {
      tables.format(format).save("none", noColumns);
      tables.format(format).save("zero", noRows);
      Tables.assertSame(tables.load("none"), noColumns);
      Tables.assertSame(tables.load("zero"), noRows);
    }
  }

  @Test
  void manyDistinctStringsComeBackAsTablesawsTextColumn() {
    // Past 65,535 distinct values Tablesaw's own append gives up its dictionary for plain text;
    // so do the save (no dictionary, no counting of distinct values) and the load.
    StringColumn ids = StringColumn.create("id");
    StringColumn few = StringColumn.create("few");
    for (int i = 0; i < 100_000; i++) {
      ids.append(i % 997 == 0 ? "" : "id-" + i);
      few.append(i % 13 == 0 ? "" : "v" + i % 40);
    }
    Table table = Table.create("distinct", ids, few);
    assertThat(ids.getDictionary()).isInstanceOf(NullDictionaryMap.class);

    TablesawFrames tables = TablesawFrames.of(store, allocator);
    for (TableFormat format : TableFormat.values()) {
      tables.format(format).save("distinct", table);
      Table loaded = tables.format(format).load("distinct");

      Tables.assertSame(loaded, table);
      assertThat(loaded.stringColumn("id").countMissing()).isEqualTo(ids.countMissing());
      if (format == TableFormat.ARROW) {
        assertThat(loaded.stringColumn("id").getDictionary()).isInstanceOf(NullDictionaryMap.class);
        assertThat(loaded.stringColumn("few").getDictionary())
            .isNotInstanceOf(NullDictionaryMap.class);
      }
    }
    assertThat(store.manifest("distinct").chunks()).hasSizeGreaterThan(10);
  }
}
