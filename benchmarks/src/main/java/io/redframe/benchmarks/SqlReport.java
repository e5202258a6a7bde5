package io.redframe.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redframe.FrameStore;
import io.redframe.embedded.RedisProcess;
import io.redframe.tablesaw.TableLoadOptions;
import io.redframe.tablesaw.TablesawFrames;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.Table;

/**
 * A group-by over R1M ({@code SELECT city, sum(x), count(*) FROM r1m GROUP BY city}: 5,000 keys, a
 * double), side by side on one Redis with default store options: the redframe JDBC driver straight
 * from Redis (the first query, cold, apart from the warm ones), loading the two columns into
 * Tablesaw through the adapter and summarizing there, the query on a native DuckDB table (loaded
 * beforehand, untimed), and pandas: {@code pickle.loads(r.get(key))} of the same frame alone and
 * followed by {@code groupby}. All answers must agree (sums within 1e-9 relative, or 1e-9 absolute
 * below 1; counts exact), else it fails.
 *
 * <p>Usage: {@code SqlReport [--rounds 5] [--rows 1000000] [--out DIR]}.
 */
public final class SqlReport {
  static final String QUERY = "SELECT city, sum(x), count(*) FROM r1m GROUP BY city";

  /** The paths, in the order of the table. */
  static final Map<String, String> PATHS = new LinkedHashMap<>();

  static {
    PATHS.put("driver_cold", "redframe JDBC driver, from Redis, first query (cold)");
    PATHS.put("driver_warm", "redframe JDBC driver, from Redis, warm");
    PATHS.put("tablesaw", "Tablesaw: adapter load of city, x + summarize(sum, count).by(city)");
    PATHS.put("duckdb_native", "DuckDB native in-memory table, query only (load untimed)");
    PATHS.put("pickle_load", "pickle.loads(r.get(key)) alone (whole frame)");
    PATHS.put("pandas", "pickle load + df.groupby(city)[x].agg([sum, count])");
  }

  private final ObjectMapper mapper = new ObjectMapper();
  private final ObjectNode json = mapper.createObjectNode();

  private SqlReport() {}

