package io.redframe.benchmarks;

import io.redframe.FrameStore;
import io.redframe.SaveOptions;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowFrames;
import io.redframe.embedded.RedisProcess;
import io.redframe.tablesaw.ArrowTables;
import io.redframe.tablesaw.TableFormat;
import io.redframe.tablesaw.TablesawFrames;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import redis.clients.jedis.RedisClient;
import tech.tablesaw.api.Table;

/**
 * Saves or loads the R1M table in a loop for a while, against a private redis-server, so a profiler
 * (JFR, async-profiler) sees one operation at a time, and prints the best and median times.
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=save.jfr,settings=profile \
 *     --add-opens=java.base/java.nio=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     io.redframe.benchmarks.ProfileLoop save arrow/none 30
 * </pre>
 *
 * Arguments: {@code save|load|saveArrow|loadArrow|sql|saveObject|loadObject} (the Arrow modes: the
 * table already in Arrow memory, saved and loaded through {@code ArrowFrames}, as the end-to-end
 * report's row; {@code sql}: SqlReport's group-by through the JDBC driver; the object modes:
 * SmallObjectsReport's 4-value record), a format (for the Tablesaw modes: {@code arrow/none},
 * {@code arrow/lz4}, {@code arrow/zstd}, {@code json}), seconds (default 20), rows (default
 * 1,000,000). {@code -Dgrace=0s} sets the grace period, {@code -Doptions=cacheSize=256MiB} adds
 * store options (with the load cache on, {@code load} profiles a reload of an unchanged frame).
 */
public final class ProfileLoop {
  private ProfileLoop() {}

  public static void main(String[] args) throws Exception {
    boolean save = args[0].startsWith("save");
    boolean sql = args[0].equals("sql");
    boolean arrow = args[0].endsWith("Arrow");
    if (args[0].endsWith("Object")) {
      objects(
          args[0].equals("saveObject"),
          args.length > 1 ? Integer.parseInt(args[1]) : 4,
          args.length > 2 ? Double.parseDouble(args[2]) : 20);
      return;
    }
    String format = args.length > 1 ? args[1] : "arrow/none";
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 20;
    int rows = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
    try (RedisProcess server = BenchRedis.start();
        FrameStore store =
            FrameStore.open(
                "redis://127.0.0.1:"
                    + server.port()
                    + "?timeout=120s&gracePeriod="
                    + System.getProperty("grace", "60s")
                    + System.getProperty("options", "").replaceFirst("^(?=.)", "&"));
        BufferAllocator allocator = new RootAllocator(8L << 30)) {
      Table table = Frames.r1m(rows);
      TablesawFrames tables =
          format.equals("json")
              ? TablesawFrames.of(store, allocator).format(TableFormat.JSON)
              : TablesawFrames.of(store, allocator)
                  .compression(ArrowCompression.forId(format.substring("arrow/".length())));
      tables.save("r1m", table);
      ArrowMemory memory = arrow ? new ArrowMemory(store, table, allocator) : null;
      java.sql.Connection driver =
          sql ? java.sql.DriverManager.getConnection("jdbc:redframe:" + server.url()) : null;
      long end = System.nanoTime() + (long) (seconds * 1e9);
      List<Double> times = new java.util.ArrayList<>();
      while (System.nanoTime() < end) {
        long start = System.nanoTime();
        if (sql) {
          try (java.sql.Statement statement = driver.createStatement();
              java.sql.ResultSet result =
                  statement.executeQuery("SELECT city, sum(x), count(*) FROM r1m GROUP BY city")) {
            while (result.next()) {
              result.getDouble(2);
            }
          }
        } else if (memory != null) {
          memory.run(save);
        } else if (save) {
          tables.save("r1m", table);
        } else {
          tables.load("r1m");
        }
        times.add((System.nanoTime() - start) / 1e6);
      }
      if (driver != null) {
        driver.close();
      }
      if (memory != null) {
        memory.close();
      }
      if (Boolean.getBoolean("trace")) { // -Dtrace=true: the best of every 10 runs, in order
        StringBuilder line = new StringBuilder("best of each 10 runs:");
        for (int i = 0; i + 10 <= times.size(); i += 10) {
          line.append(
              String.format(
                  java.util.Locale.ROOT,
                  " %.1f",
                  java.util.Collections.min(times.subList(i, i + 10))));
        }
        System.out.println(line);
      }
      java.util.Collections.sort(times);
      System.out.printf(
          "%s %s: %d runs, best %.1f ms, median %.1f ms%n",
          args[0], format, times.size(), times.get(0), times.get(times.size() / 2));
    }
  }

  /** saveObject or loadObject of SmallObjectsReport's record of {@code count} values. */
  private static void objects(boolean save, int count, double seconds) throws Exception {
    try (RedisProcess server = BenchRedis.start();
        FrameStore store = FrameStore.open("redis://127.0.0.1:" + server.port())) {
      SmallObjectsReport.Reading reading =
          new SmallObjectsReport.Reading(
              "station-17",
              1767225600000L,
              java.util.stream.IntStream.range(0, count)
                  .mapToObj(i -> 20 + Math.sin(i) * 5)
                  .toList(),
              java.util.Map.of("site", "north", "unit", "celsius"));
      // -Dformat=cbor or yaml: the object format (JSON by default)
      io.redframe.ObjectFormat format =
          io.redframe.ObjectFormat.valueOf(
              System.getProperty("format", "json").toUpperCase(java.util.Locale.ROOT));
      io.redframe.SaveOptions options = io.redframe.SaveOptions.defaults();
      store.saveObject("reading", reading, format, options);
      long end = System.nanoTime() + (long) (seconds * 1e9);
      long operations = 0;
      long start = System.nanoTime();
      while (System.nanoTime() < end) {
        for (int i = 0; i < 1000; i++) {
          if (save) {
            store.saveObject("reading", reading, format, options);
          } else {
            store.loadObject("reading", SmallObjectsReport.Reading.class);
          }
        }
        operations += 1000;
      }
      double micros = (System.nanoTime() - start) / 1e3 / operations;
      System.out.printf(
          "%s: %d operations, %.1f us each%n",
          save ? "saveObject" : "loadObject", operations, micros);
      // Where Redis spent its time: the script's cost per call, beside the client's.
      try (RedisClient client = RedisClient.create("127.0.0.1", server.port())) {
        for (String line : client.info("commandstats").split("\n", -1)) {
          if (line.startsWith("cmdstat_")) {
            System.out.println(line.trim());
          }
        }
        System.out.println("keys " + client.dbSize());
      }
    }
  }

  /** The table as one Arrow batch, saved and loaded through {@link ArrowFrames}. */
  private static final class ArrowMemory implements AutoCloseable {
    private final ArrowReader reader;
    private final VectorSchemaRoot root;
    private final ArrowFrames arrow;
    private final BufferAllocator allocator;

    ArrowMemory(FrameStore store, Table table, BufferAllocator allocator) throws Exception {
      this.allocator = allocator;
      this.reader = ArrowTables.reader(table, allocator, 1 << 20);
      reader.loadNextBatch();
      this.root = reader.getVectorSchemaRoot();
      this.arrow = ArrowFrames.of(store);
      run(true);
    }

    void run(boolean save) throws Exception {
      if (save) {
        arrow.save("r1m-arrow", root, reader, SaveOptions.defaults());
        return;
      }
      try (ArrowReader loaded = arrow.load("r1m-arrow", allocator)) {
        while (loaded.loadNextBatch()) {
          loaded.getVectorSchemaRoot().getRowCount();
        }
      }
    }

    @Override
    public void close() throws java.io.IOException {
      reader.close();
    }
  }
}
