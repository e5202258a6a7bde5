package io.redframe.tablesaw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redframe.FrameStore;
import io.redframe.Manifest;
import io.redframe.StoreOption;
import io.redframe.arrow.ArrayFormat;
import io.redframe.arrow.NdArray;
import io.redframe.arrow.NumericArrays;
import io.redframe.tablesaw.testing.Tables;
import io.redframe.testing.TestRedis;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
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
 * The reader that docs/FORMAT.md gives as its example ({@code docs/examples/read_frame.py}: Python
 * with redis-py, pandas and numpy only) reads what Java wrote, value for value, and refuses what it
 * must refuse. It needs a Python 3 with those three packages ({@code apt-get install python3-redis
 * python3-pandas python3-numpy}, as {@code .ci/run} does); without one the test fails, it never
 * skips.
 */
class PythonReaderIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

  private FrameStore store;
  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    // Small chunks: every frame here spans several, so the reader reassembles them.
    store = TestRedis.store(b -> b.option(StoreOption.CHUNK_SIZE, "4KiB"));
    allocator = new RootAllocator(1L << 30);
  }

  @AfterEach
  void close() {
    allocator.close();
    store.close();
  }

  @Test
  void readsAJsonTableOfEveryColumnTypeWithMissingValues() {
    Table table = Tables.random(700, 4, 11);
    TablesawFrames frames = TablesawFrames.of(store, allocator).format(TableFormat.JSON);
    frames.save("weather/json", table);
    assertThat(store.manifest("weather/json").chunks()).hasSizeGreaterThan(4);

    JsonNode dump = dump(read("weather/json"));

    assertTable(dump, table, store.manifest("weather/json"), true);
  }

  @Test
  void readsEdgeValuesExactly() {
    Table table = edgeValues();
    TablesawFrames.of(store, allocator).format(TableFormat.JSON).save("edges", table);

    JsonNode dump = dump(read("edges"));

    // Dates before 1677 do not fit pandas' datetime64[ns]: those columns hold Python datetimes.
    assertTable(dump, table, store.manifest("edges"), false);
    assertThat(column(dump, "date").get("dtype").asText()).isEqualTo("object");
  }

  @Test
  void readsRawArrays() {
    NumericArrays arrays = NumericArrays.of(store, allocator).format(ArrayFormat.RAW);
    NdArray doubles = NdArray.of(doubles(500 * 7), NdArray.Order.C, 500, 7);
    NdArray ints = NdArray.of(ints(40 * 30), NdArray.Order.F, 40, 30);
    arrays.save("matrix", doubles);
    arrays.save("ints", ints);
    assertThat(store.manifest("matrix").chunks()).hasSizeGreaterThan(4);

    assertArray(dump(read("matrix")), doubles, store.manifest("matrix"));
    assertArray(dump(read("ints")), ints, store.manifest("ints"));
  }

  @Test
  void readsAJsonArray() {
    NdArray doubles = NdArray.of(doubles(30 * 20), NdArray.Order.F, 30, 20);
    NumericArrays.of(store, allocator).format(ArrayFormat.JSON).save("json-matrix", doubles);

    assertArray(dump(read("json-matrix")), doubles, store.manifest("json-matrix"));
  }

  @Test
  void refusesATamperedChunkOrManifest() {
    NumericArrays arrays = NumericArrays.of(store, allocator).format(ArrayFormat.RAW);
    arrays.save("flipped", NdArray.of(doubles(2000), NdArray.Order.C, 2000));
    arrays.save("longer", NdArray.of(doubles(2000), NdArray.Order.C, 2000));
    arrays.save("manifest", NdArray.of(doubles(2000), NdArray.Order.C, 2000));
    try (UnifiedJedis raw = TestRedis.client()) {
      byte[] key = TestRedis.versionKey(store, "flipped", 1);
      byte[] chunk = raw.hget(key, bytes("c:1"));
      chunk[100] ^= 0x04; // same length: only the checksum can tell
      raw.hset(key, bytes("c:1"), chunk);

      key = TestRedis.versionKey(store, "longer", 1);
      raw.hset(key, bytes("c:2"), concat(raw.hget(key, bytes("c:2")), new byte[8]));

      key = TestRedis.versionKey(store, "manifest", 1);
      byte[] manifest = raw.hget(key, bytes("manifest"));
      int digit = new String(manifest, StandardCharsets.UTF_8).indexOf("\"rows\" : ") + 9;
      manifest[digit] = (byte) (manifest[digit] == '1' ? '2' : '1');
      raw.hset(key, bytes("manifest"), manifest);
    }

    assertRefused(run("flipped"), "chunk c:1 of flipped@1 is corrupt: CRC-32C is");
    assertRefused(
        run("longer"), "chunk c:2 of longer@1 is corrupt: 4104 bytes stored, manifest says 4096");
    assertRefused(run("manifest"), "manifest of manifest@1 is corrupt: CRC-32C is");
  }

  @Test
  void checksVersionIds() {
    NumericArrays arrays = NumericArrays.of(store, allocator).format(ArrayFormat.RAW);
    arrays.save("result", NdArray.of(doubles(10), NdArray.Order.C, 10));
    String first = store.manifest("result").id();
    assertThat(dump(run("result", "--version", "1", "--id", first)).get("id").asText())
        .isEqualTo(first);

    store.delete("result");
    arrays.save("result", NdArray.of(ints(10), NdArray.Order.C, 10));
    Manifest again = store.manifest("result");
    assertThat(again.version()).isEqualTo(1);

    assertRefused(run("result", "--version", "1", "--id", first), "stale reference result@1#");
    assertArray(dump(read("result")), NdArray.of(ints(10), NdArray.Order.C, 10), again);
    assertRefused(run("result", "--version", "2"), "frame 'result' has no readable version 2");
    assertRefused(run("gone"), "no frame 'gone'");
  }

  // ---- The Java side of the comparison: what the reader must print for a table or an array

  private static void assertTable(JsonNode dump, Table table, Manifest manifest, boolean dtypes) {
    assertThat(dump.get("kind").asText()).isEqualTo("table");
    assertThat(dump.get("name").asText()).isEqualTo(table.name());
    assertThat(dump.get("rows").asInt()).isEqualTo(table.rowCount());
    assertThat(dump.get("id").asText()).isEqualTo(manifest.id());
    assertThat(dump.get("columns")).hasSize(table.columnCount());
    for (int c = 0; c < table.columnCount(); c++) {
      Column<?> want = table.column(c);
      JsonNode got = dump.get("columns").get(c);
      assertThat(got.get("name").asText()).isEqualTo(want.name());
      if (dtypes) {
        assertThat(got.get("dtype").asText()).as(want.name()).isEqualTo(pandasType(want.type()));
      }
      List<Object> expected = new ArrayList<>();
      for (int row = 0; row < want.size(); row++) {
        expected.add(want.isMissing(row) ? null : canonical(want, row));
      }
      assertThat(values(got.get("values"))).as("values of '%s'", want.name()).isEqualTo(expected);
    }
  }

  /** The dtype the reader gives each Tablesaw type, as FORMAT.md says. */
  private static String pandasType(ColumnType type) {
    String name = type.name();
    return switch (name) {
      case "BOOLEAN" -> "boolean";
      case "SHORT" -> "Int16";
      case "INTEGER" -> "Int32";
      case "LONG" -> "Int64";
      case "FLOAT" -> "Float32";
      case "DOUBLE" -> "Float64";
      case "STRING" -> "string";
      case "LOCAL_TIME" -> "object";
      case "LOCAL_DATE", "LOCAL_DATE_TIME" -> "datetime64[ns]";
      case "INSTANT" -> "datetime64[ns, UTC]";
      default -> throw new AssertionError("No pandas type for " + name);
    };
  }

  private static Object canonical(Column<?> column, int row) {
    Object value = column.get(row);
    if (value instanceof Short || value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return String.format(Locale.ROOT, "f:%08x", Float.floatToRawIntBits(f));
    }
    if (value instanceof Double d) {
      return String.format(Locale.ROOT, "d:%016x", Double.doubleToRawLongBits(d));
    }
    if (value instanceof LocalDate d) {
      return DATE_TIME.format(d.atStartOfDay());
    }
    if (value instanceof LocalTime t) {
      return TIME.format(t);
    }
    if (value instanceof LocalDateTime t) {
      return DATE_TIME.format(t);
    }
    if (value instanceof Instant i) {
      return DATE_TIME.format(i.atOffset(ZoneOffset.UTC)) + "Z";
    }
    return value; // Boolean, String
  }

  private static void assertArray(JsonNode dump, NdArray array, Manifest manifest) {
    assertThat(dump.get("kind").asText()).isEqualTo("array");
    assertThat(dump.get("id").asText()).isEqualTo(manifest.id());
    assertThat(dump.get("dtype").asText()).isEqualTo(array.dtype().numpy());
    assertThat(dump.get("shape").toString())
        .isEqualTo(java.util.Arrays.toString(array.shape()).replace(" ", ""));
    assertThat(dump.get("order").asText()).isEqualTo(array.order().name());
    List<Object> expected = new ArrayList<>();
    for (long k = 0; k < array.size(); k++) {
      expected.add(element(array, storagePosition(array.shape(), array.order(), k)));
    }
    assertThat(values(dump.get("values"))).isEqualTo(expected);
  }

  /** Where the element with C-order (index-order) position {@code k} is stored. */
  private static int storagePosition(long[] shape, NdArray.Order order, long k) {
    long[] index = new long[shape.length];
    for (int axis = shape.length - 1; axis >= 0; axis--) {
      index[axis] = k % shape[axis];
      k /= shape[axis];
    }
    long position = 0;
    for (int i = 0; i < shape.length; i++) {
      int axis = order == NdArray.Order.C ? i : shape.length - 1 - i;
      position = position * shape[axis] + index[axis];
    }
    return (int) position;
  }

  private static Object element(NdArray array, int i) {
    Object data = array.data();
    if (data instanceof double[] d) {
      return String.format(Locale.ROOT, "d:%016x", Double.doubleToRawLongBits(d[i]));
    }
    if (data instanceof int[] d) {
      return (long) d[i];
    }
    throw new AssertionError("Not used here: " + data.getClass());
  }

  private static List<Object> values(JsonNode values) {
    List<Object> out = new ArrayList<>();
    for (JsonNode v : values) {
      out.add(
          v.isNull()
              ? null
              : v.isBoolean()
                  ? (Object) v.asBoolean()
                  : v.isIntegralNumber() ? v.asLong() : v.asText());
    }
    return out;
  }

  private static JsonNode column(JsonNode dump, String name) {
    for (JsonNode column : dump.get("columns")) {
      if (column.get("name").asText().equals(name)) {
        return column;
      }
    }
    throw new AssertionError("No column '" + name + "' in " + dump);
  }

  // ---- Data

  /** Doubles with every kind of special value among ordinary ones. */
  private static double[] doubles(int n) {
    double[] specials = {
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      -0.0,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      Double.MIN_NORMAL,
      0.1,
      1.0 / 3
    };
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = i % 50 < specials.length ? specials[i % 50] : (i - n / 2) * 1.000001e3 / 7;
    }
    return values;
  }

  private static int[] ints(int n) {
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i % 97 == 0 ? Integer.MIN_VALUE + i : i * 7919 - 100_000;
    }
    values[n - 1] = Integer.MAX_VALUE;
    return values;
  }

  /** One row per edge case: extremes, signed zeros, infinities, odd text, far dates. */
  private static Table edgeValues() {
    Table table =
        Table.create(
            "edges {\"}",
            BooleanColumn.create("bool", true, false, true, false, true, false),
            ShortColumn.create(
                "short", new short[] {Short.MAX_VALUE, Short.MIN_VALUE + 1, 0, -1, 1, 12_345}),
            IntColumn.create(
                "int", Integer.MAX_VALUE, Integer.MIN_VALUE + 1, 0, -1, 1, 123_456_789),
            LongColumn.create(
                "long", Long.MAX_VALUE, Long.MIN_VALUE + 1, (1L << 53) + 1, -(1L << 53) - 1, 0, 1),
            FloatColumn.create(
                "float",
                Float.MAX_VALUE,
                Float.MIN_VALUE,
                -0.0f,
                Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY,
                0.1f),
            DoubleColumn.create(
                "double",
                Double.MAX_VALUE,
                Double.MIN_VALUE,
                -0.0,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                0.1),
            StringColumn.create(
                "text",
                "naïve 雪 🌧",
                "quote \" backslash \\ newline \n tab \t",
                "{\"json\": [1]}",
                "null",
                "NaN",
                " "),
            DateColumn.create(
                "date",
                LocalDate.of(1500, 6, 1),
                LocalDate.of(9999, 12, 31),
                LocalDate.of(1, 1, 1),
                LocalDate.of(1970, 1, 1),
                LocalDate.of(2262, 4, 12),
                LocalDate.of(1677, 9, 21)),
            TimeColumn.create(
                "time",
                LocalTime.MIDNIGHT,
                LocalTime.of(23, 59, 59, 999_000_000),
                LocalTime.NOON,
                LocalTime.of(0, 0, 0, 1_000_000),
                LocalTime.of(12, 34, 56, 789_000_000),
                LocalTime.of(1, 2, 3)),
            DateTimeColumn.create(
                "date_time",
                LocalDateTime.of(1500, 1, 1, 0, 0, 0, 1_000_000),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000),
                LocalDateTime.of(1970, 1, 1, 0, 0),
                LocalDateTime.of(2024, 2, 29, 12, 0),
                LocalDateTime.of(1, 1, 1, 0, 0),
                LocalDateTime.of(2262, 4, 12, 0, 0)),
            instants());
    // And one row of missing values in every column.
    for (Column<?> column : table.columns()) {
      column.appendMissing();
    }
    return table;
  }

  private static InstantColumn instants() {
    InstantColumn instants = InstantColumn.create("instant");
    for (String text :
        new String[] {
          "1500-01-01T00:00:00.001Z", "9999-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z",
          "1969-12-31T23:59:59.999Z", "2024-02-29T12:00:00Z", "0001-01-01T00:00:00Z"
        }) {
      instants.append(Instant.parse(text));
    }
    return instants;
  }

  // ---- Running the reader

  private record Result(int exit, String out, String err) {}

  private Result run(String... args) {
    List<String> command =
        new ArrayList<>(List.of(Python.interpreter(), Python.script().toString()));
    command.addAll(List.of("--url", TestRedis.url(), "--prefix", store.config().prefix()));
    command.addAll(List.of(args));
    command.add("--dump");
    try {
      Process process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      CompletableFuture<String> out = drain(process.getInputStream());
      CompletableFuture<String> err = drain(process.getErrorStream());
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("The Python reader did not finish in 120 s: " + command);
      }
      return new Result(process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    }
  }

  private Result read(String name) {
    Result result = run(name);
    assertThat(result.exit()).as("reader exit; stderr: %s", result.err()).isZero();
    return result;
  }

  private static JsonNode dump(Result result) {
    assertThat(result.exit()).as("reader exit; stderr: %s", result.err()).isZero();
    try {
      return JSON.readTree(result.out());
    } catch (IOException e) {
      throw new AssertionError("The reader printed no JSON: " + result.out(), e);
    }
  }

  private static void assertRefused(Result result, String message) {
    assertThat(result.exit()).as("exit of a refused read; stdout: %s", result.out()).isEqualTo(1);
    assertThat(result.err()).contains(message);
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The interpreter and the script, found once. */
  private static final class Python {
    private static String interpreter;
    private static Path script;

    /**
     * {@code $REDFRAME_PYTHON}, else {@code /usr/bin/python3} (Debian's, where apt installs the
     * packages), else {@code python3} on PATH: the first that imports redis, pandas and numpy.
     */
    static synchronized String interpreter() {
      if (interpreter == null) {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("REDFRAME_PYTHON");
        if (env != null && !env.isBlank()) {
          candidates.add(env);
        }
        candidates.addAll(List.of("/usr/bin/python3", "python3"));
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates) {
          String problem = probe(candidate);
          if (problem == null) {
            interpreter = candidate;
            return interpreter;
          }
          tried.add(candidate + ": " + problem);
        }
        throw new AssertionError(
            "No Python 3 with redis-py, pandas and numpy to run docs/examples/read_frame.py."
                + " Install them (Debian: apt-get install python3-redis python3-pandas"
                + " python3-numpy; .ci/run does) or set REDFRAME_PYTHON. Tried: "
                + tried);
      }
      return interpreter;
    }

    private static String probe(String candidate) {
      try {
        Process process =
            new ProcessBuilder(candidate, "-c", "import redis, pandas, numpy")
                .redirectErrorStream(true)
                .start();
        CompletableFuture<String> out = drain(process.getInputStream());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return "did not answer in 60 s";
        }
        String text = out.join().strip();
        return process.exitValue() == 0 ? null : text.substring(text.lastIndexOf('\n') + 1);
      } catch (IOException e) {
        return e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    }

    /** docs/examples/read_frame.py, found from the working directory up. */
    static synchronized Path script() {
      if (script == null) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
          Path candidate = dir.resolve("docs/examples/read_frame.py");
          if (Files.isRegularFile(candidate)) {
            script = candidate;
            return script;
          }
        }
        throw new AssertionError(
            "docs/examples/read_frame.py not found above " + Path.of("").toAbsolutePath());
      }
      return script;
    }
  }
}
