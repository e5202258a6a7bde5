package io.redframe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL report runs tiny, every path answers alike and is timed (no figures asserted). */
class SqlReportSmokeIT {
  @Test
  void theSqlReportRunsEveryPathAndTheAnswersMatch(@TempDir Path dir) throws Exception {
    SqlReport.main(new String[] {"--rows", "20000", "--rounds", "1", "--out", dir.toString()});

    JsonNode json = new ObjectMapper().readTree(dir.resolve("sql.json").toFile());
    assertThat(json.get("answers_match").asBoolean()).isTrue();
    assertThat(json.get("groups").asInt()).isPositive();
    for (String path : SqlReport.PATHS.keySet()) {
      JsonNode p = json.get("paths").get(path);
      assertThat(p).as(path).isNotNull();
      assertThat(p.get("best_ms").asDouble()).as(path).isPositive();
      assertThat(p.get("median_ms").asDouble()).as(path).isPositive();
      assertThat(p.get("rows_per_s").asDouble()).as(path).isPositive();
    }
    assertThat(json.get("driver_warm_over_pickle_load").asDouble()).isPositive();
    String table = Files.readString(dir.resolve("sql.md"));
    assertThat(table).contains("| path | best ms | median ms | rows/s (best) |");
    SqlReport.PATHS.values().forEach(label -> assertThat(table).contains("| " + label + " |"));
  }
}