  public static void main(String[] args) throws Exception {
    int rounds = 5;
    int rows = 1_000_000;
    Path out = Path.of("benchmarks", "results");
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--rows" -> rows = Integer.parseInt(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("Unknown option " + args[i]);
      }
    }
    new SqlReport().run(rounds, rows, out);
  }

  /** One path's answer: city to {sum, count}. */
  private static final class Answer extends HashMap<String, double[]> {
    private static final long serialVersionUID = 1L;
  }

  private interface Query {
    Answer run() throws Exception;
  }

  private void run(int rounds, int rows, Path out) throws Exception {
    String python = EndToEndReport.pythonWith("import pandas, redis");
    if (python == null) {
      throw new IllegalStateException("no python3 with pandas and redis-py");
    }
    Table r1m = Frames.r1m(rows);
    Map<String, double[]> ms = new LinkedHashMap<>();
    Map<String, Answer> answers = new LinkedHashMap<>();
    try (RedisProcess server = BenchRedis.start();
        FrameStore store = FrameStore.open("redis://127.0.0.1:" + server.port());
        BufferAllocator allocator = new RootAllocator()) {
      json.put("machine", Usage.machine());
      json.put("load_before", JobsReport.loadAverage());
      json.put("jdk", Runtime.version().toString());
      json.put("redis", server.version());
      json.put("date", LocalDate.now(ZoneOffset.UTC).toString());
      json.put("rows", rows);
      json.put("rounds", rounds);
      json.put("query", QUERY);
      TablesawFrames tables = TablesawFrames.of(store, allocator);
      tables.save("r1m", r1m);
      json.put("frame_bytes", store.manifest("r1m").bytes());

      try (Connection driver =
              DriverManager.getConnection("jdbc:redframe:redis://127.0.0.1:" + server.port());
          DuckDBConnection duckdb =
              (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:")) {
        // the driver first, before anything else in this JVM has touched DuckDB
        long start = System.nanoTime();
        answers.put("driver_cold", sql(driver, QUERY));
        ms.put("driver_cold", new double[] {(System.nanoTime() - start) / 1e6});
        json.put("duckdb", sql(duckdb, "SELECT version()").keySet().iterator().next());
        loadNative(duckdb, r1m);
        Map<String, Query> warm = new LinkedHashMap<>();
        warm.put("driver_warm", () -> sql(driver, QUERY));
        warm.put("tablesaw", () -> tablesaw(tables));
        warm.put("duckdb_native", () -> sql(duckdb, QUERY.replace("r1m", "native_r1m")));
        for (Query query : warm.values()) {
          query.run(); // one untimed warm-up each
        }
        // rounds alternate between the paths, so all meet the same machine state
        for (int round = 0; round < rounds; round++) {
          for (Map.Entry<String, Query> path : warm.entrySet()) {
            start = System.nanoTime();
            Answer answer = path.getValue().run();
            double elapsed = (System.nanoTime() - start) / 1e6;
            ms.merge(path.getKey(), new double[] {elapsed}, SqlReport::concat);
            answers.put(path.getKey(), answer);
          }
        }
      }
      JsonNode py = python(python, server.port(), r1m, rounds);
      json.put("python", py.get("python").asText());
      json.put("pandas", py.get("pandas").asText());
      json.put("redis_py", py.get("redis_py").asText());
      json.put("pickle_bytes", py.get("pickle_bytes").asLong());
      ms.put("pickle_load", doubles(py.get("load_ms")));
      ms.put("pandas", doubles(py.get("query_ms")));
      Answer pandas = new Answer();
      py.get("answer")
          .properties()
          .forEach(
              e ->
                  pandas.put(
                      e.getKey(),
                      new double[] {
                        e.getValue().get(0).asDouble(), e.getValue().get(1).asDouble()
                      }));
      answers.put("pandas", pandas);
      json.put("load_after", JobsReport.loadAverage());
    }

    Answer reference = answers.get("duckdb_native");
    for (Map.Entry<String, Answer> answer : answers.entrySet()) {
      check(answer.getKey(), answer.getValue(), reference, rows);
    }
    json.put("groups", reference.size());
    json.put("answers_match", true);
    ObjectNode paths = json.putObject("paths");
    for (String path : PATHS.keySet()) {
      double[] runs = ms.get(path).clone();
      Arrays.sort(runs);
      paths
          .putObject(path)
          .put("best_ms", runs[0])
          .put("median_ms", runs[runs.length / 2])
          .put("rows_per_s", rows / (runs[0] / 1000))
          .put("runs", runs.length);
    }
    for (String stat : List.of("best", "median")) {
      json.put(
          "driver_warm_over_pickle_load" + (stat.equals("best") ? "" : "_median"),
          paths.get("driver_warm").get(stat + "_ms").asDouble()
              / paths.get("pickle_load").get(stat + "_ms").asDouble());
    }

    Files.createDirectories(out);
    mapper
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve("sql.json").toFile(), json);
    String table = markdown(json);
    Files.writeString(out.resolve("sql.md"), table);
    System.out.println(table);
  }

  /** Runs {@code sql} and reads every row: column 1 as the key, 2 and 3 (if any) as numbers. */
  private static Answer sql(Connection connection, String sql) throws Exception {
    Answer answer = new Answer();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      boolean numbers = rs.getMetaData().getColumnCount() >= 3;
      while (rs.next()) {
        answer.put(
            rs.getString(1),
            numbers ? new double[] {rs.getDouble(2), rs.getLong(3)} : new double[0]);
      }
    }
    return answer;
  }

  private static Answer tablesaw(TablesawFrames tables) {
    Table loaded = tables.load("r1m", TableLoadOptions.all().columns("city", "x"));
    Table result =
        loaded.summarize("x", AggregateFunctions.sum, AggregateFunctions.count).by("city");
    Answer answer = new Answer();
    for (int i = 0; i < result.rowCount(); i++) {
      answer.put(
          result.stringColumn(0).get(i),
          new double[] {result.doubleColumn(1).get(i), result.doubleColumn(2).get(i)});
    }
    return answer;
  }

  /** The two columns the query reads into a native DuckDB table, through its appender. */
  private static void loadNative(DuckDBConnection duckdb, Table r1m) throws Exception {
    try (Statement statement = duckdb.createStatement()) {
      statement.execute("CREATE TABLE native_r1m (city VARCHAR, x DOUBLE)");
    }
    try (DuckDBAppender appender =
        duckdb.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "native_r1m")) {
      for (int i = 0; i < r1m.rowCount(); i++) {
        appender
            .beginRow()
            .append(r1m.stringColumn("city").get(i))
            .append(r1m.doubleColumn("x").get(i))
            .endRow();
      }
    }
  }

  private static void check(String path, Answer answer, Answer reference, int rows) {
    long total = 0;
    for (Map.Entry<String, double[]> group : reference.entrySet()) {
      double[] got = answer.get(group.getKey());
      double sum = group.getValue()[0];
      if (got == null
          || got[1] != group.getValue()[1]
          || Math.abs(got[0] - sum)
              > 1e-9 * Math.max(1, Math.max(Math.abs(got[0]), Math.abs(sum)))) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "%s answers %s for %s, DuckDB's native table %s",
                path,
                got == null ? "nothing" : Arrays.toString(got),
                group.getKey(),
                Arrays.toString(group.getValue())));
      }
      total += (long) got[1];
    }
    if (answer.size() != reference.size() || total != rows) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "%s answers %d groups, DuckDB's native table %d; counts add up to %d of %d rows",
              path,
              answer.size(),
              reference.size(),
              total,
              rows));
    }
  }

  /** Writes the frame as CSV for the Python side (Java's shortest round-trip double text). */
  private JsonNode python(String python, int port, Table r1m, int rounds) throws Exception {
    Path csv = Files.createTempFile("sql_r1m", ".csv");
    Path script = Files.createTempFile("sql_baseline", ".py");
    try {
      try (InputStream in = SqlReport.class.getResourceAsStream("sql_baseline.py")) {
        Files.write(script, in.readAllBytes());
      }
      try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
        writer.write(String.join(",", r1m.columnNames()));
        writer.newLine();
        for (int i = 0; i < r1m.rowCount(); i++) {
          for (int c = 0; c < r1m.columnCount(); c++) {
            if (c > 0) {
              writer.write(',');
            }
            writer.write(String.valueOf(r1m.column(c).get(i)));
          }
          writer.newLine();
        }
      }
      Process process =
          new ProcessBuilder(
                  python,
                  script.toString(),
                  "127.0.0.1",
                  Integer.toString(port),
                  csv.toString(),
                  "city",
                  "x",
                  Integer.toString(rounds))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      byte[] stdout = process.getInputStream().readAllBytes();
      if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("sql_baseline.py failed (its stderr is above)");
      }
      return mapper.readTree(stdout);
    } finally {
      Files.deleteIfExists(csv);
      Files.deleteIfExists(script);
    }
  }

  private static double[] concat(double[] a, double[] b) {
    double[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  /** The report as a Markdown table, with the machine and versions. */
  static String markdown(JsonNode json) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "`%s` on R1M (%,d rows, %d groups), default store options, one Redis %s on loopback;"
                + " best and median of %d rounds (the cold query is one run); %s; JDK %s; DuckDB"
                + " %s; Python %s, pandas %s, redis-py %s; %s; load average %s before, %s after."
                + "%n%n",
            json.get("query").asText(),
            json.get("rows").asInt(),
            json.get("groups").asInt(),
            json.get("redis").asText(),
            json.get("rounds").asInt(),
            json.get("machine").asText(),
            json.get("jdk").asText(),
            json.get("duckdb").asText(),
            json.get("python").asText(),
            json.get("pandas").asText(),
            json.get("redis_py").asText(),
            json.get("date").asText(),
            json.get("load_before").asText(),
            json.get("load_after").asText()));
    md.append("| path | best ms | median ms | rows/s (best) |\n");
    md.append("| --- | ---: | ---: | ---: |\n");
    JsonNode paths = json.get("paths");
    PATHS.forEach(
        (path, label) -> {
          JsonNode p = paths.get(path);
          md.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %.1f | %.1f | %,.0f |%n",
                  label,
                  p.get("best_ms").asDouble(),
                  p.get("median_ms").asDouble(),
                  p.get("rows_per_s").asDouble()));
        });
    double ratio = json.get("driver_warm_over_pickle_load").asDouble();
    double median = json.get("driver_warm_over_pickle_load_median").asDouble();
    md.append(
        String.format(
            Locale.ROOT,
            "%nDriver's whole query (warm) / pickle's load alone: %.2f× best to best, %.2f×"
                + " median to median (target < 1: %s). Stored: redframe %,d B (all 7 columns; the driver and the adapter fetch"
                + " only city and x), pickle %,d B (all 7 columns, loaded whole). All %d paths"
                + " gave the same answer (sums within 1e-9 relative, counts exact).%n",
            ratio,
            median,
            ratio < 1 && median < 1
                ? "met"
                : ratio < 1 ? "met on best, missed on median" : "missed",
            json.get("frame_bytes").asLong(),
            json.get("pickle_bytes").asLong(),
            PATHS.size()));
    return md.toString();
  }
}
