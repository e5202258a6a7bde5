package io.redframe.examples;

import io.redframe.FrameKind;
import io.redframe.FrameStore;
import io.redframe.ObjectFormat;
import io.redframe.SaveOptions;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowFrames;
import io.redframe.arrow.ArrowLoadOptions;
import io.redframe.tablesaw.ArrowTables;
import io.redframe.tablesaw.TableFormat;
import io.redframe.tablesaw.TablesawFrames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Saves and loads one value of each kind through redframe's public API only: an object, an Arrow
 * frame, and a Tablesaw table in Arrow and in JSON Table Schema (the JSON one opened as Arrow too).
 * Each load is compared with what was saved; the program exits non-zero at the first difference.
 *
 * <p>It runs the same with the redframe jars on the module path ({@code java -p ...
 * --add-opens=java.base/java.nio=org.apache.arrow.memory.core -m
 * io.redframe.examples/io.redframe.examples.RoundTrips}) or on the class path ({@code
 * --add-opens=java.base/java.nio=ALL-UNNAMED}): {@code ModulePathIT} runs both.
 *
 * <p>Usage: {@code RoundTrips [store URL]} (default: {@code REDFRAME_URL}, else the embedded
 * store).
 */
public final class RoundTrips {
  /** An object to save: any record or POJO Jackson maps. */
  public record Station(String name, double latitude, double longitude, List<String> sensors) {}

  private RoundTrips() {}

  public static void main(String[] args) throws IOException {
    Module module = RoundTrips.class.getModule();
    System.out.println(
        module.isNamed() ? "on the module path as " + module.getName() : "on the class path");
    try (FrameStore store = args.length > 0 ? FrameStore.open(args[0]) : FrameStore.open();
        BufferAllocator allocator = new RootAllocator()) {
      object(store);
      arrow(store, allocator);
      tables(store, allocator);
    }
    System.out.println("all round trips ok");
  }

  private static void object(FrameStore store) {
    Station station = new Station("Seattle", 47.6, -122.3, List.of("rain", "wind"));
    store.saveObject("example/station", station, ObjectFormat.JSON, SaveOptions.defaults());
    check("object", store.loadObject("example/station", Station.class), station);
    check("object kind", store.manifest("example/station").kind(), FrameKind.OBJECT);
    System.out.println("object ok");
  }

  private static void arrow(FrameStore store, BufferAllocator allocator) throws IOException {
    try (VectorSchemaRoot root = trades(allocator)) {
      ArrowFrames frames = ArrowFrames.of(store).compression(ArrowCompression.ZSTD);
      frames.save("example/trades", root);
      try (ArrowReader reader = frames.load("example/trades", allocator)) {
        StringBuilder loaded = new StringBuilder();
        while (reader.loadNextBatch()) {
          loaded.append(reader.getVectorSchemaRoot().contentToTSVString());
        }
        check("arrow frame", loaded.toString(), root.contentToTSVString());
      }
      check("arrow kind", store.manifest("example/trades").kind(), FrameKind.TABLE);
    }
    System.out.println("arrow ok");
  }

  private static VectorSchemaRoot trades(BufferAllocator allocator) {
    VectorSchemaRoot root =
        VectorSchemaRoot.create(
            new Schema(
                List.of(
                    Field.nullable("symbol", new ArrowType.Utf8()),
                    Field.nullable("qty", new ArrowType.Int(64, true)))),
            allocator);
    VarCharVector symbol = (VarCharVector) root.getVector("symbol");
    BigIntVector qty = (BigIntVector) root.getVector("qty");
    String[] symbols = {"ACME", "INIT", "ACME", null, "ZED"};
    for (int i = 0; i < symbols.length; i++) {
      if (symbols[i] == null) {
        symbol.setNull(i);
      } else {
        symbol.setSafe(i, symbols[i].getBytes(StandardCharsets.UTF_8));
      }
      qty.setSafe(i, 100L * (i + 1));
    }
    root.setRowCount(symbols.length);
    return root;
  }

  private static void tables(FrameStore store, BufferAllocator allocator) throws IOException {
    Table weather = weather();
    TablesawFrames tables = TablesawFrames.of(store, allocator);
    for (TableFormat format : TableFormat.values()) {
      String name = "example/weather-" + format;
      tables.format(format).save(name, weather);
      checkTable("table in " + format, tables.load(name), weather);
      check("table kind in " + format, store.manifest(name).kind(), FrameKind.TABLE);
      // Either format opens as Arrow, some columns and rows only.
      try (ArrowReader reader =
          ArrowFrames.of(store)
              .load(name, allocator, ArrowLoadOptions.all().columns("date", "rain").rows(1, 3))) {
        checkTable(
            "table in " + format + " as Arrow",
            ArrowTables.table(reader, name),
            weather.selectColumns("date", "rain").inRange(1, 3).setName(weather.name()));
      }
      System.out.println("table in " + format + " ok");
    }
  }

  private static Table weather() {
    DateColumn date = DateColumn.create("date");
    DoubleColumn rain = DoubleColumn.create("rain");
    StringColumn sky = StringColumn.create("sky");
    LocalDate first = LocalDate.of(2012, 1, 1);
    double[] mm = {0.0, 10.9, Double.NaN, 20.3, 1.3};
    String[] skies = {"drizzle", "rain", "rain", "", "sun"};
    for (int day = 0; day < mm.length; day++) {
      date.append(first.plusDays(day));
      rain.append(mm[day]); // NaN: Tablesaw's missing value
      sky.append(skies[day]); // "": missing too
    }
    return Table.create("weather", date, rain, sky);
  }

  private static void checkTable(String what, Table actual, Table expected) {
    check(what + ": name", actual.name(), expected.name());
    check(what + ": columns", actual.columnNames(), expected.columnNames());
    for (Column<?> column : expected.columns()) {
      Column<?> loaded = actual.column(column.name());
      check(what + ": type of " + column.name(), loaded.type(), column.type());
      check(what + ": " + column.name(), loaded.asList(), column.asList());
    }
  }

  private static void check(String what, Object actual, Object expected) {
    if (!Objects.equals(actual, expected)) {
      throw new IllegalStateException(what + ": loaded " + actual + ", saved " + expected);
    }
  }
}
