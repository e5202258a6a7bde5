package io.redframe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scaling report runs tiny: every sweep has its rows (no figures asserted). */
class ScalingReportSmokeIT {
  @Test
  void theScalingReportSweepsSizesColumnsAndReaders(@TempDir Path dir) throws Exception {
    ScalingReport.main(
        new String[] {
          "--max-gib",
          "0.002",
          "--rounds",
          "1",
          "--grace-saves",
          "2",
          "--publishes",
          "100",
          "--out",
          dir.toString()
        });

    JsonNode json = new ObjectMapper().readTree(dir.resolve("scaling.json").toFile());
    assertThat(json.get("sizes")).hasSize(4); // 10 KB, 100 KB, 1 MB, 2 MiB
    for (JsonNode size : json.get("sizes")) {
      assertThat(size.get("bytes").asLong()).isPositive();
      assertThat(size.get("load_ms").asDouble()).isPositive();
      assertThat(size.get("client_cpu_ms_save").asLong()).isNotNegative();
      assertThat(size.get("redis_cpu_ms_load").asLong()).isNotNegative();
      assertThat(size.get("redis_faults_save").asLong()).isNotNegative();
    }
    assertThat(json.get("raw_largest").get("bytes").asLong()).isPositive();
    assertThat(json.get("columns"))
        .extracting(c -> c.get("columns").asInt())
        .containsExactly(1, 10, 100, 1000);
    assertThat(json.get("readers"))
        .extracting(r -> r.get("threads").asInt())
        .containsExactly(1, 4, 8);
    assertThat(json.get("grace"))
        .extracting(g -> g.get("grace").asText())
        .containsExactly("gracePeriod=0s", "defaults", "graceBytes=1048576GiB");
    assertThat(json.get("publish_with_versions")).hasSize(10);
    assertThat(Files.readString(dir.resolve("scaling.md")))
        .contains("| readers at once |")
        .contains("| client CPU ms (save / load) | Redis CPU ms (save / load) |")
        .contains("| defaults |");
  }
}
