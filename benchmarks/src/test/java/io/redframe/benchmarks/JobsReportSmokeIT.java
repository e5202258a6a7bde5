package io.redframe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs report runs at tiny sizes and writes its results (no figures asserted). */
class JobsReportSmokeIT {
  @Test
  void theJobsReportRunsAndWritesItsResults(@TempDir Path dir) throws Exception {
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, "# x\n" + JobsReport.BEGIN + "old\n" + JobsReport.END + "\n");
    JobsReport.main(
        new String[] {
          "--enqueue", "50",
          "--bulk", "2000",
          "--jobs", "300",
          "--pickups", "5",
          "--recoveries", "1",
          "--lease", "1s",
          "--rq-enqueue", "20",
          "--rq-bulk", "1000",
          "--rq-jobs", "30",
          "--rq-fork-jobs", "4",
          "--out", dir.toString(),
          "--readme", readme.toString()
        });

    JsonNode json = new ObjectMapper().readTree(dir.resolve("jobs.json").toFile());
    JsonNode java = json.get("redframe");
    assertThat(java.get("enqueue_one_per_s").asDouble()).isPositive();
    assertThat(java.get("enqueue_bulk_per_s").asDouble()).isPositive();
    assertThat(java.get("processing_per_s").get("1").asDouble()).isPositive();
    assertThat(java.get("processing_per_s").get("8").asDouble()).isPositive();
    assertThat(java.get("pickup").get("n").asInt()).isEqualTo(5);
    assertThat(java.get("recovery").get("runs_ms")).hasSize(1);
    JsonNode rq = json.get("rq");
    assertThat(rq.has("absent") || rq.get("simple_worker").get("finished").asInt() == 30)
        .as("rq ran every job, or says why it is absent: %s", rq)
        .isTrue();
    String table = Files.readString(readme);
    assertThat(table)
        .doesNotContain("old")
        .contains("| measure | redframe jobs | rq | redframe / rq | target |")
        .contains("| enqueue one by one, jobs/s |")
        .contains("| bulk enqueue, jobs/s |")
        .contains("| no-op processing, one worker process, jobs/s |")
        .contains("(default options: concurrency 1)")
        .contains("(concurrency 8)")
        .contains("| pickup by an idle worker (enqueue to start), p50 / p99 ms |")
        .contains("| recovery after `kill -9` of a worker process");
    if (rq.has("absent")) {
      assertThat(table).contains("| absent |");
    } else {
      assertThat(table).contains("(SimpleWorker)").contains("(Worker, a fork per job)");
    }
  }
}
