package io.redframe.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redframe.FrameStore;
import io.redframe.SaveOptions;
import io.redframe.arrow.ArrowFrames;
import io.redframe.embedded.RedisProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import redis.clients.jedis.RedisClient;

/**
 * How save and load scale, on default options, Arrow without compression, against one Redis: a
 * sweep of frame sizes (10 KB to {@code --max-gib}) with the cost per byte and, for the largest,
 * the raw limit (the same bytes as 1 MiB hash fields, pipelined, into a new key); a sweep of column
 * counts (1 to 1,000) at a fixed size; and 1, 4 and 8 threads loading one frame at once. Each size
 * is saved under a new name and deleted after its rounds, so no replaced version waits out a grace
 * period (that cost, Redis faulting in fresh memory, is measured apart). Writes {@code
 * scaling.json} and {@code scaling.md}.
 *
 * <p>Usage: {@code ScalingReport [--max-gib 2] [--rounds 3] [--grace-saves 20] [--publishes 50000]
 * [--only-grace true] [--out benchmarks/results]}.
 */
public final class ScalingReport {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long KB = 1000;

  private ScalingReport() {}

  public static void main(String[] args) throws Exception {
    double maxGib = 2;
    int rounds = 3;
    int graceSaves = 20;
    int publishes = 50_000;
    boolean onlyGrace = false;
    Path out = Path.of("benchmarks", "results");
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--max-gib" -> maxGib = Double.parseDouble(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        case "--grace-saves" -> graceSaves = Integer.parseInt(args[i + 1]);
        case "--publishes" -> publishes = Integer.parseInt(args[i + 1]);
        case "--only-grace" -> onlyGrace = Boolean.parseBoolean(args[i + 1]);
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    ObjectNode json = MAPPER.createObjectNode();
    try (RedisProcess server = BenchRedis.start();
        FrameStore store = FrameStore.open("redis://127.0.0.1:" + server.port() + "?timeout=120s");
        RedisClient raw = RedisClient.create("127.0.0.1", server.port());
        BufferAllocator allocator = new RootAllocator(8L << 30)) {
      json.put("machine", Usage.machine());
      json.put("jdk", Runtime.version().toString());
      json.put("redis", server.version());
      json.put("date", LocalDate.now(ZoneOffset.UTC).toString());
      json.put("rounds", rounds);
      json.put("load_before", JobsReport.loadAverage());
      if (onlyGrace) { // a quick look at retention alone; writes no files
        json.set("grace", grace(server, allocator, graceSaves));
        System.out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        return;
      }
      ArrowFrames arrow = ArrowFrames.of(store).maxBatchRows(1 << 20);
      long largest = (long) (maxGib * (1L << 30));
      List<Long> sizes = new ArrayList<>();
      for (long size = 10 * KB; size < largest; size *= 10) {
        sizes.add(size);
      }
      sizes.add(largest);
      ArrayNode sweep = json.putArray("sizes");
      for (long size : sizes) {
        sweep.add(size(server, arrow, allocator, size, size > (256L << 20) ? 1 : rounds));
      }
      json.set(
          "raw_largest", rawLimit(server, raw, sweep.get(sweep.size() - 1).get("bytes").asLong()));
      ArrayNode columns = json.putArray("columns");
      for (int count : new int[] {1, 10, 100, 1000}) {
        columns.add(columns(arrow, allocator, count, rounds));
      }
      json.set("readers", readers(arrow, allocator, 40L << 20, rounds));
      // Back to back saves of one name, with the default grace period and with none: Redis keeps
      // every replaced version meanwhile, and the cost is the fresh memory it faults in.
      json.set("grace", grace(server, allocator, graceSaves));
      json.set("publish_with_versions", publishes(server, publishes));
      json.put("load_after", JobsReport.loadAverage());
    }
    Files.createDirectories(out);
    MAPPER.writerWithDefaultPrettyPrinter().writeValue(out.resolve("scaling.json").toFile(), json);
    String md = markdown(json);
    Files.writeString(out.resolve("scaling.md"), md);
    System.out.println(md);
  }

