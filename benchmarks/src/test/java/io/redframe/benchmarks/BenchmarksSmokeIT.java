package io.redframe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Each benchmark runs one short iteration, so none can rot unnoticed (no figures asserted). */
class BenchmarksSmokeIT {
  @Test
  void theJmhBenchmarksRunOneShortIteration() throws Exception {
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(ArrowCodecBenchmark.class.getSimpleName())
                    .forks(0)
                    .warmupIterations(0)
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(50))
                    .param("rows", "2000")
                    .param("chunkSize", "65536")
                    .build())
            .run();

    assertThat(results).hasSize(18); // 2 benchmarks x 3 shapes x 3 compressions
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
          "--out",
          dir.toString(),
          "--readme",
          readme.toString()
        });

    JsonNode json = new ObjectMapper().readTree(dir.resolve("e2e.json").toFile());
    assertThat(json.get("redframe").get("arrow/none").get("bytes").asLong()).isPositive();
    assertThat(json.get("large").get("rows").asLong()).isPositive();
    assertThat(json.get("python").isObject()).isTrue();
    assertThat(Files.size(dir.resolve("e2e.png"))).isPositive();
    assertThat(Files.readString(readme))
        .contains("| redframe arrow/none |")
        .contains("![end-to-end");
  }
}
