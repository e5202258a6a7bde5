package io.redframe.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redframe.FrameStore;
import io.redframe.Manifest;
import io.redframe.SaveOptions;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowFrames;
import io.redframe.embedded.RedisProcess;
import io.redframe.tablesaw.ArrowTables;
import io.redframe.tablesaw.TableFormat;
import io.redframe.tablesaw.TableLoadOptions;
import io.redframe.tablesaw.TablesawFrames;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import tech.tablesaw.api.Table;

/**
 * The end-to-end report: against one Redis, in one process, the raw transfer limit, redframe's
 * formats on the R1M frame, the Python path it replaces, projections and row ranges, and a frame
 * beyond Redis' 512 MB value limit with the process's peak memory. Writes a JSON file, a PNG chart
 * and the README's report section.
 *
 * <pre>
 * java -Xmx3g --add-opens=java.base/java.nio=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     io.redframe.benchmarks.EndToEndReport [--rows 1000000] [--large-gib 2] [--out benchmarks/results]
 * </pre>
 *
 * {@code --warm-up 10} sets the seconds each timed step runs first (0 leaves the 3-run minimum).
 * {@code --render} only redraws the chart and rewrites the README section from the results in
 * {@code --out}.
 */
public final class EndToEndReport {
  private static final int REPEAT = 10;

  /**
   * Every timed step first runs for this many seconds ({@code --warm-up}) and at least {@link
   * #WARM_UP_RUNS} times, so the JIT has compiled its paths and the heap has settled: three runs
   * were not enough, R1M's Tablesaw load kept getting faster for about 200 runs ({@code ProfileLoop
   * -Dtrace=true}). The Python side warms up the same way.
   */
  static final double DEFAULT_WARM_UP_SECONDS = 10;

  static final int WARM_UP_RUNS = 3;
  static final String NATIVE = "arrow/none, from Arrow memory (no Tablesaw)";
  static final String GRACE_ZERO =
      "arrow/none, gracePeriod 0 (superseded versions removed at once)";
  static final String UNBOUNDED = "arrow/none, 60 s grace without a budget (before graceBytes)";
  static final String RELOAD = "arrow/none, reload of an unchanged frame, cacheSize=256MiB";
  private final ObjectNode json = new ObjectMapper().createObjectNode();
  private double warmUpSeconds = DEFAULT_WARM_UP_SECONDS;

  private EndToEndReport() {}

  public static void main(String[] args) throws Exception {
    int rows = 1_000_000;
    double largeGib = 2.0;
    Path out = Path.of("benchmarks", "results");
    Path readme = Path.of("README.md");
    boolean render = false;
    EndToEndReport report = new EndToEndReport();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--large-gib" -> largeGib = Double.parseDouble(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--readme" -> readme = Path.of(args[++i]);
        case "--render" -> render = true;
        case "--warm-up" -> report.warmUpSeconds = Double.parseDouble(args[++i]);
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    if (render) {
      // only rewrite the chart and the README section from the results already in --out
      report.json.setAll(
          (ObjectNode) new ObjectMapper().readTree(out.resolve("e2e.json").toFile()));
      report.report(out, readme);
      return;
    }
    report.run(rows, largeGib, out, readme);
  }

