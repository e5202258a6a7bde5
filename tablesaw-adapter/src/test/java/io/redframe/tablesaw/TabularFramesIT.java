package io.redframe.tablesaw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.CodecMismatchException;
import io.redframe.ColumnSpec;
import io.redframe.CorruptFrameException;
import io.redframe.FrameKind;
import io.redframe.FrameStore;
import io.redframe.LimitExceededException;
import io.redframe.Manifest;
import io.redframe.ObjectFormat;
import io.redframe.SaveOptions;
import io.redframe.arrow.ArrayFormat;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowFrames;
import io.redframe.arrow.ArrowLoadOptions;
import io.redframe.arrow.ArrowReadLimits;
import io.redframe.arrow.NumericArrays;
import io.redframe.spi.ChunkSink;
import io.redframe.spi.Codec;
import io.redframe.spi.CodecId;
import io.redframe.spi.EncodedFrame;
import io.redframe.spi.FrameEncoder;
import io.redframe.tablesaw.testing.Tables;
import io.redframe.testing.TestRedis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * One tabular vocabulary: every tabular frame, Arrow or JSON Table Schema, opens as an Arrow reader
 * with projection and row ranges, and records its Arrow schema in the manifest; every codec is
 * found by its id, so a manifest tells what a frame holds.
 */
class TabularFramesIT {
  private BufferAllocator allocator;
  private FrameStore store;
  private final Table table = Tables.random(2_500, 4, 11);

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

  private Table loadAsArrow(String name, ArrowLoadOptions options) throws IOException {
    try (ArrowReader reader = ArrowFrames.of(store).load(name, allocator, options)) {
      Schema projected = reader.getVectorSchemaRoot().getSchema();
      assertThat(projected.getFields())
          .extracting(Field::getName)
          .containsExactlyElementsOf(
              options.columns() != null
                  ? options.columns()
                  : ArrowFrames.of(store).schema(name).getFields().stream()
                      .map(Field::getName)
                      .toList());
      return ArrowTables.table(reader, name);
    }
  }

  @ParameterizedTest
  @EnumSource(TableFormat.class)
  void everyTableFrameOpensAsAnArrowReaderWithProjectionAndRowRanges(TableFormat format)
      throws Exception {
    TablesawFrames.of(store, allocator).format(format).save("t", table);

    Tables.assertSame(loadAsArrow("t", ArrowLoadOptions.all()), table);
    Tables.assertSame(
        loadAsArrow("t", ArrowLoadOptions.all().columns("text", "date", "int").rows(700, 1_900)),
        table.selectColumns("text", "date", "int").inRange(700, 1_900).setName(table.name()));
    Tables.assertSame(
        loadAsArrow("t", ArrowLoadOptions.all().rows(2_400, 9_000)),
        table.inRange(2_400, 2_500).setName(table.name()));
    assertThat(loadAsArrow("t", ArrowLoadOptions.all().rows(3_000, 4_000)).rowCount()).isZero();
  }

  @Test
  void aJsonTableFrameReadsAsArrowInTheSchemaItsManifestRecords() throws Exception {
    TablesawFrames.of(store, allocator).format(TableFormat.JSON).save("json", table);
    TablesawFrames.of(store, allocator).format(TableFormat.ARROW).save("arrow", table);

    Schema json = ArrowFrames.of(store).schema("json");
    Schema arrow = ArrowFrames.of(store).schema("arrow");
    assertThat(json.getFields()).hasSize(table.columnCount());
    for (int c = 0; c < table.columnCount(); c++) {
      // the same Arrow types; only Arrow frames dictionary-encode strings
      assertThat(json.getFields().get(c).getType())
          .as("column %d", c)
          .isEqualTo(arrow.getFields().get(c).getType());
      assertThat(json.getFields().get(c).getDictionary()).isNull();
    }
    assertThat(arrow.getFields()).anyMatch(f -> f.getDictionary() != null);
    assertThat(json.getCustomMetadata()).isEqualTo(arrow.getCustomMetadata());
    try (ArrowReader reader = ArrowFrames.of(store).load("json", allocator)) {
      assertThat(reader.getVectorSchemaRoot().getSchema()).isEqualTo(json);
    }
    try (ArrowReader reader =
        ArrowFrames.of(store)
            .load("json", allocator, ArrowLoadOptions.all().columns("instant", "bool"))) {
      assertThat(reader.getVectorSchemaRoot().getSchema().getFields())
          .containsExactly(json.findField("instant"), json.findField("bool"));
    }
  }

