package io.redframe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Each benchmark runs one short iteration, so none can rot unnoticed (no figures asserted). */
class BenchmarksSmokeIT {
  @Test
  void theJmhBenchmarksRunOneShortIterationAndTabulate(@TempDir Path dir) throws Exception {
    Path results = dir.resolve("jmh.json");
    Collection<RunResult> runs =
        new Runner(
                new OptionsBuilder()
                    .include("ArrowCodecBenchmark|TableFormatBenchmark|ArrayFormatBenchmark")
                    .forks(0)
                    .warmupIterations(0)
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(50))
                    .param("rows", "2000")
                    .param("elements", "3000")
                    .param("chunkSize", "65536")
                    .resultFormat(ResultFormatType.JSON)
                    .result(results.toString())
                    .build())
            .run();

    // encode and decode of: 3 shapes x 3 compressions (Arrow roots), 4 shapes x 5 formats
    // (tables), 3 array formats; and Java serialization written (never read back)
    assertThat(runs).hasSize(2 * (9 + 20 + 3) + 1);
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, "# x\n" + JmhTable.BEGIN + "\nold\n" + JmhTable.END + "\n");
    JmhTable.main(new String[] {results.toString(), readme.toString()});
    String table = Files.readString(readme);
    assertThat(table)
        .doesNotContain("old")
        .contains("| r1m | arrow-none |")
        .contains("| numeric | zstd |");
    for (String format :
        List.of(
            "arrow-lz4",
            "arrow-zstd",
            "json-table",
            "csv",
            "raw",
            "json-array",
            "java-serialization")) {
      assertThat(table).contains("| " + format + " |");
    }
  }

  @Test
  void theEndToEndReportRunsAndWritesItsResults(@TempDir Path dir) throws Exception {
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, "# x\n" + Report.BEGIN + Report.END + "\n");
    EndToEndReport.main(
        new String[] {
          "--rows",
          "3000",
          "--large-gib",
          "0.01",
          "--warm-up",
          "0",
          "--out",
          dir.toString(),
          "--readme",
          readme.toString()
        });

    JsonNode json = new ObjectMapper().readTree(dir.resolve("e2e.json").toFile());
    assertThat(json.get("redframe").get("arrow/none").get("bytes").asLong()).isPositive();
    assertThat(json.get("redframe").get("arrow/none").get("first_load_ms").asDouble()).isPositive();
    assertThat(json.get("large").get("rows").asLong()).isPositive();
    JsonNode side = json.get("side_by_side");
    for (String step :
        List.of(
            "raw_write",
            "arrow_save",
            "tablesaw_save",
            "raw_read",
            "arrow_load",
            "tablesaw_load")) {
      assertThat(side.get(step).get("best_ms").asDouble()).as(step).isPositive();
      assertThat(side.get(step).get("median_ms").asDouble())
          .as(step)
          .isGreaterThanOrEqualTo(side.get(step).get("best_ms").asDouble());
      assertThat(side.get(step).get("client_cpu_ms").asDouble()).as(step).isPositive();
      // a 3,000-row read can use less of Redis' CPU than its accounting shows
      assertThat(side.get(step).get("redis_cpu_ms").asDouble()).as(step).isNotNegative();
    }
    assertThat(json.get("python").isObject()).isTrue();
    assertThat(Files.size(dir.resolve("e2e.png"))).isPositive();
    assertThat(Files.readString(readme))
        .contains("| redframe arrow/none |")
        .contains("The first save and load of a fresh JVM")
        .contains("Side by side: the limit")
        .contains("| through Tablesaw |")
        .contains("![end-to-end");
  }

  @Test
  void theSmallObjectsReportRunsBothSidesAndTabulates(@TempDir Path dir) throws Exception {
    SmallObjectsReport.main(
        new String[] {"--rounds", "2", "--scale", "0.002", "--out", dir.toString()});
    JsonNode json = new ObjectMapper().readTree(dir.resolve("small-objects.json").toFile());
    for (String size : List.of("4", "1500", "150000")) {
      JsonNode row = json.get("sizes").get(size);
      assertThat(row.get("java").get("save").get("opsPerSecond").asDouble()).isPositive();
      assertThat(row.get("java").get("load").get("p99us").asDouble()).isPositive();
      assertThat(row.get("cbor").get("save").get("opsPerSecond").asDouble()).isPositive();
      assertThat(row.get("cached").get("load").get("opsPerSecond").asDouble()).isPositive();
      assertThat(row.get("cborBytes").asLong()).isPositive();
      // .ci/run installs python3-redis: the pickle side is there, as the README's figures are
      assertThat(row.get("pickle").get("load").get("opsPerSecond").asDouble()).isPositive();
    }
    assertThat(json.get("threads").get("opsPerSecond").asDouble()).isPositive();
    assertThat(Files.readString(dir.resolve("small-objects.md")))
        .contains("| 4 values |")
        .contains("| 150000 values |")
        .contains("| 150000 values, CBOR |")
        .contains("| 4 values, JSON, cacheSize=64MiB |")
        .contains("8 threads saving");
  }
}
