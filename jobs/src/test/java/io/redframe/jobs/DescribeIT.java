package io.redframe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.FrameRef;
import io.redframe.FrameStore;
import io.redframe.Manifest;
import io.redframe.tablesaw.TablesawFrames;
import io.redframe.testing.TestRedis;
import java.time.Duration;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The built-in {@code redframe.describe}: Tablesaw's summary of a frame, as a result frame. */
class DescribeIT {
  private FrameStore store;
  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    store = TestRedis.store();
    allocator = new RootAllocator();
  }

  @AfterEach
  void close() {
    allocator.close();
    store.close();
  }

  @Test
  void describeSummarizesTheInputFrameAsAResultFrame() throws Exception {
    Table input =
        Table.create(
            "prices",
            IntColumn.create("qty", 3, 1, 4, 1, 5),
            DoubleColumn.create("price", 2.5, 1.0, 4.0, Double.NaN, 3.5),
            StringColumn.create("item", "a", "b", "a", "c", "a"));
    TablesawFrames tables = TablesawFrames.of(store, allocator);
    tables.save("prices", input);
    JobQueue queue = JobQueue.open(store, "describe");
    String id = queue.enqueue(JobSpec.of("redframe.describe").frame("input", "prices"));

    Worker worker = Worker.builder(store).queues("describe").burst(true).build();
    assertThat(worker.handlerNames()).contains("redframe.describe");
    worker.run();

    Job job = queue.await(id, Duration.ofSeconds(30)).orElseThrow();
    assertThat(job.status()).as("%s", job).isEqualTo(JobStatus.FINISHED);
    FrameRef result = queue.resultFrame(id).orElseThrow();
    Table summary =
        store.load(
            result, TablesawFrames.decoder(allocator, io.redframe.tablesaw.TableLoadOptions.all()));
    Table expected = input.summary();
    assertThat(summary.columnNames()).isEqualTo(expected.columnNames());
    assertThat(summary.rowCount()).isEqualTo(expected.rowCount()).isPositive();
    assertThat(summary.print()).isEqualTo(expected.print());
    assertThat(summary.columnNames()).contains("qty", "price", "item");

    Manifest manifest = store.manifest(result);
    assertThat(manifest.tags())
        .containsEntry("job.handler", "redframe.describe")
        .containsEntry("job.id", id);
    assertThat(manifest.tags().get("job.inputs")).contains("prices@1");
  }

  @Test
  void describeWithoutAnInputFrameFailsWithoutRetrying() throws Exception {
    JobQueue queue = JobQueue.open(store, "describe-bad");
    String id = queue.enqueue(JobSpec.of("redframe.describe"));
    Worker.builder(store).queues("describe-bad").burst(true).build().run();
    Job job = queue.await(id, Duration.ofSeconds(30)).orElseThrow();
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.error())
        .hasValueSatisfying(e -> assertThat(e).contains("no frame argument 'input'"));
  }
}