  @Test
  void columnTypesAreArrowTypesForBothFormatsAndJsonTablesAddTablesawsType() {
    TablesawFrames.of(store, allocator).format(TableFormat.JSON).save("json", table);
    TablesawFrames.of(store, allocator).format(TableFormat.ARROW).save("arrow", table);

    List<ColumnSpec> json = store.manifest("json").columns();
    List<ColumnSpec> arrow = store.manifest("arrow").columns();
    for (int c = 0; c < table.columnCount(); c++) {
      Column<?> column = table.column(c);
      assertThat(json.get(c).name()).isEqualTo(column.name());
      assertThat(json.get(c).codecType()).isEqualTo(column.type().name());
      assertThat(arrow.get(c).type())
          .as("column '%s'", column.name())
          .isIn(json.get(c).type(), "dictionary<" + json.get(c).type() + ">");
    }
    assertThat(json)
        .extracting(ColumnSpec::type)
        .containsExactly(
            "bool",
            "int16",
            "int32",
            "int64",
            "float32",
            "float64",
            "utf8",
            "utf8",
            "date32[day]",
            "time32[ms]",
            "timestamp[ms]",
            "timestamp[ms, tz=UTC]");
    assertThat(store.manifest("json").textProperty("arrowSchema")).isNotBlank();
  }

