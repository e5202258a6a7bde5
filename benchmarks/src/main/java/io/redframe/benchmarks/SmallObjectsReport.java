package io.redframe.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redframe.FrameStore;
import io.redframe.ObjectFormat;
import io.redframe.SaveOptions;
import io.redframe.embedded.RedisProcess;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The first use case of the Python scripts redframe replaces: caching one small dict-like object.
 * {@code saveObject} / {@code loadObject} on default options against pickle + redis-py {@code SET}
 * / {@code GET} of the same record, on one Redis, rounds alternating between the two sides (so both
 * meet the same machine state); per size the best round's ops/s and its p50 / p99 latency; then 8
 * threads saving at once.
 *
 * <p>Usage: {@code SmallObjectsReport [--rounds 5] [--scale 1.0] [--out DIR]}; {@code --scale}
 * multiplies the operations per round (the smoke test runs a tiny one).
 */
public final class SmallObjectsReport {
  /** The record saved: four fields, a list and a map (~150 bytes of JSON with 4 values). */
  public record Reading(String sensor, long time, List<Double> values, Map<String, String> tags) {}

  /** Values per record and operations per round: ~150 B, ~10 KB and ~1 MB of JSON. */
  private static final int[][] SIZES = {{4, 5000}, {1500, 2000}, {150_000, 40}};

  private static final int THREADS = 8;

  /**
   * The redframe paths measured: JSON on default options (the headline row), CBOR, and JSON with
   * the load cache on (a reload of an unchanged object is one short round trip plus the decode).
   */
  private record Side(String key, String label, ObjectFormat format, boolean cached) {}

  private static final List<Side> SIDES =
      List.of(
          new Side("java", "JSON, default options", ObjectFormat.JSON, false),
          new Side("cbor", "CBOR", ObjectFormat.CBOR, false),
          new Side("cached", "JSON, cacheSize=64MiB", ObjectFormat.JSON, true));

  private final ObjectMapper mapper = new ObjectMapper();
  private final ObjectNode json = mapper.createObjectNode();

