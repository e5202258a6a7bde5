package io.redframe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.FrameStore;
import io.redframe.tablesaw.TablesawFrames;
import io.redframe.testing.TestRedis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
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
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;

/**
 * Any table redframe stores comes back through every output format of {@code get --out} and back in
 * through {@code put}: exactly (types, values, missing values) through .arrow and .json, and
 * through .csv, which has no types, with the same names and every value the same (as text, or as
 * the same number), and {@code get --out} of what {@code put} read writes the same CSV again. The
 * commands run in this JVM through {@link RedframeCli#run} (the code the jar runs, and {@code
 * CliIT} runs the jar itself), against the test Redis.
 */
class GetPutRoundTripIT {
  private static final List<ColumnType> TYPES =
      List.of(
          ColumnType.BOOLEAN,
          ColumnType.SHORT,
          ColumnType.INTEGER,
          ColumnType.LONG,
          ColumnType.FLOAT,
          ColumnType.DOUBLE,
          ColumnType.STRING,
          ColumnType.LOCAL_DATE,
          ColumnType.LOCAL_TIME,
          ColumnType.LOCAL_DATE_TIME,
          ColumnType.INSTANT);

  private static String url;
  private static Path dir;
  private static int tries;

  @BeforeContainer
  static void open() throws Exception {
    url =
        TestRedis.url()
            + (TestRedis.url().contains("?") ? "&" : "?")
            + "prefix="
            + TestRedis.freshPrefix();
    dir = Files.createTempDirectory("redframe-roundtrip");
  }