  /**
   * Best save and load of a frame of about {@code bytes} (3 columns, 24 bytes a row), and the CPU
   * time and Redis' minor page faults (fresh memory it had to fault in, against memory it reused)
   * of the last round's save and load.
   */
  private static ObjectNode size(
      RedisProcess server, ArrowFrames arrow, BufferAllocator allocator, long bytes, int rounds)
      throws Exception {
    long rows = Math.max(1, bytes / 24);
    double save = Double.MAX_VALUE;
    double load = Double.MAX_VALUE;
    Usage[] usage = new Usage[3]; // before the save, between save and load, after the load
    long stored = 0;
    for (int round = 0; round <= rounds; round++) { // round 0 warms up
      String name = "size-" + bytes + "-" + round;
      usage[0] = Usage.now(server);
      long start = System.nanoTime();
      try (ArrowReader source =
          new Frames.SyntheticDoubles(allocator, rows, (int) Math.min(rows, 1 << 20))) {
        stored = arrow.save(name, source, SaveOptions.defaults()).bytes();
      }
      double saved = (System.nanoTime() - start) / 1e6;
      usage[1] = Usage.now(server);
      start = System.nanoTime();
      long seen = drain(arrow, name, allocator);
      double loaded = (System.nanoTime() - start) / 1e6;
      usage[2] = Usage.now(server);
      arrow.store().delete(name);
      if (seen != rows) {
        throw new IllegalStateException("Loaded " + seen + " rows of " + rows);
      }
      if (round > 0 || rounds == 0) {
        save = Math.min(save, saved);
        load = Math.min(load, loaded);
      }
    }
    ObjectNode size =
        timing(
            MAPPER.createObjectNode().put("target_bytes", bytes).put("rows", rows),
            stored,
            save,
            load);
    Usage.put(size, usage);
    return size;
  }

  private static long drain(ArrowFrames arrow, String name, BufferAllocator allocator)
      throws Exception {
    long seen = 0;
    try (ArrowReader reader = arrow.load(name, allocator)) {
      while (reader.loadNextBatch()) {
        seen += reader.getVectorSchemaRoot().getRowCount();
      }
    }
    return seen;
  }

  /** About 32 MB of doubles in {@code count} columns. */
  private static ObjectNode columns(
      ArrowFrames arrow, BufferAllocator allocator, int count, int rounds) throws Exception {
    int rows = (4 << 20) / count;
    double save = Double.MAX_VALUE;
    double load = Double.MAX_VALUE;
    long stored = 0;
    try (VectorSchemaRoot root = Frames.numeric(allocator, rows, count)) {
      for (int round = 0; round <= rounds; round++) {
        String name = "columns-" + count + "-" + round;
        long start = System.nanoTime();
        stored = arrow.save(name, root).bytes();
        double saved = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        drain(arrow, name, allocator);
        double loaded = (System.nanoTime() - start) / 1e6;
        arrow.store().delete(name);
        if (round > 0) {
          save = Math.min(save, saved);
          load = Math.min(load, loaded);
        }
      }
    }
    return timing(
        MAPPER.createObjectNode().put("columns", count).put("rows", rows), stored, save, load);
  }

  /** {@code node} with the stored bytes, the save and load times and their cost per byte. */
  private static ObjectNode timing(ObjectNode node, long stored, double save, double load) {
    return node.put("bytes", stored)
        .put("save_ms", save)
        .put("load_ms", load)
        .put("save_ns_per_byte", save * 1e6 / stored)
        .put("load_ns_per_byte", load * 1e6 / stored);
  }

