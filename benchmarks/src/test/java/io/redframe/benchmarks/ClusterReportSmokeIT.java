package io.redframe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster report runs tiny on both topologies (no figures asserted). */
class ClusterReportSmokeIT {
  @Test
  void theClusterReportMeasuresBothTopologies(@TempDir Path dir) throws Exception {
    ClusterReport.main(
        new String[] {"--rows", "50000", "--large-gib", "0.02", "--out", dir.toString()});

    JsonNode json = new ObjectMapper().readTree(dir.resolve("cluster.json").toFile());
    assertThat(json.get("masters").asInt()).isEqualTo(3);
    for (String topology : new String[] {"standalone", "cluster"}) {
      JsonNode node = json.get(topology);
      assertThat(node.get("r1m").get("save_ms").asDouble()).as(topology).isPositive();
      assertThat(node.get("r1m").get("load_ms").asDouble()).as(topology).isPositive();
      assertThat(node.get("large").get("bytes").asLong()).as(topology).isPositive();
    }
    assertThat(json.get("cluster").get("large").get("bytes_per_master")).hasSize(3);
    assertThat(Files.readString(dir.resolve("cluster.md"))).contains("| frame | standalone save |");
  }
}
