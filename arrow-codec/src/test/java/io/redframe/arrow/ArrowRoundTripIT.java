package io.redframe.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.FrameStore;
import io.redframe.Manifest;
import io.redframe.SaveOptions;
import io.redframe.SaveResult;
import io.redframe.arrow.testing.RandomTables;
import io.redframe.testing.TestRedis;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compare.TypeEqualsVisitor;
import org.apache.arrow.vector.compare.VectorEqualsVisitor;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Arrow type, with nulls, 0/1/many rows and several batches, through a real Redis. */
class ArrowRoundTripIT {
  private BufferAllocator allocator;
  private FrameStore store;

  @BeforeEach
  void open() {
    allocator = new RootAllocator(1L << 30);
    store = TestRedis.store(b -> b.chunkSize(16 * 1024).pipelineWindow(128 * 1024));
  }

  @AfterEach
  void close() {
    store.close();
    allocator.close(); // fails the test if any buffer leaked
  }

  static List<Arguments> sizesAndCompressions() {
    List<Arguments> cases = new ArrayList<>();
    for (int rows : new int[] {0, 1, 3000}) {
      for (ArrowCompression compression : ArrowCompression.values()) {
        cases.add(Arguments.of(rows, compression));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} rows, {1}")
  @MethodSource("sizesAndCompressions")
  void everyTypeRoundTrips(int rows, ArrowCompression compression) throws IOException {
    ArrowFrames arrow = ArrowFrames.of(store).compression(compression);
    try (RandomTables table = RandomTables.create(allocator, rows, rows)) {
      SaveResult saved =
          arrow.save("t", table.root(), table.dictionaries(), SaveOptions.defaults());
      Manifest manifest = store.manifest("t");

      assertThat(saved.rows()).isEqualTo(rows);
      assertThat(manifest.compression()).isEqualTo(compression.id());
      assertThat(manifest.columns()).hasSize(table.root().getSchema().getFields().size());
      if (rows == 3000) {
        assertThat(manifest.chunks().size()).as("several row and column groups").isGreaterThan(10);
        assertThat(manifest.chunks().stream().map(c -> c.firstRow()).distinct().count())
            .isGreaterThan(1);
      }
      try (ArrowReader reader = arrow.load("t", allocator)) {
        assertThat(reader.getVectorSchemaRoot().getSchema()).isEqualTo(table.root().getSchema());
        assertSameRows(reader, table.root(), table.dictionaries(), 0, rows, null);
      }
    }
  }

  @Test
  void projectionsAndRowRangesFetchOnlyTheChunksTheyNeed() throws IOException {
    ArrowFrames arrow = ArrowFrames.of(store);
    try (RandomTables table = RandomTables.create(allocator, 5000, 42)) {
      arrow.save("t", table.root(), table.dictionaries(), SaveOptions.defaults());
      Manifest manifest = store.manifest("t");
      List<String> columns = List.of("weather", "f64", "struct");

      try (ArrowReader reader =
          arrow.load("t", allocator, ArrowLoadOptions.all().columns(columns).rows(1234, 3456))) {
        assertThat(reader.getVectorSchemaRoot().getSchema().getFields())
            .extracting(Field::getName)
            .containsExactlyElementsOf(columns);
        assertSameRows(reader, table.root(), table.dictionaries(), 1234, 3456, columns);
        long wanted =
            manifest.chunks().stream()
                .filter(c -> c.overlapsRows(1234, 3456))
                .filter(c -> columns.stream().anyMatch(n -> c.holdsColumn(manifest.columnIndex(n))))
                .mapToLong(c -> c.bytes())
                .sum();
        assertThat(reader.bytesRead()).isEqualTo(wanted).isLessThan(manifest.bytes() / 4);
      }
      try (ArrowReader tail =
          arrow.load("t", allocator, ArrowLoadOptions.all().rows(4990, 99_999))) {
        assertSameRows(tail, table.root(), table.dictionaries(), 4990, 5000, null);
      }
      assertThatThrownBy(() -> arrow.load("t", allocator, ArrowLoadOptions.all().columns("nope")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("No column 'nope' in frame 't' version 1");
    }
  }

  @Test
  void aReaderOfSeveralBatchesStreamsInAndLoadsBack() throws IOException {
    byte[] stream;
    try (RandomTables table = RandomTables.create(allocator, 2000, 9)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (VectorSchemaRoot batch = VectorSchemaRoot.create(table.root().getSchema(), allocator);
          ArrowStreamWriter writer =
              new ArrowStreamWriter(batch, table.dictionaries(), Channels.newChannel(out))) {
        writer.start();
        for (int offset = 0; offset < 2000; offset += 700) {
          try (VectorSchemaRoot slice = table.root().slice(offset, Math.min(700, 2000 - offset))) {
            moveInto(slice, batch);
            writer.writeBatch();
          }
        }
        writer.end();
      }
      stream = out.toByteArray();
      ArrowFrames arrow =
          ArrowFrames.of(store).compression(ArrowCompression.ZSTD).maxBatchRows(500);
      try (ArrowStreamReader source =
          new ArrowStreamReader(new ByteArrayInputStream(stream), allocator)) {
        SaveResult saved = arrow.save("streamed", source, SaveOptions.defaults());
        assertThat(saved.rows()).isEqualTo(2000);
      }
      try (ArrowReader reader = arrow.load("streamed", allocator)) {
        assertSameRows(reader, table.root(), table.dictionaries(), 0, 2000, null);
      }
    }
  }

  /** An Arrow IPC file written by Arrow JS (vega-datasets), saved and loaded back equal. */
  @Test
  void anArrowFileFromAnotherImplementationRoundTrips() throws Exception {
    Path file = Path.of(getClass().getResource("/data/flights-200k.arrow").toURI());
    ArrowFrames arrow = ArrowFrames.of(store).compression(ArrowCompression.LZ4);
    try (SeekableByteChannel channel = Files.newByteChannel(file);
        ArrowFileReader source = new ArrowFileReader(channel, allocator)) {
      SaveResult saved =
          arrow.save(
              "flights", source, SaveOptions.defaults().tags(Map.of("source", "vega-datasets")));
      assertThat(saved.rows()).isEqualTo(200_000);
    }
    try (SeekableByteChannel channel = Files.newByteChannel(file);
        ArrowFileReader expected = new ArrowFileReader(channel, allocator);
        ArrowReader actual = arrow.load("flights", allocator)) {
      assertThat(actual.getVectorSchemaRoot().getSchema())
          .isEqualTo(expected.getVectorSchemaRoot().getSchema());
      long offset = 0;
      while (expected.loadNextBatch()) {
        VectorSchemaRoot batch = expected.getVectorSchemaRoot();
        assertSameRows(actual, batch, expected, 0, batch.getRowCount(), null);
        offset += batch.getRowCount();
      }
      assertThat(actual.loadNextBatch()).isFalse();
      assertThat(offset).isEqualTo(200_000);
    }
  }

  @Test
  void readLimitsAreCheckedBeforeFetching() throws IOException {
    ArrowFrames arrow = ArrowFrames.of(store);
    try (RandomTables table = RandomTables.create(allocator, 2000, 3)) {
      arrow.save("t", table.root(), table.dictionaries(), SaveOptions.defaults());
    }
    long bytes = store.manifest("t").bytes();
    ArrowReadLimits defaults = ArrowReadLimits.DEFAULTS;

    assertThatThrownBy(
            () ->
                arrow.load(
                    "t", allocator, ArrowLoadOptions.all().limits(defaults.withMaxBytes(1000))))
        .isInstanceOf(io.redframe.LimitExceededException.class)
        .hasMessage(
            "Bytes to fetch of frame 't' version 1 ("
                + bytes
                + ") exceeds the maximum (1000, set by maxBytes)");
    assertThatThrownBy(
            () ->
                arrow.load("t", allocator, ArrowLoadOptions.all().limits(defaults.withMaxRows(10))))
        .hasMessageContaining(
            "Rows to load of frame 't' version 1 (2000) exceeds the maximum (10, set by maxRows)");
    assertThatThrownBy(
            () ->
                arrow.load(
                    "t", allocator, ArrowLoadOptions.all().limits(defaults.withMaxColumns(3))))
        .hasMessageContaining("set by maxColumns");
    try (ArrowReader reader =
        arrow.load(
            "t", allocator, ArrowLoadOptions.all().limits(defaults.withMaxDictionaryEntries(2)))) {
      assertThatThrownBy(reader::loadNextBatch)
          .isInstanceOf(io.redframe.LimitExceededException.class)
          .hasMessageContaining("Dictionary entries in chunk c:")
          .hasMessageContaining("(5) exceeds the maximum (2, set by maxDictionaryEntries)");
    }
    try (ArrowReader reader =
        arrow.load(
            "t", allocator, ArrowLoadOptions.all().rows(0, 10).limits(defaults.withMaxRows(10)))) {
      assertThat(reader.loadNextBatch()).isTrue();
      assertThat(reader.getVectorSchemaRoot().getRowCount()).isEqualTo(10);
    }
  }

  /**
   * A dictionary index outside its dictionary (past its end, or negative) is refused by the save,
   * naming the column, the row and the index, and nothing is stored: such a frame could never be
   * loaded (a load refuses it as a corrupt chunk).
   */
  @Test
  void dictionaryIndexesOutsideTheirDictionaryAreRefusedBySave() throws IOException {
    ArrowFrames arrow = ArrowFrames.of(store);
    for (int bad : new int[] {3, -1, Integer.MIN_VALUE}) {
      org.apache.arrow.vector.types.pojo.DictionaryEncoding encoding =
          new org.apache.arrow.vector.types.pojo.DictionaryEncoding(
              0, false, new org.apache.arrow.vector.types.pojo.ArrowType.Int(32, true));
      try (org.apache.arrow.vector.VarCharVector words =
              new org.apache.arrow.vector.VarCharVector("words", allocator);
          org.apache.arrow.vector.IntVector keys =
              new org.apache.arrow.vector.IntVector(
                  "city",
                  new org.apache.arrow.vector.types.pojo.FieldType(
                      true,
                      new org.apache.arrow.vector.types.pojo.ArrowType.Int(32, true),
                      encoding),
                  allocator)) {
        words.allocateNew(3);
        for (int i = 0; i < 3; i++) {
          words.setSafe(i, ("w" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        words.setValueCount(3);
        int rows = 50_000;
        keys.allocateNew(rows);
        for (int i = 0; i < rows; i++) {
          keys.set(i, i == 41_234 ? bad : i % 3);
        }
        keys.setValueCount(rows);
        DictionaryProvider.MapDictionaryProvider dictionaries =
            new DictionaryProvider.MapDictionaryProvider();
        dictionaries.put(new Dictionary(words, encoding));
        try (VectorSchemaRoot root = VectorSchemaRoot.of(keys)) {
          String name = "bad-index-" + bad;
          assertThatThrownBy(() -> arrow.save(name, root, dictionaries, SaveOptions.defaults()))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessage(
                  "Column 'city' row 41234 holds dictionary index "
                      + bad
                      + ", outside its dictionary (id 0) of 3 entries");
          assertThat(store.exists(name)).isFalse();
        }
      }
    }
  }

  private static void moveInto(VectorSchemaRoot from, VectorSchemaRoot to) {
    for (int c = 0; c < from.getFieldVectors().size(); c++) {
      from.getVector(c).makeTransferPair(to.getVector(c)).transfer();
    }
    to.setRowCount(from.getRowCount());
  }

  /**
   * Reads batches from {@code reader} until rows {@code [from, to)} of {@code expected} are
   * covered, comparing cell by cell (dictionary columns by their decoded values).
   */
  static void assertSameRows(
      ArrowReader reader,
      VectorSchemaRoot expected,
      DictionaryProvider expectedDictionaries,
      int from,
      int to,
      List<String> columns)
      throws IOException {
    int row = from;
    while (row < to) {
      assertThat(reader.loadNextBatch()).as("a batch at row " + row).isTrue();
      VectorSchemaRoot batch = reader.getVectorSchemaRoot();
      int n = batch.getRowCount();
      assertThat(n).isPositive();
      try (VectorSchemaRoot slice = expected.slice(row, n)) {
        List<String> names =
            columns != null
                ? columns
                : slice.getSchema().getFields().stream().map(Field::getName).toList();
        for (String name : names) {
          FieldVector actual = batch.getVector(name);
          FieldVector wanted = slice.getVector(name);
          assertThat(equal(actual, reader, wanted, expectedDictionaries))
              .as("column '%s' rows %d..%d", name, row, row + n)
              .isTrue();
        }
      }
      row += n;
    }
    if (to == expected.getRowCount() && columns == null) {
      assertThat(reader.loadNextBatch()).as("no batch after the last row").isFalse();
    }
  }

  private static boolean equal(
      FieldVector actual,
      DictionaryProvider actualDictionaries,
      FieldVector expected,
      DictionaryProvider expectedDictionaries) {
    if (expected.getField().getDictionary() == null) {
      return VectorEqualsVisitor.vectorEquals(actual, expected);
    }
    long id = expected.getField().getDictionary().getId();
    Dictionary mine = actualDictionaries.lookup(id);
    Dictionary theirs = expectedDictionaries.lookup(id);
    // IPC does not carry the name of a dictionary's vector: compare the decoded values only.
    try (ValueVector a = DictionaryEncoder.decode(actual, mine);
        ValueVector b = DictionaryEncoder.decode(expected, theirs)) {
      return VectorEqualsVisitor.vectorEquals(
          a, b, (x, y) -> new TypeEqualsVisitor(y, false, true).equals(x));
    }
  }
}