  /**
   * 1, 4 and 8 threads each loading one frame of about {@code bytes} at once, through one store.
   */
  private static ArrayNode readers(
      ArrowFrames arrow, BufferAllocator allocator, long bytes, int rounds) throws Exception {
    long rows = bytes / 24;
    long stored;
    try (ArrowReader source = new Frames.SyntheticDoubles(allocator, rows, 1 << 20)) {
      stored = arrow.save("shared", source, SaveOptions.defaults()).bytes();
    }
    ArrayNode out = MAPPER.createArrayNode();
    for (int threads : new int[] {1, 4, 8}) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        double best = Double.MAX_VALUE;
        for (int round = 0; round <= rounds; round++) {
          List<CompletableFuture<Long>> loads = new ArrayList<>();
          long start = System.nanoTime();
          for (int t = 0; t < threads; t++) {
            loads.add(
                CompletableFuture.supplyAsync(
                    () -> {
                      try {
                        return drain(arrow, "shared", allocator);
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                    },
                    pool));
          }
          for (CompletableFuture<Long> load : loads) {
            if (load.get() != rows) {
              throw new IllegalStateException("A reader saw another row count");
            }
          }
          double elapsed = (System.nanoTime() - start) / 1e6;
          if (round > 0) {
            best = Math.min(best, elapsed);
          }
        }
        out.add(
            MAPPER
                .createObjectNode()
                .put("threads", threads)
                .put("bytes", stored)
                .put("all_done_ms", best)
                .put("gb_per_s", threads * stored / (best / 1000) / 1e9));
      } finally {
        pool.shutdownNow();
      }
    }
    arrow.store().delete("shared");
    return out;
  }

  /**
   * {@code saves} back-to-back saves of one 41 MB frame per grace period (0, then the default),
   * each on a new name: the median save and load, and what Redis did meanwhile (minor page faults,
   * its resident memory).
   */
  private static ArrayNode grace(RedisProcess server, BufferAllocator allocator, int saves)
      throws Exception {
    ArrayNode out = MAPPER.createArrayNode();
    // no grace period; the defaults (60 s within a 256 MiB budget); 60 s with no budget
    for (String grace : new String[] {"gracePeriod=0s", "defaults", "graceBytes=1048576GiB"}) {
      try (FrameStore store =
          FrameStore.open(
              "redis://127.0.0.1:"
                  + server.port()
                  + "?timeout=120s"
                  + (grace.equals("defaults") ? "" : "&" + grace))) {
        ArrowFrames arrow = ArrowFrames.of(store).maxBatchRows(1 << 20);
        String name = "grace-" + out.size();
        long rows = (41L << 20) / 24;
        long[] faults = {Usage.redisFaults(server), 0};
        long rssBefore = Usage.redisRss(server);
        double[] save = new double[saves];
        double[] load = new double[saves];
        for (int i = 0; i < saves; i++) {
          long start = System.nanoTime();
          try (ArrowReader source = new Frames.SyntheticDoubles(allocator, rows, 1 << 20)) {
            arrow.save(name, source, SaveOptions.defaults());
          }
          save[i] = (System.nanoTime() - start) / 1e6;
          start = System.nanoTime();
          drain(arrow, name, allocator);
          load[i] = (System.nanoTime() - start) / 1e6;
        }
        faults[1] = Usage.redisFaults(server);
        long rssAfter = Usage.redisRss(server);
        store.delete(name);
        java.util.Arrays.sort(save);
        java.util.Arrays.sort(load);
        out.add(
            MAPPER
                .createObjectNode()
                .put("grace", grace)
                .put("saves", saves)
                .put("save_median_ms", save[saves / 2])
                .put("load_median_ms", load[saves / 2])
                .put("redis_minor_faults", faults[1] - faults[0])
                .put("redis_rss_before", rssBefore)
                .put("redis_rss_after", rssAfter));
      }
    }
    return out;
  }

  /**
   * Publish time as the versions within their grace period grow: {@code saves} saves of a small
   * object on default options, timed per tenth.
   */
  private static ArrayNode publishes(RedisProcess server, int saves) {
    ArrayNode out = MAPPER.createArrayNode();
    try (FrameStore store = FrameStore.open("redis://127.0.0.1:" + server.port())) {
      java.util.Map<String, Object> value = java.util.Map.of("sensor", "s-17", "value", 20.5);
      int block = saves / 10;
      for (int b = 0; b < 10; b++) {
        long start = System.nanoTime();
        for (int i = 0; i < block; i++) {
          store.saveObject("versions", value);
        }
        out.add(
            MAPPER
                .createObjectNode()
                .put("versions_alive", (long) (b + 1) * block)
                .put("us_per_save", (System.nanoTime() - start) / 1e3 / block));
      }
      store.delete("versions");
    }
    return out;
  }

  /** The same bytes as 1 MiB fields of a new key, pipelined 16 at a time; one write, one read. */
  private static ObjectNode rawLimit(RedisProcess server, RedisClient raw, long bytes) {
    byte[] chunk = new byte[1 << 20];
    new Random(3).nextBytes(chunk);
    int chunks = (int) ((bytes + chunk.length - 1) / chunk.length);
    byte[] key = "raw-limit".getBytes(StandardCharsets.US_ASCII);
    Usage[] usage = new Usage[3];
    usage[0] = Usage.now(server);
    long start = System.nanoTime();
    EndToEndReport.writeFields(raw, key, chunk, chunks);
    double write = (System.nanoTime() - start) / 1e6;
    usage[1] = Usage.now(server);
    start = System.nanoTime();
    EndToEndReport.readFields(raw, key, chunks);
    double read = (System.nanoTime() - start) / 1e6;
    usage[2] = Usage.now(server);
    raw.unlink(key);
    ObjectNode limit =
        MAPPER
            .createObjectNode()
            .put("bytes", (long) chunks << 20)
            .put("write_ms", write)
            .put("read_ms", read)
            .put("write_ns_per_byte", write * 1e6 / ((long) chunks << 20))
            .put("read_ns_per_byte", read * 1e6 / ((long) chunks << 20));
    Usage.put(limit, usage);
    return limit;
  }

  /**
   * CPU milliseconds of this JVM and of Redis, and Redis' minor faults, during a row's save and
   * load, or "— | — | —" where not measured.
   */
  private static String faults(JsonNode row) {
    if (!row.has("redis_cpu_ms_save") || row.get("redis_cpu_ms_save").asLong() < 0) {
      return "— | — | —";
    }
    return String.format(
        Locale.ROOT,
        "%,d / %,d | %,d / %,d | %,d / %,d",
        row.get("client_cpu_ms_save").asLong(),
        row.get("client_cpu_ms_load").asLong(),
        row.get("redis_cpu_ms_save").asLong(),
        row.get("redis_cpu_ms_load").asLong(),
        row.get("redis_faults_save").asLong(),
        row.get("redis_faults_load").asLong());
  }

  static String markdown(JsonNode json) {
    StringBuilder md = new StringBuilder();
    md.append(sweeps(json));
    md.append(
        "\n| back-to-back saves of 41 MB | saves | save median ms | load median ms | Redis minor"
            + " page faults | Redis RSS before → after |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (JsonNode g : json.get("grace")) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.1f | %.1f | %,d | %s → %s |%n",
              g.get("grace").asText(),
              g.get("saves").asInt(),
              g.get("save_median_ms").asDouble(),
              g.get("load_median_ms").asDouble(),
              g.get("redis_minor_faults").asLong(),
              human(g.get("redis_rss_before").asLong()),
              human(g.get("redis_rss_after").asLong())));
    }
    md.append(
        "\nSmall-object saves on default options as the versions in their grace period grow: ");
    List<String> blocks = new ArrayList<>();
    for (JsonNode p : json.get("publish_with_versions")) {
      blocks.add(
          String.format(
              Locale.ROOT,
              "%,d alive: %.0f µs",
              p.get("versions_alive").asLong(),
              p.get("us_per_save").asDouble()));
    }
    md.append(String.join("; ", blocks)).append(".\n");
    return md.toString();
  }

  private static String sweeps(JsonNode json) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Scaling on default options (Arrow, no compression), one Redis %s on loopback; %s; JDK"
                + " %s; %s; best of %d rounds after a warm-up (one round above 256 MB); load"
                + " average %s before, %s after.%n%n",
            json.get("redis").asText(),
            json.get("machine").asText(),
            json.get("jdk").asText(),
            json.get("date").asText(),
            json.get("rounds").asInt(),
            json.get("load_before").asText(),
            json.get("load_after").asText()));
    md.append(
        "| frame | stored | save ms | load ms | save ns/B | load ns/B | client CPU ms (save / load)"
            + " | Redis CPU ms (save / load) | Redis minor faults (save / load) |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (JsonNode size : json.get("sizes")) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %,d rows × 3 | %s | %s |%n",
              size.get("rows").asLong(),
              timings(size, "save", "load"),
              faults(size)));
    }
    JsonNode raw = json.get("raw_largest");
    md.append(
        String.format(
            Locale.ROOT,
            "| raw 1 MiB fields, pipelined (the largest's bytes) | %s | %s |%n%n",
            timings(raw, "write", "read"),
            faults(raw)));
    md.append("| columns | rows | stored | save ms | load ms | save ns/B | load ns/B |\n");
    md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (JsonNode c : json.get("columns")) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %,d | %,d | %s |%n",
              c.get("columns").asInt(),
              c.get("rows").asInt(),
              timings(c, "save", "load")));
    }
    md.append("\n| readers at once | frame | all done ms | GB/s in all |\n");
    md.append("| ---: | ---: | ---: | ---: |\n");
    for (JsonNode r : json.get("readers")) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %.1f | %.2f |%n",
              r.get("threads").asInt(),
              human(r.get("bytes").asLong()),
              r.get("all_done_ms").asDouble(),
              r.get("gb_per_s").asDouble()));
    }
    return md.toString();
  }

  /** The stored size, ms and ns per byte of one measurement, as table cells. */
  private static String timings(JsonNode node, String out, String in) {
    return String.format(
        Locale.ROOT,
        "%s | %.1f | %.1f | %.2f | %.2f",
        human(node.get("bytes").asLong()),
        node.get(out + "_ms").asDouble(),
        node.get(in + "_ms").asDouble(),
        node.get(out + "_ns_per_byte").asDouble(),
        node.get(in + "_ns_per_byte").asDouble());
  }

  private static String human(long bytes) {
    if (bytes >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }
    if (bytes >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
    return String.format(Locale.ROOT, "%.1f KB", bytes / 1e3);
  }
}