  public static void main(String[] args) throws Exception {
    int rounds = 5;
    double scale = 1.0;
    Path out = Path.of("benchmarks", "results");
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--scale" -> scale = Double.parseDouble(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("Unknown option " + args[i]);
      }
    }
    new SmallObjectsReport().run(rounds, scale, out);
  }

  static Reading reading(int values) {
    List<Double> list = new ArrayList<>(values);
    for (int i = 0; i < values; i++) {
      list.add(i * 0.25);
    }
    return new Reading(
        "station-17", 1767225600000L, list, Map.of("site", "north", "unit", "celsius"));
  }

  private void run(int rounds, double scale, Path out) throws Exception {
    try (RedisProcess server = BenchRedis.start();
        FrameStore store = FrameStore.open("redis://127.0.0.1:" + server.port());
        FrameStore cachedStore =
            FrameStore.open("redis://127.0.0.1:" + server.port() + "?cacheSize=64MiB")) {
      json.put("machine", Usage.machine());
      json.put("jdk", Runtime.version().toString());
      json.put("redis", server.version());
      json.put("date", LocalDate.now(java.time.ZoneOffset.UTC).toString());
      json.put("rounds", rounds);
      Map<String, List<long[][]>> java = new LinkedHashMap<>();
      Map<Integer, List<long[][]>> python = new LinkedHashMap<>();
      String pythonAbsent = null;
      for (int[] size : SIZES) {
        for (Side side : SIDES) {
          warmUp(side.cached() ? cachedStore : store, side, size[0], ops(size[1], scale));
        }
      }
      for (int round = 0; round < rounds; round++) {
        for (int[] size : SIZES) {
          for (Side side : SIDES) {
            java.computeIfAbsent(side.key() + size[0], k -> new ArrayList<>())
                .add(
                    javaRound(
                        side.cached() ? cachedStore : store, side, size[0], ops(size[1], scale)));
          }
        }
        if (pythonAbsent == null) {
          JsonNode py = python(server.port(), scale);
          if (py.has("absent")) {
            pythonAbsent = py.get("absent").asText();
          } else {
            json.put(
                "python", py.get("python").asText() + ", redis-py " + py.get("redis_py").asText());
            for (int[] size : SIZES) {
              JsonNode s = py.get("sizes").get(Integer.toString(size[0]));
              json.put("pickleBytes" + size[0], s.get("stored").asLong());
              python
                  .computeIfAbsent(size[0], k -> new ArrayList<>())
                  .add(new long[][] {longs(s.get("save").get(0)), longs(s.get("load").get(0))});
            }
          }
        }
      }
      ObjectNode rows = json.putObject("sizes");
      for (int[] size : SIZES) {
        ObjectNode row = rows.putObject(Integer.toString(size[0]));
        for (Side side : SIDES) {
          row.put(side.key() + "Bytes", store.manifest(name(side, size[0])).bytes());
          put(row, side.key(), java.get(side.key() + size[0]));
        }
        if (python.containsKey(size[0])) {
          put(row, "pickle", python.get(size[0]));
        }
      }
      if (pythonAbsent != null) {
        json.put("pythonAbsent", pythonAbsent);
      }
      threads(store, ops(SIZES[0][1], scale));
    }
    Files.createDirectories(out);
    mapper
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve("small-objects.json").toFile(), json);
    String table = markdown(json);
    Files.writeString(out.resolve("small-objects.md"), table);
    System.out.println(table);
  }

  private static int ops(int ops, double scale) {
    return Math.max(3, (int) Math.round(ops * scale));
  }

  private static String name(Side side, int values) {
    return "small-" + side.key() + "-" + values;
  }

  private static void warmUp(FrameStore store, Side side, int values, int ops) {
    Reading reading = reading(values);
    for (int i = 0; i < Math.min(ops, 1000); i++) {
      store.saveObject(name(side, values), reading, side.format(), SaveOptions.defaults());
      store.loadObject(name(side, values), Reading.class);
    }
  }

  /** One round: {@code ops} saves, then {@code ops} loads; nanoseconds of each. */
  private static long[][] javaRound(FrameStore store, Side side, int values, int ops) {
    Reading reading = reading(values);
    String name = name(side, values);
    long[] save = new long[ops];
    long[] load = new long[ops];
    for (int i = 0; i < ops; i++) {
      long start = System.nanoTime();
      store.saveObject(name, reading, side.format(), SaveOptions.defaults());
      save[i] = System.nanoTime() - start;
    }
    for (int i = 0; i < ops; i++) {
      long start = System.nanoTime();
      Reading loaded = store.loadObject(name, Reading.class);
      load[i] = System.nanoTime() - start;
      if (loaded.values().size() != values) {
        throw new IllegalStateException("Loaded " + loaded.values().size() + " values");
      }
    }
    return new long[][] {save, load};
  }

  /** The best round by ops/s of saves and of loads, with that round's p50 and p99. */
  private static void put(ObjectNode row, String side, List<long[][]> rounds) {
    ObjectNode node = row.putObject(side);
    for (int op = 0; op < 2; op++) {
      long[] best = null;
      for (long[][] round : rounds) {
        if (best == null || sum(round[op]) < sum(best)) {
          best = round[op];
        }
      }
      ObjectNode stats = node.putObject(op == 0 ? "save" : "load");
      stats.put("opsPerSecond", best.length * 1e9 / sum(best));
      long[] sorted = best.clone();
      Arrays.sort(sorted);
      stats.put("p50us", sorted[sorted.length / 2] / 1000.0);
      stats.put(
          "p99us", sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1000.0);
    }
  }

  private static long sum(long[] values) {
    long total = 0;
    for (long v : values) {
      total += v;
    }
    return total;
  }

  private static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  /** {@link #THREADS} threads each saving its own ~150 B object {@code ops} times. */
  private void threads(FrameStore store, int ops) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < THREADS; t++) {
        String name = "small-thread-" + t;
        futures.add(
            pool.submit(
                () -> {
                  Reading reading = reading(4);
                  long[] lat = new long[ops];
                  for (int i = 0; i < ops; i++) {
                    long s = System.nanoTime();
                    store.saveObject(name, reading);
                    lat[i] = System.nanoTime() - s;
                  }
                  return lat;
                }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<long[]> f : futures) {
        for (long v : f.get()) {
          all.add(v);
        }
      }
      long elapsed = System.nanoTime() - start;
      all.sort(null);
      ObjectNode node = json.putObject("threads");
      node.put("threads", THREADS);
      node.put("opsPerSecond", all.size() * 1e9 / elapsed);
      node.put("p50us", all.get(all.size() / 2) / 1000.0);
      node.put("p99us", all.get(Math.min(all.size() - 1, (int) (all.size() * 0.99))) / 1000.0);
    } finally {
      pool.shutdownNow();
    }
  }

  private JsonNode python(int port, double scale) throws Exception {
    String python = EndToEndReport.pythonWith("import redis");
    if (python == null) {
      return mapper.createObjectNode().put("absent", "no python3 with redis-py");
    }
    Path script = Files.createTempFile("small_objects", ".py");
    try (InputStream in = SmallObjectsReport.class.getResourceAsStream("small_objects.py")) {
      Files.write(script, in.readAllBytes());
    }
    try {
      List<String> command =
          new ArrayList<>(List.of(python, script.toString(), "127.0.0.1", "" + port, "1"));
      for (int[] size : SIZES) {
        command.add(size[0] + ":" + ops(size[1], scale));
      }
      Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
      byte[] stdout = process.getInputStream().readAllBytes();
      String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        return mapper.createObjectNode().put("absent", "python3 failed: " + stderr.strip());
      }
      return mapper.readTree(stdout);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  /** The report as a Markdown table, with the machine and versions. */
  static String markdown(JsonNode json) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Small objects: best of %d rounds, alternating sides; one Redis %s on loopback; %s; JDK"
                + " %s; %s; %s.%n%n",
            json.get("rounds").asInt(),
            json.get("redis").asText(),
            json.get("machine").asText(),
            json.get("jdk").asText(),
            json.has("python") ? "Python " + json.get("python").asText() : "pickle absent",
            json.get("date").asText()));
    out.append(
        "| object | stored (redframe / pickle) | redframe save ops/s (p50 / p99 µs) | pickle SET ops/s"
            + " (p50 / p99 µs) | redframe load ops/s (p50 / p99 µs) | pickle GET ops/s (p50 / p99"
            + " µs) | save vs pickle | load vs pickle |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    json.get("sizes")
        .properties()
        .forEach(
            entry -> {
              JsonNode row = entry.getValue();
              JsonNode pickle = row.get("pickle");
              for (Side side : SIDES) {
                JsonNode java = row.get(side.key());
                if (java == null) {
                  continue; // results written before the side existed
                }
                out.append(
                    String.format(
                        Locale.ROOT,
                        "| %s values%s | %,d B / %s | %s | %s | %s | %s | %s | %s |%n",
                        entry.getKey(),
                        side.key().equals("java") ? "" : ", " + side.label(),
                        row.path(side.key() + "Bytes").asLong(row.path("jsonBytes").asLong()),
                        json.has("pickleBytes" + entry.getKey())
                            ? String.format(
                                Locale.ROOT,
                                "%,d B",
                                json.get("pickleBytes" + entry.getKey()).asLong())
                            : "absent",
                        cell(java.get("save")),
                        pickle == null ? "absent" : cell(pickle.get("save")),
                        cell(java.get("load")),
                        pickle == null ? "absent" : cell(pickle.get("load")),
                        ratio(java, pickle, "save"),
                        ratio(java, pickle, "load")));
              }
            });
    JsonNode threads = json.get("threads");
    out.append(
        String.format(
            Locale.ROOT,
            "%n%d threads saving 4-value objects at once (one store): %,.0f saves/s, p50 %.0f µs,"
                + " p99 %.0f µs.%n",
            threads.get("threads").asInt(),
            threads.get("opsPerSecond").asDouble(),
            threads.get("p50us").asDouble(),
            threads.get("p99us").asDouble()));
    if (json.has("pythonAbsent")) {
      out.append("\npickle + redis-py absent: ")
          .append(json.get("pythonAbsent").asText())
          .append('\n');
    }
    return out.toString();
  }

  private static String cell(JsonNode stats) {
    return String.format(
        Locale.ROOT,
        "%,.0f (%.0f / %.0f)",
        stats.get("opsPerSecond").asDouble(),
        stats.get("p50us").asDouble(),
        stats.get("p99us").asDouble());
  }

  private static String ratio(JsonNode java, JsonNode pickle, String op) {
    if (pickle == null) {
      return "–";
    }
    return String.format(
        Locale.ROOT,
        "%.2f×",
        java.get(op).get("opsPerSecond").asDouble()
            / pickle.get(op).get("opsPerSecond").asDouble());
  }
}