  private void run(int rows, double largeGib, Path out, Path readme) throws Exception {
    try (RedisProcess server = BenchRedis.start();
        // Default options: saves run back to back, so each superseded version stays in its 60 s
        // grace period within the 256 MiB grace budget. Beside them: no grace period (as pickle's
        // SET replaces its value), the grace period with no budget, and the load cache.
        FrameStore store = FrameStore.open("redis://127.0.0.1:" + server.port() + "?timeout=120s");
        FrameStore graceZero =
            FrameStore.open("redis://127.0.0.1:" + server.port() + "?timeout=120s&gracePeriod=0s");
        FrameStore unbounded =
            FrameStore.open(
                "redis://127.0.0.1:" + server.port() + "?timeout=120s&graceBytes=1048576GiB");
        FrameStore cached =
            FrameStore.open(
                "redis://127.0.0.1:" + server.port() + "?timeout=120s&cacheSize=256MiB");
        BufferAllocator allocator = new RootAllocator(8L << 30);
        RedisClient raw = RedisClient.create("127.0.0.1", server.port())) {
      json.put("machine", Usage.machine());
      json.put("jdk", Runtime.version().toString());
      json.put("redis", server.version());
      json.put("rows", rows);
      json.put("warm_up_seconds", warmUpSeconds);
      json.put("date", Instant.now().toString());
      Table r1m = Frames.r1m(rows);
      TablesawFrames tables = TablesawFrames.of(store, allocator);

      // redframe, each format
      ObjectNode formats = json.putObject("redframe");
      List<String> labels = List.of("arrow/none", "arrow/lz4", "arrow/zstd", "json");
      // the first save and load of this JVM, before any warm-up: what a one-shot process (the CLI,
      // a script) pays, the JIT not yet compiled
      double firstSave = elapsed(() -> tables.save("r1m", r1m));
      double firstLoad = elapsed(() -> tables.load("r1m"));
      for (String label : labels) {
        TablesawFrames frames = frames(tables, label);
        Timing save = timed(() -> frames.save("r1m", r1m));
        Timing load = timed(() -> frames.load("r1m"));
        long bytes = store.manifest("r1m").bytes();
        ObjectNode node = put(formats.putObject(label), save, load).put("bytes", bytes);
        if (label.equals("arrow/none")) {
          node.put("first_save_ms", firstSave).put("first_load_ms", firstLoad);
        }
      }

      // the same frame already in Arrow memory: the store's own cost, without Tablesaw
      if (rows <= 1 << 20) {
        try (ArrowReader reader = ArrowTables.reader(r1m, allocator, 1 << 20)) {
          reader.loadNextBatch();
          VectorSchemaRoot root = reader.getVectorSchemaRoot();
          ArrowFrames arrow = ArrowFrames.of(store);
          Action save = () -> arrow.save("r1m-arrow", root, reader, SaveOptions.defaults());
          Action load = () -> drain(arrow, "r1m-arrow", allocator, rows);
          save.run();
          load.run();
          put(formats.putObject(NATIVE), timed(save), timed(load))
              .put("bytes", store.manifest("r1m-arrow").bytes());
        }
      }

      // the same saves and loads with no grace period, and with the grace period but no budget:
      // then every superseded version stays in Redis for 60 s, and each save makes Redis fault in
      // fresh memory
      for (FrameStore other : List.of(graceZero, unbounded)) {
        TablesawFrames otherTables = TablesawFrames.of(other, allocator);
        otherTables.save("r1m-grace", r1m);
        put(
                formats.putObject(other == graceZero ? GRACE_ZERO : UNBOUNDED),
                timed(() -> otherTables.save("r1m-grace", r1m)),
                timed(() -> otherTables.load("r1m-grace")))
            .put("bytes", other.manifest("r1m-grace").bytes());
        other.delete("r1m-grace");
      }

      // reloading an unchanged frame with the load cache: one round trip plus the decode
      TablesawFrames cachedTables = TablesawFrames.of(cached, allocator);
      cachedTables.save("r1m-cached", r1m);
      cachedTables.load("r1m-cached");
      Timing reload = timed(() -> cachedTables.load("r1m-cached"));
      formats
          .putObject(RELOAD)
          .put("load_ms", reload.best())
          .put("load_median_ms", reload.median())
          .put("bytes", cached.manifest("r1m-cached").bytes());
      cached.delete("r1m-cached");

      // the limit: the same bytes as arrow/none, as raw 1 MiB chunks, pipelined
      long limitBytes = formats.get("arrow/none").get("bytes").asLong();
      double[] limit = rawLimit(raw, limitBytes);
      json.putObject("limit")
          .put("bytes", limitBytes)
          .put("write_ms", limit[0])
          .put("read_ms", limit[1])
          .put("overwrite_ms", limit[2]);

      // the limit and both redframe paths in turn, so they share the machine's state
      json.set("side_by_side", sideBySide(raw, r1m, tables, allocator, limitBytes));

      // projection and row range (arrow/none)
      tables.save("r1m", r1m);
      Manifest manifest = store.manifest("r1m");
      int x = manifest.columnIndex("x");
      long xBytes =
          manifest.chunks().stream().filter(c -> c.holdsColumn(x)).mapToLong(c -> c.bytes()).sum();
      double full = best(() -> tables.load("r1m"));
      double oneColumn = best(() -> tables.load("r1m", TableLoadOptions.all().columns("x")));
      double range = best(() -> tables.load("r1m", TableLoadOptions.all().rows(0, rows / 10)));
      json.putObject("selective")
          .put("full_ms", full)
          .put("one_column_ms", oneColumn)
          .put("column_share", (double) xBytes / manifest.bytes())
          .put("tenth_of_rows_ms", range);

      // the Python path
      json.set("python", python(server.port(), rows));

      // a frame beyond Redis' 512 MB value limit
      json.set("large", large(store, allocator, largeGib, false));
    }
    report(out, readme);
  }

