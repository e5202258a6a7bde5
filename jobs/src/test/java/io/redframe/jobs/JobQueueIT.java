package io.redframe.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.FrameRef;
import io.redframe.FrameStore;
import io.redframe.Manifest;
import io.redframe.jobs.internal.JobScripts;
import io.redframe.redis.LuaScript;
import io.redframe.testing.TestRedis;
import io.redframe.testing.TokenCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue and its workers against a real Redis: every state a job goes through. */
class JobQueueIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private FrameStore store;
  private JobQueue queue;
  private final List<Worker> workers = new ArrayList<>();

  @BeforeEach
  void open() {
    store = TestRedis.store(b -> b.gracePeriod(Duration.ZERO));
    queue = JobQueue.open(store, "q");
  }

  @AfterEach
  void close() {
    workers.forEach(Worker::close);
    store.close();
  }

  private Worker worker(JobHandler... handlers) {
    Worker.Builder builder = Worker.builder(store).queues("q").lease(Duration.ofMillis(600));
    for (JobHandler handler : handlers) {
      builder.handler(handler);
    }
    Worker worker = builder.build().start();
    workers.add(worker);
    return worker;
  }

  private Job ended(String id) {
    Job job = queue.await(id, WAIT).orElseThrow(() -> new AssertionError("job " + id + " hung"));
    assertThat(job.status().ended()).isTrue();
    return job;
  }

  @Test
  void aJobRunsAndItsResultIsKept() {
    worker();
    String id = queue.enqueue("redframe.echo", Map.of("x", 1, "name", "é"));
    Job job = ended(id);
    assertThat(job.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(job.attempts()).isEqualTo(1);
    assertThat(job.worker()).isPresent();
    assertThat(queue.resultJson(id))
        .hasValueSatisfying(json -> assertThat(json).contains("\"name\":\"é\"", "\"x\":1"));
    Map<?, ?> result = queue.result(id, Map.class).orElseThrow();
    assertThat(result).isEqualTo(Map.of("x", 1, "name", "é"));
  }

  @Test
  void delayedJobsWaitForTheirTime() {
    worker();
    String id = queue.enqueueIn(Duration.ofMillis(700), "redframe.noop", null);
    assertThat(queue.status(id)).contains(JobStatus.SCHEDULED);
    Job job = ended(id);
    assertThat(job.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(Duration.between(job.enqueuedAt(), job.startedAt().orElseThrow()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(650));
  }

  @Test
  void retriesThenFailsAndAPermanentFailureIsNotRetried() {
    worker();
    String retried =
        queue.enqueue(
            JobSpec.of("redframe.fail")
                .args(Map.of("message", "boom"))
                .retry(Retry.fixed(2, Duration.ofMillis(50))));
    Job job = ended(retried);
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.attempts()).isEqualTo(3);
    assertThat(job.error()).contains("boom");

    String permanent =
        queue.enqueue(
            JobSpec.of("redframe.fail")
                .args(Map.of("permanent", true))
                .retry(Retry.exponential(5, Duration.ofMillis(10), Duration.ofMillis(100))));
    assertThat(ended(permanent).attempts()).isEqualTo(1);
  }

  @Test
  void aJobPastItsTimeoutFails() {
    worker();
    String id =
        queue.enqueue(
            JobSpec.of("redframe.sleep")
                .args(Map.of("ms", 60_000))
                .timeout(Duration.ofMillis(300)));
    Job job = ended(id);
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.error()).hasValueSatisfying(e -> assertThat(e).contains("timed out"));
  }

  @Test
  void dependentsWaitAndAreCanceledWhenTheirDependencyFails() {
    String first = queue.enqueue("redframe.sleep", Map.of("ms", 200));
    String second = queue.enqueue(JobSpec.of("redframe.noop").dependsOn(first));
    String failing = queue.enqueue(JobSpec.of("redframe.fail").dependsOn(second));
    String blocked = queue.enqueue(JobSpec.of("redframe.noop").dependsOn(failing));
    String tolerant = queue.enqueue(JobSpec.of("redframe.echo").dependsOn(failing).allowFailure());
    assertThat(queue.status(second)).contains(JobStatus.DEFERRED);
    worker();
    Job done = ended(second);
    assertThat(done.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(done.startedAt().orElseThrow())
        .isAfterOrEqualTo(queue.job(first).orElseThrow().endedAt().orElseThrow());
    assertThat(ended(failing).status()).isEqualTo(JobStatus.FAILED);
    assertThat(ended(blocked).status()).isEqualTo(JobStatus.CANCELED);
    assertThat(queue.job(blocked).orElseThrow().error())
        .hasValueSatisfying(e -> assertThat(e).contains(failing));
    assertThat(ended(tolerant).status()).isEqualTo(JobStatus.FINISHED);
    assertThatThrownBy(() -> queue.enqueue(JobSpec.of("redframe.noop").dependsOn("nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void higherPriorityRunsFirstThenFirstInFirstOut() {
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    JobHandler record =
        BuiltInHandlers.handler(
            "record",
            job -> {
              order.add(job.args(String.class));
              return null;
            });
    List<String> ids = new ArrayList<>();
    ids.add(queue.enqueue(JobSpec.of("record").args("low-1").priority(-5)));
    ids.add(queue.enqueue(JobSpec.of("record").args("mid-1")));
    ids.add(queue.enqueue(JobSpec.of("record").args("high").priority(10)));
    ids.add(queue.enqueue(JobSpec.of("record").args("mid-2")));
    worker(record);
    ids.forEach(this::ended);
    assertThat(order).containsExactly("high", "mid-1", "mid-2", "low-1");
  }

  @Test
  void aGivenIdMakesAJobUniqueAndMemoizedJobsAreJoined() {
    String id = queue.enqueue(JobSpec.of("redframe.sleep").args(Map.of("ms", 100)).id("nightly"));
    assertThat(queue.enqueue(JobSpec.of("redframe.noop").id("nightly"))).isEqualTo("nightly");
    assertThat(queue.job("nightly").orElseThrow().handler()).isEqualTo("redframe.sleep");

    String memo = queue.enqueue(JobSpec.of("redframe.echo").args(Map.of("a", 1, "b", 2)).cached());
    String again = queue.enqueue(JobSpec.of("redframe.echo").args(Map.of("b", 2, "a", 1)).cached());
    String other = queue.enqueue(JobSpec.of("redframe.echo").args(Map.of("a", 2)).cached());
    assertThat(again).isEqualTo(memo);
    assertThat(other).isNotEqualTo(memo);
    worker();
    ended(id);
    ended(memo);
    assertThat(queue.enqueue(JobSpec.of("redframe.echo").args(Map.of("a", 1, "b", 2)).cached()))
        .isEqualTo(memo);
  }

  @Test
  void queuedJobsAreCanceledAndRunningOnesStopped() throws Exception {
    String queued = queue.enqueue("redframe.noop", null);
    assertThat(queue.cancel(queued)).contains(JobStatus.CANCELED);
    assertThat(queue.status(queued)).contains(JobStatus.CANCELED);
    assertThat(queue.cancel("missing")).isEmpty();

    CountDownLatch running = new CountDownLatch(1);
    JobHandler slow =
        BuiltInHandlers.handler(
            "slow",
            job -> {
              if (job.attempt() == 1) {
                running.countDown();
                new CountDownLatch(1).await(60, TimeUnit.SECONDS); // runs until interrupted
              }
              return null;
            });
    worker(slow);
    String id = queue.enqueue("slow", null);
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(queue.cancel(id)).contains(JobStatus.STOPPED);
    assertThat(ended(id).status()).isEqualTo(JobStatus.STOPPED);
    assertThat(queue.requeue(id)).isTrue();
    Job again = ended(id);
    assertThat(again.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(again.attempts()).isEqualTo(2);
    assertThatThrownBy(() -> queue.requeue(id)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void frameArgumentsArePinnedAtEnqueueAndResultsPublishedWithLineage() {
    store.save("input", TokenCodec.encoder("v1", 2, 100));
    CopyOnWriteArrayList<List<String>> seen = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    JobHandler copy =
        BuiltInHandlers.handler(
            "copy",
            job -> {
              List<String> tokens = job.store().load(job.frame("in"), TokenCodec.decoder());
              seen.add(tokens);
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails");
              }
              return JobResult.frame(TokenCodec.encoder(tokens.get(0) + "-out", 1, 10));
            });
    String id =
        queue.enqueue(
            JobSpec.of("copy").frame("in", "input").retry(Retry.fixed(1, Duration.ofMillis(300))));
    FrameRef pinned = queue.job(id).orElseThrow().frames().get("in");
    assertThat(pinned.version()).isEqualTo(1);
    for (int v = 2; v <= 5; v++) {
      store.save("input", TokenCodec.encoder("v" + v, 2, 100)); // grace 0: v1 lives by its pin
    }
    worker(copy);
    Job job = ended(id);
    assertThat(job.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(job.attempts()).isEqualTo(2);
    assertThat(seen).containsExactly(List.of("v1", "v1"), List.of("v1", "v1"));

    FrameRef result = queue.resultFrame(id).orElseThrow();
    assertThat(result.name()).isEqualTo("jobs/q/" + id);
    assertThat(store.load(result, TokenCodec.decoder())).containsExactly("v1-out");
    Manifest manifest = store.manifest(result);
    assertThat(manifest.tags())
        .containsEntry("job.id", id)
        .containsEntry("job.handler", "copy")
        .containsEntry("job.attempt", "2")
        .containsEntry("job.inputs", "{\"in\":\"" + pinned.durable() + "\"}");
    assertThat(store.versions(result.name())).hasSize(1);
  }

  @Test
  void aJobWhoseWorkerDiedIsRunAgainAndOneThatKeepsKillingWorkersFails() {
    // A "worker" that takes jobs and dies at once: it never renews or ends them.
    String id = queue.enqueue("redframe.noop", null);
    List<?> taken = queue.run(JobScripts.TAKE, "test", "dead", "t1", "300");
    assertThat(LuaScript.textAt(taken, 1)).isEqualTo(id);
    worker();
    Job job = ended(id);
    assertThat(job.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(job.attempts()).isEqualTo(2);

    // No live worker on this queue: the test plays the dead worker and the sweeper.
    JobQueue lonely = JobQueue.open(store, "lonely");
    String doomed = lonely.enqueue("redframe.noop", null);
    for (int stall = 1; stall <= 3; stall++) {
      List<?> again = lonely.run(JobScripts.TAKE, "test", "dead", "t" + stall, "50");
      assertThat(LuaScript.textAt(again, 1)).isEqualTo(doomed);
      int outcome = stall == 3 ? 1 : 0; // requeued twice, then failed
      // The sweep finds nothing until the 50 ms lease has lapsed on the server's clock.
      TestRedis.await(
          "the sweep to find the lapsed lease",
          WAIT,
          () -> LuaScript.longAt(lonely.run(JobScripts.SWEEP, "test", "2", "100"), outcome) == 1);
    }
    Job failed = lonely.job(doomed).orElseThrow();
    assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e).contains("lost 3 times"));
  }

  @Test
  void bulkEnqueueAndAMissingHandler() {
    List<JobSpec> specs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      specs.add(JobSpec.of("redframe.noop"));
    }
    List<String> ids = queue.enqueueAll(specs);
    assertThat(ids).hasSize(500).doesNotHaveDuplicates();
    Worker worker = Worker.builder(store).queues("q").concurrency(4).burst(true).build();
    workers.add(worker);
    worker.start();
    ids.forEach(id -> assertThat(ended(id).status()).isEqualTo(JobStatus.FINISHED));

    String missing = queue.enqueue("no.such.handler", null);
    worker();
    Job job = ended(missing);
    assertThat(job.status()).isEqualTo(JobStatus.FAILED);
    assertThat(job.error())
        .hasValueSatisfying(e -> assertThat(e).contains("no handler 'no.such.handler'"));
  }

  /** enqueueAll sends up to {@value JobQueue#ENQUEUE_BATCH} jobs per script call, in order. */
  @Test
  void bulkEnqueueKeepsOrderIdsAndDependenciesAcrossItsScriptCalls() {
    int n = 2 * JobQueue.ENQUEUE_BATCH + 50;
    List<JobSpec> specs = new ArrayList<>();
    List<String> given = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      given.add("job-" + i);
      specs.add(JobSpec.of("redframe.echo").args(Map.of("i", i)).id("job-" + i));
    }
    specs.add(JobSpec.of("redframe.noop").id("job-7")); // the same id again: the existing job
    specs.add(JobSpec.of("redframe.echo").args("last").dependsOn("job-120", "job-" + (n - 1)));
    List<String> ids = queue.enqueueAll(specs);
    assertThat(ids.subList(0, n)).containsExactlyElementsOf(given);
    assertThat(ids.get(n)).isEqualTo("job-7");
    String last = ids.get(n + 1);
    assertThat(queue.status(last)).contains(JobStatus.DEFERRED);
    assertThat(queue.counts().get("queued")).isEqualTo(n);

    Worker worker = Worker.builder(store).queues("q").burst(true).build();
    workers.add(worker);
    worker.start();
    long previous = 0;
    for (int i = 0; i < n; i++) {
      Job job = ended("job-" + i);
      assertThat(job.status()).isEqualTo(JobStatus.FINISHED);
      long started = job.startedAt().orElseThrow().toEpochMilli();
      assertThat(started).as("first in, first out: job-%d", i).isGreaterThanOrEqualTo(previous);
      previous = started;
    }
    assertThat(queue.result("job-7", Map.class)).contains(Map.of("i", 7));
    assertThat(ended(last).status()).isEqualTo(JobStatus.FINISHED);
    assertThat(queue.result(last, String.class)).contains("last");
  }

  /**
   * Short jobs are taken and ended in batches; a job that turns out long holds up neither the ends
   * of the jobs before it nor the jobs taken after it: those go back to the queue, without counting
   * as an attempt, and another worker runs them while the long one still runs.
   */
  @Test
  void aLongJobInABatchHoldsUpNeitherTheEndsBeforeItNorTheJobsAfterIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    JobHandler block =
        BuiltInHandlers.handler(
            "block",
            job -> {
              release.await();
              return "done";
            });
    List<JobSpec> specs = new ArrayList<>();
    for (int i = 0; i < 141; i++) {
      specs.add(JobSpec.of(i == 40 ? "block" : "redframe.noop"));
    }
    List<String> ids = queue.enqueueAll(specs);
    String blocking = ids.get(40);
    try {
      worker(block);
      TestRedis.await(
          "the long job to run alone, every job before it ended",
          WAIT,
          () ->
              queue.status(blocking).orElseThrow() == JobStatus.STARTED
                  && queue.counts().get("started") == 1
                  && ids.subList(0, 40).stream()
                      .allMatch(id -> queue.status(id).orElseThrow() == JobStatus.FINISHED));
      worker(block); // runs the jobs behind the long one
      for (String id : ids.subList(41, 141)) {
        assertThat(ended(id).status()).isEqualTo(JobStatus.FINISHED);
      }
      assertThat(queue.status(blocking)).contains(JobStatus.STARTED);
    } finally {
      release.countDown();
    }
    assertThat(ended(blocking).status()).isEqualTo(JobStatus.FINISHED);
    for (String id : ids) {
      assertThat(queue.job(id).orElseThrow().attempts()).as("attempts of %s", id).isEqualTo(1);
    }
    String events = store.config().prefix() + ":q:{q}:events";
    try (var redis = TestRedis.client()) {
      long released =
          redis.xrange(events, (redis.clients.jedis.StreamEntryID) null, null).stream()
              .filter(e -> "released".equals(e.getFields().get("event")))
              .count();
      System.out.printf("batched jobs: %d handed back behind the long one%n", released);
    }
  }
}
