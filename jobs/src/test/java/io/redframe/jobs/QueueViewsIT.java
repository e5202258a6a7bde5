package io.redframe.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.redframe.FrameStore;
import io.redframe.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read-only views tools use (jobs by status, the longest wait, recent activity, the queues of a
 * store) and the worker's attempt listener, against a real Redis.
 */
class QueueViewsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private FrameStore store;
  private JobQueue queue;

  @BeforeEach
  void open() {
    store = TestRedis.store();
    queue = JobQueue.open(store, "views");
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static List<String> ids(List<Job> jobs) {
    return jobs.stream().map(Job::id).toList();
  }

  @Test
  void waitingJobsListByStatusInTheOrderWorkersTakeThem() {
    String low = queue.enqueue(JobSpec.of("redframe.noop").priority(-1));
    String first = queue.enqueue(JobSpec.of("redframe.noop"));
    String high = queue.enqueue(JobSpec.of("redframe.noop").priority(7));
    String second = queue.enqueue(JobSpec.of("redframe.noop"));
    String later = queue.enqueue(JobSpec.of("redframe.noop").in(Duration.ofHours(2)));
    String soon = queue.enqueue(JobSpec.of("redframe.noop").in(Duration.ofHours(1)));
    String deferred = queue.enqueue(JobSpec.of("redframe.noop").dependsOn(later));

    assertThat(ids(queue.jobs(JobStatus.QUEUED, 10))).containsExactly(high, first, second, low);
    assertThat(ids(queue.jobs(JobStatus.QUEUED, 2))).containsExactly(high, first);
    assertThat(ids(queue.jobs(JobStatus.SCHEDULED, 10))).containsExactly(soon, later);
    assertThat(ids(queue.jobs(JobStatus.DEFERRED, 10))).containsExactly(deferred);
    assertThat(queue.jobs(JobStatus.STARTED, 10)).isEmpty();
    assertThat(queue.jobs(JobStatus.FINISHED, 10)).isEmpty();
    assertThat(ids(queue.jobs(100)))
        .containsExactly(high, first, second, low, soon, later, deferred);
    assertThat(ids(queue.jobs(5))).containsExactly(high, first, second, low, soon);
    assertThat(queue.jobs(0)).isEmpty();
    assertThat(queue.jobs(JobStatus.QUEUED, 10).get(0).handler()).isEqualTo("redframe.noop");
    assertThatThrownBy(() -> queue.jobs(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(JobQueue.names(store)).contains("views");
    assertThat(JobQueue.names(store)).doesNotContain("other");
  }

  @Test
  void theOldestWaitCountsFromEnqueueOrFromTheRunTime() throws Exception {
    assertThat(queue.oldestWait()).isEmpty();
    queue.enqueue(JobSpec.of("redframe.noop").priority(-3));
    TestRedis.await(
        "the first job to wait 400 ms",
        Duration.ofSeconds(10),
        () -> queue.oldestWait().orElseThrow().compareTo(Duration.ofMillis(400)) >= 0);
    queue.enqueue(JobSpec.of("redframe.noop").priority(9)); // taken first, but waited less
    Duration wait = queue.oldestWait().orElseThrow();
    assertThat(wait).isBetween(Duration.ofMillis(400), Duration.ofSeconds(30));

    JobQueue delayed = JobQueue.open(store, "delayed");
    delayed.enqueue(JobSpec.of("redframe.noop").in(Duration.ofSeconds(2)));
    assertThat(delayed.oldestWait()).isEmpty(); // not due yet
    TestRedis.await(
        "the delayed job to have waited 400 ms past its time",
        Duration.ofSeconds(10),
        () ->
            delayed
                .oldestWait()
                .filter(waited -> waited.compareTo(Duration.ofMillis(400)) >= 0)
                .isPresent());
    assertThat(delayed.oldestWait().orElseThrow())
        .isBetween(Duration.ofMillis(400), Duration.ofSeconds(30));
  }

  @Test
  void theWorkerReportsEveryAttemptAndTheActivityCountsThem() throws Exception {
    String echo = queue.enqueue("redframe.echo", Map.of("x", 1));
    String fail =
        queue.enqueue(
            JobSpec.of("redframe.fail")
                .args(Map.of("message", "boom"))
                .retry(Retry.fixed(1))); // retried at once, so within the burst
    CopyOnWriteArrayList<Worker.AttemptEnd> ends = new CopyOnWriteArrayList<>();
    Worker worker;
    try (Worker w =
        Worker.builder(store).queues("views").burst(true).onAttemptEnd(ends::add).build()) {
      worker = w;
      w.run();
    }
    assertThat(queue.await(fail, WAIT).orElseThrow().status()).isEqualTo(JobStatus.FAILED);

    assertThat(ends)
        .extracting(Worker.AttemptEnd::id, Worker.AttemptEnd::attempt, Worker.AttemptEnd::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(echo, 1, JobStatus.FINISHED),
            org.assertj.core.groups.Tuple.tuple(fail, 1, JobStatus.QUEUED),
            org.assertj.core.groups.Tuple.tuple(fail, 2, JobStatus.FAILED));
    assertThat(ends.get(0).handler()).isEqualTo("redframe.echo");
    assertThat(ends.get(0).queue()).isEqualTo("views");
    assertThat(ends.get(0).error()).isEmpty();
    assertThat(ends.get(2).error()).contains("boom");
    assertThat(ends).allMatch(end -> !end.took().isNegative());

    assertThat(ids(queue.jobs(JobStatus.FINISHED, 10))).containsExactly(echo);
    assertThat(ids(queue.jobs(JobStatus.FAILED, 10))).containsExactly(fail);
    assertThat(ids(queue.jobs(10))).containsExactlyInAnyOrder(echo, fail);

    JobQueue.Activity activity = queue.activity(Duration.ofMinutes(1));
    assertThat(activity.finished()).isEqualTo(1);
    assertThat(activity.failed()).isEqualTo(1);
    assertThat(activity.retried()).isEqualTo(1);
    assertThat(activity.workers()).containsExactly(worker.id());
    assertThat(activity.span()).isEqualTo(Duration.ofMinutes(1));
    assertThat(activity.endedPerSecond()).isCloseTo(2 / 60.0, within(1e-9));
    assertThat(JobQueue.open(store, "idle").activity(Duration.ofSeconds(5)).workers()).isEmpty();
    assertThatThrownBy(() -> queue.activity(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTrimmedStreamReportsTheShorterSpanItCovers() {
    List<JobSpec> specs = new java.util.ArrayList<>();
    for (int i = 0; i < QueueViews.EVENTS_KEPT + 500; i++) {
      specs.add(JobSpec.of("redframe.noop"));
    }
    queue.enqueueAll(specs);
    JobQueue.Activity activity = queue.activity(Duration.ofDays(1));
    assertThat(activity.span()).isLessThan(Duration.ofHours(1));
    assertThat(queue.jobs(JobStatus.QUEUED, 20_000)).hasSize(QueueViews.EVENTS_KEPT + 500);
  }
}
