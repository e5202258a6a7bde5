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
 * Arguments: {@code save|load|saveArrow|loadArrow|saveRaw|loadRaw|sql|saveObject|loadObject} (the
 * Arrow modes: the table already in Arrow memory, saved and loaded through {@code ArrowFrames}, as
 * the end-to-end report's row; the raw modes: the report's raw limit, the same bytes as 1 MiB
 * fields; {@code sql}: SqlReport's group-by through the JDBC driver; the object modes:
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
    boolean raw = args[0].endsWith("Raw");
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
      RawChunks chunks = raw ? new RawChunks(server, store.manifest("r1m").bytes()) : null;
      java.sql.Connection driver =
          sql ? java.sql.DriverManager.getConnection("jdbc:redframe:" + server.url()) : null;
      long end = System.nanoTime() + (long) (seconds * 1e9);
      List<Double> times = new java.util.ArrayList<>();
      long half = end - (long) (seconds * 0.5e9);
      Usage before = null; // the second half's CPU, once the JIT has settled
      int firstHalf = 0;
      java.util.Map<String, Long> threads = java.util.Map.of();
      while (System.nanoTime() < end) {
        long start = System.nanoTime();
        if (before == null && start > half) {
          before = Usage.now(server);
          threads = threadCpu();
          firstHalf = times.size();
        }
        if (sql) {
          try (java.sql.Statement statement = driver.createStatement();
              java.sql.ResultSet result =
                  statement.executeQuery("SELECT city, sum(x), count(*) FROM r1m GROUP BY city")) {
            while (result.next()) {
              result.getDouble(2);
            }
          }
        } else if (chunks != null) {
          chunks.run(save);
        } else if (memory != null) {
          memory.run(save);
        } else if (save) {
          tables.save("r1m", table);
        } else {
          tables.load("r1m");
        }
        times.add((System.nanoTime() - start) / 1e6);
      }
      Usage after = Usage.now(server);
      java.util.Map<String, Long> threadsAfter = threadCpu();
      if (chunks != null) {
        chunks.close();
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
      List<Double> lastHalf = new java.util.ArrayList<>(times.subList(firstHalf, times.size()));
      java.util.Collections.sort(times);
      System.out.printf(
          "%s %s: %d runs, best %.1f ms, median %.1f ms%n",
          args[0], format, times.size(), times.get(0), times.get(times.size() / 2));
      // CPU per run of the second half: this JVM's (all threads) and Redis', beside the wall time
      int runs = lastHalf.size();
      double wall = lastHalf.stream().mapToDouble(Double::doubleValue).sum() / runs;
      double here = (double) (after.clientCpuMs() - before.clientCpuMs()) / runs;
      double redis = (double) (after.redisCpuMs() - before.redisCpuMs()) / runs;
      System.out.printf(
          java.util.Locale.ROOT,
          "second half, per run: %.1f ms wall, %.1f ms CPU here, %.1f ms CPU in Redis"
              + " (%.0f%% of 2 cores)%n",
          wall,
          here,
          redis,
          100 * (here + redis) / (2 * wall));
      // -Dthreads=true: the second half's CPU per run of each kind of thread (Linux)
      if (Boolean.getBoolean("threads")) {
        printThreads(threads, threadsAfter, runs, "ms");
      }
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
      java.util.Map<String, Long> threads = threadCpu();
      Usage before = Usage.now(server);
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
      Usage after = Usage.now(server);
      System.out.printf(
          "%s: %d operations, %.1f us each%n",
          save ? "saveObject" : "loadObject", operations, micros);
      System.out.printf(
          java.util.Locale.ROOT,
          "CPU per operation: %.1f us here, %.1f us in Redis%n",
          (after.clientCpuMs() - before.clientCpuMs()) * 1e3 / operations,
          (after.redisCpuMs() - before.redisCpuMs()) * 1e3 / operations);
      if (Boolean.getBoolean("threads")) {
        printThreads(threads, threadCpu(), operations / 1e3, "us");
      }
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

  /** Each kind of thread's CPU between two {@link #threadCpu} readings, per {@code per} runs. */
  private static void printThreads(
      java.util.Map<String, Long> before,
      java.util.Map<String, Long> after,
      double per,
      String unit) {
    for (var entry : after.entrySet()) {
      double ms = (entry.getValue() - before.getOrDefault(entry.getKey(), 0L)) * 10.0 / per;
      if (ms >= 0.05) {
        System.out.printf(java.util.Locale.ROOT, "  %-24s %.2f %s%n", entry.getKey(), ms, unit);
      }
    }
  }

  /**
   * CPU clock ticks this JVM's threads have used so far, summed by name with digits dropped (so "GC
   * Thread#0" and "GC Thread#1" count together), from {@code /proc/self/task} (Linux).
   */
  private static java.util.Map<String, Long> threadCpu() {
    java.util.Map<String, Long> ticks = new java.util.TreeMap<>();
    try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
      for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
        try {
          String stat = java.nio.file.Files.readString(task.resolve("stat"));
          String name =
              stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "N");
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
          ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
        } catch (java.io.IOException e) {
          // the thread ended while listed
        }
      }
    } catch (java.io.IOException e) {
      return ticks;
    }
    return ticks;
  }

  /**
   * The end-to-end report's raw limit: the frame's bytes as 1 MiB hash fields, pipelined 16 at a
   * time, each write to a new key with the previous one unlinked, as a new version is written.
   */
  private static final class RawChunks implements AutoCloseable {
    private final RedisClient raw;
    private final byte[] chunk = new byte[1 << 20];
    private final int count;
    private int round;

    RawChunks(RedisProcess server, long bytes) {
      this.raw = RedisClient.create("127.0.0.1", server.port());
      new java.util.Random(3).nextBytes(chunk);
      this.count = (int) ((bytes + chunk.length - 1) / chunk.length);
      run(true);
    }

    void run(boolean save) {
      if (save) {
        round++;
        EndToEndReport.writeFields(raw, key(round), chunk, count);
        raw.unlink(key(round - 1));
      } else {
        EndToEndReport.readFields(raw, key(round), count);
      }
    }

    private static byte[] key(int round) {
      return ("limit:" + round).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
      raw.close();
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