  /** One kind of run of the side-by-side rounds: its times and the CPU it used. */
  private static final class Step {
    final String name;
    final Action action;
    final double[] runs = new double[REPEAT];
    double clientCpu;
    double redisCpu;

    Step(String name, Action action) {
      this.name = name;
      this.action = action;
    }
  }

  /**
   * The raw limit, the save and load from Arrow memory and through Tablesaw (arrow/none, default
   * options), run in turn round after round: each ratio to the limit then compares runs that met
   * the same machine (on this VM, separate steps can differ by 30%). Each run also records the CPU
   * time this JVM (all threads) and Redis used, which shows when a step is bound by the two cores
   * rather than by waiting: the wall time cannot be less than half the CPU time.
   */
  private ObjectNode sideBySide(
      RedisClient raw, Table r1m, TablesawFrames tables, BufferAllocator allocator, long bytes)
      throws Exception {
    byte[] chunk = new byte[1 << 20];
    new Random(5).nextBytes(chunk);
    int chunks = (int) ((bytes + chunk.length - 1) / chunk.length);
    int[] round = {0};
    ArrowFrames arrow = ArrowFrames.of(tables.store());
    try (ArrowReader reader = ArrowTables.reader(r1m, allocator, 1 << 20)) {
      reader.loadNextBatch();
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      List<Step> steps =
          List.of(
              new Step(
                  "raw_write",
                  () -> {
                    round[0]++;
                    writeFields(raw, rawKey(round[0]), chunk, chunks);
                    raw.unlink(rawKey(round[0] - 1));
                  }),
              new Step(
                  "arrow_save",
                  () -> arrow.save("r1m-arrow", root, reader, SaveOptions.defaults())),
              new Step("tablesaw_save", () -> tables.save("r1m", r1m)),
              new Step("raw_read", () -> readFields(raw, rawKey(round[0]), chunks)),
              new Step("arrow_load", () -> drain(arrow, "r1m-arrow", allocator, r1m.rowCount())),
              new Step("tablesaw_load", () -> tables.load("r1m")));
      long warmUpEnd = System.nanoTime() + (long) (warmUpSeconds * 1e9);
      for (int run = 0; run < WARM_UP_RUNS || System.nanoTime() < warmUpEnd; run++) {
        for (Step step : steps) {
          step.action.run();
        }
      }
      for (int i = 0; i < REPEAT; i++) {
        for (Step step : steps) {
          double client = Usage.clientCpuMillisPrecise();
          double redis = Usage.redisCpuMillis(raw);
          step.runs[i] = elapsed(step.action);
          step.clientCpu += Usage.clientCpuMillisPrecise() - client;
          step.redisCpu += Usage.redisCpuMillis(raw) - redis;
        }
      }
      raw.unlink(rawKey(round[0]));
      ObjectNode node = json.objectNode().put("bytes", bytes).put("rounds", REPEAT);
      for (Step step : steps) {
        double[] sorted = step.runs.clone();
        java.util.Arrays.sort(sorted);
        node.putObject(step.name)
            .put("best_ms", sorted[0])
            .put("median_ms", sorted[REPEAT / 2])
            .put("client_cpu_ms", step.clientCpu / REPEAT)
            .put("redis_cpu_ms", step.redisCpu / REPEAT);
      }
      return node;
    }
  }

  private static byte[] rawKey(int round) {
    return ("limit:side:" + round).getBytes(StandardCharsets.US_ASCII);
  }

