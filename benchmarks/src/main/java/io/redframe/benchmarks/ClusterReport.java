package io.redframe.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redframe.FrameStore;
import io.redframe.benchmarks.EndToEndReport.Timing;
import io.redframe.embedded.RedisProcess;
import io.redframe.tablesaw.TablesawFrames;
import io.redframe.testing.TestCluster;
import io.redframe.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import tech.tablesaw.api.Table;

/**
 * The end-to-end rows on Redis Cluster beside standalone, in one run on one machine: R1M through
 * Tablesaw (Arrow, no compression) on default options, and the large frame from Arrow memory, each
 * against one standalone redis-server and a local cluster of 3 masters (no replicas) started from
 * the same binary; for the large frame, the bytes each master received.
 *
 * <p>Usage: {@code ClusterReport [--rows 1000000] [--large-gib 2.0] [--out DIR]}; writes {@code
 * cluster.json} and {@code cluster.md} there.
 */
public final class ClusterReport {
  private ClusterReport() {}

  public static void main(String[] args) throws Exception {
    int rows = 1_000_000;
    double largeGib = 2.0;
    Path out = Path.of("benchmarks", "results");
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[i + 1]);
        case "--large-gib" -> largeGib = Double.parseDouble(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("Unknown option " + args[i]);
      }
    }
    ObjectNode json = new ObjectMapper().createObjectNode();
    json.put("machine", Usage.machine());
    json.put("jdk", Runtime.version().toString());
    json.put("rows", rows);
    json.put("date", Instant.now().toString());
    Table r1m = Frames.r1m(rows);
    try (RedisProcess server = BenchRedis.start();
        TestCluster cluster = TestCluster.start(3, 0, Duration.ofSeconds(15), List.of());
        BufferAllocator allocator = new RootAllocator(8L << 30)) {
      json.put("redis", server.version());
      json.put("masters", cluster.masters().size());
      String options = "?timeout=120s";
      try (FrameStore standalone = FrameStore.open(server.url() + options);
          FrameStore clustered = FrameStore.open(cluster.url() + options)) {
        measure(json.putObject("standalone"), standalone, r1m, allocator, largeGib, null);
        measure(json.putObject("cluster"), clustered, r1m, allocator, largeGib, cluster);
      }
    }
    Files.createDirectories(out);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve("cluster.json").toFile(), json);
    Files.writeString(out.resolve("cluster.md"), markdown(json), StandardCharsets.UTF_8);
    System.out.print(markdown(json));
  }

  private static void measure(
      ObjectNode node,
      FrameStore store,
      Table r1m,
      BufferAllocator allocator,
      double largeGib,
      TestCluster cluster)
      throws Exception {
    TablesawFrames tables = TablesawFrames.of(store, allocator);
    // each after a warm-up of EndToEndReport.WARM_UP_RUNS runs
    Timing save = EndToEndReport.timed(() -> tables.save("r1m", r1m), 0);
    Timing load = EndToEndReport.timed(() -> tables.load("r1m"), 0);
    EndToEndReport.put(node.putObject("r1m"), save, load)
        .put("bytes", store.manifest("r1m").bytes())
        .put("layout", store.manifest("r1m").layout());
    store.delete("r1m");
    Map<TestServer, Long> before = cluster == null ? null : cluster.usedMemory();
    ObjectNode large = (ObjectNode) EndToEndReport.large(store, allocator, largeGib, true);
    if (cluster != null) {
      ObjectNode perMaster = large.putObject("bytes_per_master");
      Map<TestServer, Long> after = cluster.usedMemory();
      before.forEach(
          (master, used) -> perMaster.put(String.valueOf(master.port()), after.get(master) - used));
    }
    store.delete("large");
    node.set("large", large);
  }

  static String markdown(JsonNode json) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Redis Cluster (%d masters, no replicas) beside one standalone redis-server %s, default"
                + " options; %s, JDK %s, %s. Best of 10 (median), ms.%n%n",
            json.get("masters").asInt(),
            json.get("redis").asText(),
            json.get("machine").asText(),
            json.get("jdk").asText(),
            json.get("date").asText().substring(0, 10)));
    md.append("| frame | standalone save | cluster save | standalone load | cluster load |\n");
    md.append("| --- | ---: | ---: | ---: | ---: |\n");
    JsonNode s = json.get("standalone");
    JsonNode c = json.get("cluster");
    md.append(
        String.format(
            Locale.ROOT,
            "| R1M, Tablesaw, arrow/none (%.0f MB) | %.0f (%.0f) | %.0f (%.0f) | %.0f (%.0f) | %.0f"
                + " (%.0f) |%n",
            s.get("r1m").get("bytes").asDouble() / 1e6,
            s.get("r1m").get("save_ms").asDouble(),
            s.get("r1m").get("save_median_ms").asDouble(),
            c.get("r1m").get("save_ms").asDouble(),
            c.get("r1m").get("save_median_ms").asDouble(),
            s.get("r1m").get("load_ms").asDouble(),
            s.get("r1m").get("load_median_ms").asDouble(),
            c.get("r1m").get("load_ms").asDouble(),
            c.get("r1m").get("load_median_ms").asDouble()));
    md.append(
        String.format(
            Locale.ROOT,
            "| large, from Arrow memory (%.2f GB), one run | %.0f | %.0f | %.0f | %.0f |%n",
            s.get("large").get("bytes").asDouble() / 1e9,
            s.get("large").get("save_ms").asDouble(),
            c.get("large").get("save_ms").asDouble(),
            s.get("large").get("load_ms").asDouble(),
            c.get("large").get("load_ms").asDouble()));
    md.append("\nBytes of the large frame per master (growth of `used_memory`): ");
    List<String> parts = new java.util.ArrayList<>();
    c.get("large")
        .get("bytes_per_master")
        .properties()
        .forEach(
            e ->
                parts.add(
                    String.format(
                        Locale.ROOT, "%s: %.2f GB", e.getKey(), e.getValue().asDouble() / 1e9)));
    md.append(String.join(", ", parts)).append(".\n");
    return md.toString();
  }
}
