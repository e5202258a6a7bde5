package io.redframe.tablesaw;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.FrameStore;
import io.redframe.Manifest;
import io.redframe.arrow.ArrowCompression;
import io.redframe.tablesaw.testing.Tables;
import io.redframe.testing.TestRedis;
import java.io.InputStream;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** The real datasets (vega-datasets) round-trip exactly, zip codes with their leading zeros. */
class DatasetsIT {
  private BufferAllocator allocator;
  private FrameStore store;

  @BeforeEach
  void open() {
    allocator = new RootAllocator(1L << 30);
    store = TestRedis.store(b -> b.chunkSize(64 << 10));
  }

  @AfterEach
  void close() {
    store.close();
    allocator.close();
  }

  static Table csv(String file) throws Exception {
    try (InputStream in = DatasetsIT.class.getResourceAsStream("/data/" + file)) {
      CsvReadOptions.Builder options = CsvReadOptions.builder(in).tableName(file);
      if (file.equals("zipcodes.csv")) {
        options.columnTypesPartial(Map.of("zip_code", ColumnType.STRING));
      }
      return Table.read().usingOptions(options);
    }
  }

  @ParameterizedTest(name = "{0} as {1} {2}")
  @CsvSource({
    "seattle-weather.csv, ARROW, NONE",
    "seattle-weather.csv, JSON, NONE",
    "zipcodes.csv, ARROW, ZSTD",
    "zipcodes.csv, JSON, NONE",
    "birdstrikes.csv, ARROW, LZ4",
    "birdstrikes.csv, JSON, NONE",
    "stocks.csv, ARROW, NONE",
    "stocks.csv, JSON, NONE"
  })
  void datasetsRoundTrip(String file, TableFormat format, ArrowCompression compression)
      throws Exception {
    Table table = csv(file);
    TablesawFrames tables =
        TablesawFrames.of(store, allocator).format(format).compression(compression);
    tables.save(file, table);
    Table back = tables.load(file);

    Tables.assertSame(back, table);
    if (file.equals("zipcodes.csv")) {
      assertThat(back.stringColumn("zip_code").get(0))
          .isEqualTo(table.stringColumn("zip_code").get(0));
      assertThat(back.stringColumn("zip_code").asList()).anyMatch(zip -> zip.startsWith("0"));
    }
    if (file.equals("seattle-weather.csv") && format == TableFormat.ARROW) {
      Manifest manifest = store.manifest(file);
      assertThat(manifest.columns().get(manifest.columnIndex("weather")).type())
          .as("few distinct values: dictionary-encoded")
          .startsWith("dictionary<");
    }
  }
}