  @AfterContainer
  static void close() throws Exception {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  @Property(tries = 100)
  void everyOutputFormatComesBackThroughPut(@ForAll("tables") Table table) throws Exception {
    String name = "t" + tries++;
    try (FrameStore store = FrameStore.open(url);
        BufferAllocator allocator = new RootAllocator()) {
      TablesawFrames.of(store, allocator).save(name, table);
    }
    for (String format : List.of("arrow", "json", "csv")) {
      Path out = dir.resolve(name + "." + format);
      run("get", name, "--out", out.toString());
      run("put", out.toString(), "--name", name + "-" + format);
      Table back;
      try (FrameStore store = FrameStore.open(url);
          BufferAllocator allocator = new RootAllocator()) {
        back = TablesawFrames.of(store, allocator).load(name + "-" + format);
      }
      if (format.equals("csv")) {
        assertSameText(back, table, Files.readString(out));
        Path again = dir.resolve(name + "-again.csv");
        run("get", name + "-" + format, "--out", again.toString());
        assertThat(Files.readString(again)).as("CSV again").isEqualTo(Files.readString(out));
      } else {
        assertSame(back, table, format);
      }
    }
  }

  private static void run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("--url=" + url, "--quiet"));
    all.addAll(List.of(args));
    int exit =
        RedframeCli.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    assertThat(exit).as(String.join(" ", args) + ": " + err).isZero();
  }

  private static void assertSame(Table back, Table table, String format) {
    assertThat(back.columnNames()).as(format).isEqualTo(table.columnNames());
    assertThat(back.rowCount()).as(format).isEqualTo(table.rowCount());
    for (int c = 0; c < table.columnCount(); c++) {
      Column<?> expected = table.column(c);
      Column<?> actual = back.column(c);
      assertThat(actual.type()).as(format + " " + expected.name()).isEqualTo(expected.type());
      for (int r = 0; r < table.rowCount(); r++) {
        assertThat(cell(actual, r))
            .as(format + " " + expected.name() + " row " + r)
            .isEqualTo(cell(expected, r));
      }
    }
  }

  private static void assertSameText(Table back, Table table, String csv) {
    assertThat(back.columnNames()).as(csv).isEqualTo(table.columnNames());
    assertThat(back.rowCount()).as(csv).isEqualTo(table.rowCount());
    for (int c = 0; c < table.columnCount(); c++) {
      for (int r = 0; r < table.rowCount(); r++) {
        String expected = cell(table.column(c), r);
        String actual = cell(back.column(c), r);
        if (!expected.equals(actual)) {
          assertThat(new BigDecimal(actual))
              .as("csv " + table.column(c).name() + " row " + r + ": " + actual)
              .isEqualByComparingTo(new BigDecimal(expected));
        }
      }
    }
  }

  private static String cell(Column<?> column, int row) {
    return column.isMissing(row) ? "" : column.getUnformattedString(row);
  }

  @Provide
  Arbitrary<Table> tables() {
    Arbitrary<Integer> rows =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(1, Arbitraries.just(0)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(1)),
            net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(2, 40)));
    Arbitrary<List<ColumnType>> types = Arbitraries.of(TYPES).list().ofMaxSize(6);
    Arbitrary<List<String>> names =
        Arbitraries.strings()
            .withChars("abcXYZ019 _$,\"'éß日")
            .ofMinLength(1)
            .ofMaxLength(8)
            .filter(n -> !n.isBlank())
            .list()
            .ofSize(6)
            .uniqueElements(n -> n.strip().toLowerCase(Locale.ROOT)); // as Tablesaw compares names
    return Combinators.combine(rows, types, names, Arbitraries.randoms())
        .as(
            (n, columnTypes, columnNames, random) -> {
              Table table = Table.create("generated");
              for (int c = 0; c < columnTypes.size(); c++) {
                table.addColumns(column(columnTypes.get(c), columnNames.get(c), n, random));
              }
              return table;
            });
  }

  private static final String CHARS = "abc XYZ019,.-+e\"'\n\t\\éß日😀";

  private static Column<?> column(ColumnType type, String name, int rows, java.util.Random random) {
    Column<?> column = type.create(name);
    for (int r = 0; r < rows; r++) {
      if (random.nextInt(6) == 0) {
        column.appendMissing();
        continue;
      }
      if (type == ColumnType.BOOLEAN) {
        ((BooleanColumn) column).append(random.nextBoolean());
      } else if (type == ColumnType.SHORT) {
        ((ShortColumn) column).append((short) (random.nextInt(65535) - 32767));
      } else if (type == ColumnType.INTEGER) {
        ((IntColumn) column)
            .append(random.nextBoolean() ? random.nextInt(1000) : random.nextInt() | 1);
      } else if (type == ColumnType.LONG) {
        ((LongColumn) column)
            .append(random.nextBoolean() ? random.nextInt(1000) : random.nextLong() | 1);
      } else if (type == ColumnType.FLOAT) {
        ((FloatColumn) column)
            .append(
                random.nextBoolean()
                    ? random.nextInt(100) / 4f
                    : Float.intBitsToFloat(random.nextInt() & 0x7F7FFFFF));
      } else if (type == ColumnType.DOUBLE) {
        ((DoubleColumn) column)
            .append(
                random.nextBoolean()
                    ? random.nextInt(100) / 8.0
                    : random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
      } else if (type == ColumnType.STRING) {
        StringBuilder text = new StringBuilder();
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
          text.appendCodePoint(
              CHARS.codePoints().toArray()[random.nextInt((int) CHARS.codePoints().count())]);
        }
        ((StringColumn) column).append(text.toString());
      } else if (type == ColumnType.LOCAL_DATE) {
        ((DateColumn) column).append(LocalDate.ofEpochDay(random.nextInt(200_000) - 100_000));
      } else if (type == ColumnType.LOCAL_TIME) {
        ((TimeColumn) column)
            .append(LocalTime.ofNanoOfDay(random.nextInt(86_400_000) * 1_000_000L));
      } else if (type == ColumnType.LOCAL_DATE_TIME) {
        ((DateTimeColumn) column)
            .append(
                LocalDateTime.ofEpochSecond(
                    random.nextInt(2_000_000_000),
                    random.nextInt(1000) * 1_000_000,
                    ZoneOffset.UTC));
      } else {
        ((InstantColumn) column)
            .append(Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L));
      }
    }
    return column;
  }
}