  /** Loads {@code name} through {@code arrow}, batch by batch, checking it has {@code rows}. */
  private static void drain(ArrowFrames arrow, String name, BufferAllocator allocator, long rows)
      throws Exception {
    try (ArrowReader loaded = arrow.load(name, allocator)) {
      long seen = 0;
      while (loaded.loadNextBatch()) {
        seen += loaded.getVectorSchemaRoot().getRowCount();
      }
      if (seen != rows) {
        throw new IllegalStateException("loaded " + seen + " of " + rows + " rows");
      }
    }
  }

  private static TablesawFrames frames(TablesawFrames tables, String label) {
    return label.equals("json")
        ? tables.format(TableFormat.JSON)
        : tables.compression(ArrowCompression.forId(label.substring("arrow/".length())));
  }

  interface Action {
    void run() throws Exception;
  }

  /** The best and the median of {@link #REPEAT} runs, in milliseconds. */
  record Timing(double best, double median) {}

  private Timing timed(Action action) throws Exception {
    return timed(action, warmUpSeconds);
  }

  /**
   * The best and the median of {@link #REPEAT} runs of {@code action}, after its warm-up of {@code
   * warmUpSeconds} and at least {@link #WARM_UP_RUNS} runs.
   */
  static Timing timed(Action action, double warmUpSeconds) throws Exception {
    long warmUpEnd = System.nanoTime() + (long) (warmUpSeconds * 1e9);
    for (int run = 0; run < WARM_UP_RUNS || System.nanoTime() < warmUpEnd; run++) {
      action.run();
    }
    double[] runs = new double[REPEAT];
    for (int i = 0; i < REPEAT; i++) {
      runs[i] = elapsed(action);
    }
    java.util.Arrays.sort(runs);
    return new Timing(runs[0], runs[REPEAT / 2]);
  }

  /** Milliseconds one run of {@code action} took. */
  private static double elapsed(Action action) throws Exception {
    long start = System.nanoTime();
    action.run();
    return (System.nanoTime() - start) / 1e6;
  }

  private double best(Action action) throws Exception {
    return timed(action).best();
  }

  static ObjectNode put(ObjectNode node, Timing save, Timing load) {
    return node.put("save_ms", save.best())
        .put("load_ms", load.best())
        .put("save_median_ms", save.median())
        .put("load_median_ms", load.median());
  }

  /**
   * Writes and reads {@code bytes} as 1 MiB hash fields, pipelined in 16 MiB windows: the limit.
   * Each write goes to a new key and the previous one is deleted, as a new version is written; the
   * third figure overwrites the same fields of one key instead (Redis reuses their memory, its
   * fastest case, which no versioned write gets).
   */
  private double[] rawLimit(RedisClient raw, long bytes) throws Exception {
    byte[] chunk = new byte[1 << 20];
    new Random(3).nextBytes(chunk);
    int chunks = (int) ((bytes + chunk.length - 1) / chunk.length);
    int[] round = {0};
    double write =
        best(
            () -> {
              byte[] key = ("limit:" + round[0]).getBytes(StandardCharsets.US_ASCII);
              writeFields(raw, key, chunk, chunks);
              raw.unlink(("limit:" + (round[0] - 1)).getBytes(StandardCharsets.US_ASCII));
              round[0]++;
            });
    byte[] key = ("limit:" + (round[0] - 1)).getBytes(StandardCharsets.US_ASCII);
    double overwrite = best(() -> writeFields(raw, key, chunk, chunks));
    double read = best(() -> readFields(raw, key, chunks));
    raw.unlink(key);
    return new double[] {write, read, overwrite};
  }

  /** Reads fields {@code c:0..} of {@code key}, pipelined 16 at a time. */
  static void readFields(RedisClient raw, byte[] key, int chunks) {
    try (AbstractPipeline pipeline = raw.pipelined()) {
      for (int i = 0; i < chunks; i++) {
        pipeline.hget(key, ("c:" + i).getBytes(StandardCharsets.US_ASCII));
        if (i % 16 == 15) {
          pipeline.sync();
        }
      }
      pipeline.sync();
    }
  }