  @Test
  void limitsApplyToJsonTablesReadAsArrow() {
    TablesawFrames.of(store, allocator).format(TableFormat.JSON).save("json", table);
    ArrowFrames arrow = ArrowFrames.of(store);
    ArrowReadLimits defaults = ArrowReadLimits.DEFAULTS;

    assertThatThrownBy(
            () ->
                arrow.load(
                    "json", allocator, ArrowLoadOptions.all().limits(defaults.withMaxRows(10))))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("maxRows");
    assertThatThrownBy(
            () ->
                arrow.load(
                    "json", allocator, ArrowLoadOptions.all().limits(defaults.withMaxColumns(3))))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("maxColumns");
    assertThatThrownBy(
            () ->
                arrow.load(
                    "json", allocator, ArrowLoadOptions.all().limits(defaults.withMaxBytes(1_000))))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("maxBytes");
    assertThatThrownBy(
            () -> arrow.load("json", allocator, ArrowLoadOptions.all().columns("no such")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no such");
  }

  /** What the json-table encoder wrote before manifests recorded Arrow schemas. */
  private static FrameEncoder legacyJsonTable(FrameEncoder current, Table table, Locale locale) {
    return new FrameEncoder() {
      @Override
      public CodecId codec() {
        return current.codec();
      }

      @Override
      public EncodedFrame encode(ChunkSink sink) throws IOException {
        EncodedFrame frame = current.encode(sink);
        List<ColumnSpec> columns = new ArrayList<>();
        for (Column<?> column : table.columns()) {
          columns.add(
              new ColumnSpec(column.name(), column.type().name().toLowerCase(locale), true, null));
        }
        return new EncodedFrame(frame.rows(), columns, frame.compression(), null);
      }
    };
  }

  @Test
  void jsonTablesWrittenBeforeArrowSchemasStillLoadEitherWay() throws Exception {
    FrameEncoder current =
        TablesawFrames.encoder(table, TableFormat.JSON, allocator, ArrowCompression.NONE);
    store.save("old", legacyJsonTable(current, table, Locale.ROOT), SaveOptions.defaults());
    store.save(
        "old-tr",
        legacyJsonTable(current, table, Locale.forLanguageTag("tr-TR")),
        SaveOptions.defaults());
    assertThat(store.manifest("old").properties()).doesNotContainKey("arrowSchema");
    assertThat(store.manifest("old-tr").columns()).extracting(ColumnSpec::type).contains("ınteger");

    Tables.assertSame(TablesawFrames.of(store, allocator).load("old"), table);
    for (String name : List.of("old", "old-tr")) {
      Schema schema = ArrowFrames.of(store).schema(name);
      assertThat(schema.getFields()).extracting(Field::getName).isEqualTo(table.columnNames());
      // the schema of a legacy frame has no table name: the reader names the table
      Table back = loadAsArrow(name, ArrowLoadOptions.all().columns("int", "instant").rows(5, 50));
      Tables.assertSame(back, table.selectColumns("int", "instant").inRange(5, 50).setName(name));
    }
  }

  @Test
  void aLegacyJsonTableWithAnUnknownColumnTypeFailsNamingIt() {
    Table small = table.selectColumns("int").setName("small");
    FrameEncoder current =
        TablesawFrames.encoder(small, TableFormat.JSON, allocator, ArrowCompression.NONE);
    store.save(
        "odd",
        new FrameEncoder() {
          @Override
          public CodecId codec() {
            return current.codec();
          }

          @Override
          public EncodedFrame encode(ChunkSink sink) throws IOException {
            EncodedFrame frame = current.encode(sink);
            return new EncodedFrame(
                frame.rows(), List.of(new ColumnSpec("int", "decimal", true, null)), "none", null);
          }
        },
        SaveOptions.defaults());

    assertThatThrownBy(() -> ArrowFrames.of(store).schema("odd"))
        .isInstanceOf(CorruptFrameException.class)
        .hasMessageContaining("frame 'odd' version 1")
        .hasMessageContaining("column 'int' has type 'decimal'");
  }

  @Test
  void everyCodecIsFoundByItsIdSoTheManifestTellsTheKind() {
    TablesawFrames tables = TablesawFrames.of(store, allocator);
    tables.format(TableFormat.ARROW).save("table-arrow", table);
    tables.format(TableFormat.JSON).save("table-json", table);
    NumericArrays arrays = NumericArrays.of(store, allocator);
    for (ArrayFormat format : ArrayFormat.values()) {
      arrays.format(format).save("array-" + format, new double[] {1, 2, 3});
    }
    store.saveObject("object-json", Map.of("a", 1), ObjectFormat.JSON, SaveOptions.defaults());
    store.saveObject("object-yaml", Map.of("a", 1), ObjectFormat.YAML, SaveOptions.defaults());
    store.saveBytes("bytes", new byte[] {1, 2, 3});

    Map<String, FrameKind> expected =
        Map.of(
            "table-arrow", FrameKind.TABLE,
            "table-json", FrameKind.TABLE,
            "array-RAW", FrameKind.ARRAY,
            "array-ARROW", FrameKind.ARRAY,
            "array-JSON", FrameKind.ARRAY,
            "object-json", FrameKind.OBJECT,
            "object-yaml", FrameKind.OBJECT,
            "bytes", FrameKind.BYTES);
    expected.forEach(
        (name, kind) -> assertThat(store.manifest(name).kind()).as(name).isEqualTo(kind));
    assertThat(store.manifest("table-arrow").codec()).isEqualTo("arrow");
    assertThat(store.manifest("table-json").codec()).isEqualTo("json-table");
    assertThat(store.manifest("array-RAW").codec()).isEqualTo("raw");
    assertThat(store.manifest("array-ARROW").codec()).isEqualTo("arrow-array");
    assertThat(store.manifest("array-JSON").codec()).isEqualTo("json-array");
    assertThat(Codec.find("json-table").orElseThrow().module())
        .isEqualTo("io.redframe:redframe-tablesaw-adapter");
    assertThat(Codec.find("arrow").orElseThrow().module())
        .isEqualTo("io.redframe:redframe-arrow-codec");
  }

  @Test
  void nonTabularFramesAreRefusedByTheArrowLoaderNamingTheirCodec() {
    store.saveObject("object", Map.of("a", 1), ObjectFormat.JSON, SaveOptions.defaults());
    NumericArrays.of(store, allocator).format(ArrayFormat.RAW).save("raw", new long[] {1, 2});

    assertThatThrownBy(() -> ArrowFrames.of(store).load("object", allocator))
        .isInstanceOf(CodecMismatchException.class)
        .hasMessageContaining("json v1")
        .hasMessageContaining("the Arrow loader");
    assertThatThrownBy(() -> ArrowFrames.of(store).schema("raw"))
        .isInstanceOf(CodecMismatchException.class)
        .hasMessageContaining("an array");
    Manifest manifest = store.manifest("raw");
    assertThat(manifest.kind()).isEqualTo(FrameKind.ARRAY);
  }
}