  /** Writes {@code chunk} as fields {@code c:0..} of {@code key}, pipelined 16 at a time. */
  static void writeFields(RedisClient raw, byte[] key, byte[] chunk, int chunks) {
    try (AbstractPipeline pipeline = raw.pipelined()) {
      for (int i = 0; i < chunks; i++) {
        pipeline.hset(key, ("c:" + i).getBytes(StandardCharsets.US_ASCII), chunk);
        if (i % 16 == 15) {
          pipeline.sync();
        }
      }
      pipeline.sync();
    }
  }

  private JsonNode python(int port, int rows) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Path script = Files.createTempFile("python_baseline", ".py");
    try (InputStream in = EndToEndReport.class.getResourceAsStream("python_baseline.py")) {
      Files.write(script, in.readAllBytes());
    }
    String python = pythonWithPandas();
    if (python == null) {
      return mapper
          .createObjectNode()
          .put(
              "absent",
              "no python3 with pandas, numpy and redis (Debian: python3-pandas python3-redis)");
    }
    try {
      Process process =
          new ProcessBuilder(
                  python,
                  script.toString(),
                  "127.0.0.1",
                  Integer.toString(port),
                  "",
                  Integer.toString(rows),
                  Integer.toString(REPEAT),
                  Double.toString(warmUpSeconds))
              .redirectErrorStream(true)
              .start();
      String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
        return mapper
            .createObjectNode()
            .put(
                "absent",
                "python3 with pandas, numpy and redis failed: "
                    + output.lines().reduce((a, b) -> b).orElse(""));
      }
      return mapper.readTree(output.lines().reduce((a, b) -> b).orElseThrow());
    } catch (java.io.IOException e) {
      return mapper.createObjectNode().put("absent", "python3 not found (" + e.getMessage() + ")");
    } finally {
      Files.deleteIfExists(script);
    }
  }

  /** The first python3 that has pandas, numpy and redis-py, or null. */
  private static String pythonWithPandas() throws InterruptedException {
    return pythonWith("import pandas, numpy, redis");
  }

  /** The first python3 that runs {@code imports}, or null. */
  static String pythonWith(String imports) throws InterruptedException {
    for (String candidate : List.of("python3", "/usr/bin/python3", "/usr/local/bin/python3")) {
      try {
        Process probe =
            new ProcessBuilder(candidate, "-c", imports).redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
          return candidate;
        }
      } catch (java.io.IOException e) {
        // not installed there
      }
    }
    return null;
  }

  static JsonNode large(FrameStore store, BufferAllocator allocator, double gib, boolean keep)
      throws Exception {
    long rows = (long) (gib * (1L << 30) / 24);
    ArrowFrames arrow = ArrowFrames.of(store).maxBatchRows(1 << 20);
    long start = System.nanoTime();
    long bytes;
    try (ArrowReader source = new Frames.SyntheticDoubles(allocator, rows, 1 << 20)) {
      bytes = arrow.save("large", source, SaveOptions.defaults()).bytes();
    }
    double save = (System.nanoTime() - start) / 1e6;
    start = System.nanoTime();
    double sum = 0;
    long seen = 0;
    try (ArrowReader reader = arrow.load("large", allocator)) {
      while (reader.loadNextBatch()) {
        Float8Vector x = (Float8Vector) reader.getVectorSchemaRoot().getVector(1);
        for (int i = 0; i < x.getValueCount(); i++) {
          sum += x.get(i);
        }
        seen += x.getValueCount();
      }
    }
    double load = (System.nanoTime() - start) / 1e6;
    if (!keep) {
      store.delete("large");
    }
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    ObjectNode node = new ObjectMapper().createObjectNode();
    node.put("rows", seen)
        .put("bytes", bytes)
        .put("save_ms", save)
        .put("load_ms", load)
        .put("peak_heap_bytes", peakHeap)
        .put("peak_rss_bytes", peakRss())
        .put("max_heap_bytes", Runtime.getRuntime().maxMemory())
        .put("checksum", sum);
    return node;
  }

  private static long peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (java.io.IOException e) {
      // not Linux
    }
    return -1;
  }

  private void report(Path out, Path readme) throws Exception {
    Files.createDirectories(out);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve("e2e.json").toFile(), json);
    Report.write(json, out.resolve("e2e.png"), readme, out);
    System.out.println(Report.markdown(json));
  }
}
