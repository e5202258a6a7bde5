package io.redframe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.FrameRef;
import io.redframe.FrameStore;
import io.redframe.FrameStoreException;
import io.redframe.Manifest;
import io.redframe.embedded.RedisProcess;
import io.redframe.jobs.Job;
import io.redframe.jobs.JobQueue;
import io.redframe.jobs.JobSpec;
import io.redframe.jobs.JobStatus;
import io.redframe.reliability.JobEvents.Event;
import io.redframe.testing.TestRedis;
import io.redframe.testing.TokenCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * The job queue's delivery guarantee with real worker processes: killed with {@code kill -9} at
 * random points, Redis killed under them (AOF, fsync always), and a worker paused with SIGSTOP past
 * its lease. Every job ends finished, a killed worker's job runs again within two leases, only jobs
 * whose worker died run twice, and a paused worker's late result is refused.
 */
class JobWorkersIT {
  private static final String QUEUE = "rel";
  private static final Duration START = Duration.ofSeconds(90);
  private final List<WorkerProcess> workers = new ArrayList<>();
  private final AtomicInteger started = new AtomicInteger();

  @AfterEach
  void stopWorkers() {
    for (WorkerProcess worker : workers) {
      worker.close();
    }
  }

  /**
   * Slack on top of the guarantee for a loaded 2-core machine: the time a freshly lapsed job waits
   * for a free worker slot and for the taking worker's next poll, and scheduling delays of JVMs
   * that share the cores with the build.
   */
  private static final long MARGIN_MS = 1500;

  /** The sweep period the workers use (Worker: every min(1 s, lease / 2), at least 100 ms). */
  private static long sweepMs(Duration lease) {
    return Math.max(100, Math.min(1000, lease.toMillis() / 2));
  }

  /** The bound asserted on kill (or pause) to re-run: two leases, a sweep period, the margin. */
  private static long rerunLimitMs(Duration lease) {
    return 2 * lease.toMillis() + sweepMs(lease) + MARGIN_MS;
  }

  private WorkerProcess worker(String url, Duration lease, int concurrency, int maxStalls)
      throws Exception {
    WorkerProcess worker =
        WorkerProcess.start(
            url, QUEUE, "w" + started.incrementAndGet(), lease, concurrency, maxStalls);
    workers.add(worker);
    return worker;
  }

  private static String url(String server, String prefix) {
    return server
        + (server.contains("?") ? "&" : "?")
        + "prefix="
        + prefix
        + "&timeout=3s&connectTimeout=1s";
  }

  // ---- kill -9 of workers ----

  /**
   * Three worker processes (concurrency 2, lease 1 s) run jobs that sleep 0-300 ms, and bursts of 0
   * ms jobs, and record each run; one of them is killed with SIGKILL at a random moment every
   * 0.3-1.2 s and replaced, until enough jobs were cut mid-run (12, or 100 with {@code
   * -Dredframe.long=true}). A producer keeps one or two jobs waiting.
   */
  @Test
  void workersKilledAtRandomPointsLoseNoJobAndTheirJobsRunAgainWithinTwoLeases() throws Exception {
    Duration lease = Duration.ofSeconds(1);
    int wanted = Sized.trials(12, 100);
    long seed = System.nanoTime();
    Random random = new Random(seed);
    String prefix = TestRedis.freshPrefix();
    String url = url(TestRedis.url(), prefix);
    Map<String, Long> killedAt = new ConcurrentHashMap<>();
    List<String> ids = new ArrayList<>();
    try (FrameStore store = FrameStore.open(url);
        JobEvents events = JobEvents.follow(TestRedis.client(), prefix, QUEUE)) {
      JobQueue queue = JobQueue.open(store, QUEUE);
      List<WorkerProcess> live = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        live.add(worker(url, lease, 2, 5));
      }
      for (WorkerProcess worker : live) {
        worker.awaitReady(START);
      }
      Producer producer = new Producer(queue, seed);
      producer.start();
      long deadline = System.nanoTime() + Duration.ofMinutes(Sized.trials(3, 25)).toNanos();
      while (cutJobs(events.events(), killedAt.keySet(), handlerRuns(store)) < wanted) {
        assertThat(System.nanoTime()).as("time left for the kills").isLessThan(deadline);
        awaitCondition(
            "two ready workers", START, () -> live.stream().filter(w -> w.isReady()).count() >= 2);
        Thread.sleep(300 + random.nextInt(900));
        List<WorkerProcess> ready = live.stream().filter(WorkerProcess::isReady).toList();
        WorkerProcess victim = ready.get(random.nextInt(ready.size()));
        killedAt.put(victim.name, System.currentTimeMillis());
        victim.kill();
        live.remove(victim);
        live.add(worker(url, lease, 2, 5));
        redis.clients.jedis.StreamEntryID newest = events.newest();
        awaitCondition(
            "the follower past the victim's last events", START, () -> events.seen(newest));
      }
      producer.finish();
      ids.addAll(producer.ids);
      for (String id : ids) {
        Job job = queue.await(id, Duration.ofMinutes(2)).orElseThrow(() -> lost(id, live));
        assertThat(job.status()).as("job %s: %s", id, job).isEqualTo(JobStatus.FINISHED);
      }
      awaitCondition(
          "every finished event", START, () -> count(events.events(), "finished") >= ids.size());
      Outcome outcome = check(queue, ids, events.events(), killedAt, lease, store);
      System.out.printf(
          Locale.ROOT,
          "jobs kill -9 (seed %d): %d jobs, %d worker kills (%d hit a running job), %d jobs cut"
              + " mid-run (%d re-run in all, with jobs taken ahead in a batch), %d re-runs;"
              + " kill to re-run start: p50 %d ms, max %d ms, %d of them within"
              + " two leases (%d ms; asserted limit %d ms = 2 leases + sweep %d ms + margin %d ms);"
              + " kill to back in the queue: p50 %d ms, max %d ms; handler ran twice: %d jobs,"
              + " all on killed workers%n",
          seed,
          ids.size(),
          killedAt.size(),
          outcome.hittingKills,
          outcome.cutJobs,
          outcome.rerunJobs,
          outcome.delays.size(),
          percentile(outcome.delays, 50),
          percentile(outcome.delays, 100),
          outcome.delays.stream().filter(d -> d <= 2 * lease.toMillis()).count(),
          2 * lease.toMillis(),
          rerunLimitMs(lease),
          sweepMs(lease),
          MARGIN_MS,
          percentile(outcome.requeues, 50),
          percentile(outcome.requeues, 100),
          outcome.duplicates);
      assertThat(outcome.cutJobs).isGreaterThanOrEqualTo(wanted);
    }
  }

  /**
   * Keeps one or two jobs waiting (a queue that keeps up: a re-run waits for a free slot, not
   * behind a backlog): jobs of 0-300 ms enqueued one by one, and now and then a burst of ten 0 ms
   * jobs in one enqueueAll, which workers take ahead in batches.
   */
  private static final class Producer extends Thread {
    private final JobQueue queue;
    private final Random random;
    private final AtomicBoolean done = new AtomicBoolean();
    private final List<String> ids = new ArrayList<>();
    private volatile RuntimeException failure;

    Producer(JobQueue queue, long seed) {
      super("job-producer");
      setDaemon(true);
      this.queue = queue;
      this.random = new Random(seed + 1);
    }

    private JobSpec spec() {
      return JobSpec.of("rel.record").args(Map.of("ms", random.nextInt(301)));
    }

    @Override
    public void run() {
      try {
        while (!done.get()) {
          if (queue.counts().get("queued") >= 2 || ids.size() >= 9000) {
            Thread.sleep(10);
          } else if (random.nextInt(4) == 0) {
            // a burst of short jobs: workers take and end those in batches
            List<JobSpec> burst = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
              burst.add(JobSpec.of("rel.record").args(Map.of("ms", 0)));
            }
            ids.addAll(queue.enqueueAll(burst));
          } else {
            ids.add(queue.enqueue(spec()));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        failure = e;
      }
    }

    void finish() throws InterruptedException {
      done.set(true);
      join(30_000);
      if (failure != null) {
        throw failure;
      }
    }
  }

  private static AssertionError lost(String id, List<WorkerProcess> live) {
    StringBuilder out = new StringBuilder("job " + id + " never ended; live workers:\n");
    live.forEach(w -> out.append(w).append(":\n").append(w.output()));
    return new AssertionError(out.toString());
  }

  /** One attempt of a job, from the event stream. */
  private static final class Attempt {
    final String job;
    final int number;
    final String worker;
    final long startMs;
    String outcome; // finished, failed, retrying, stopped; null while running or once lost
    long stalledMs = -1;
    long nextStartMs = -1;

    Attempt(String job, int number, String worker, long startMs) {
      this.job = job;
      this.number = number;
      this.worker = worker;
      this.startMs = startMs;
    }
  }

  /** The attempts of every job, in order, from its events. */
  private static Map<String, List<Attempt>> attempts(List<Event> events) {
    Map<String, List<Attempt>> jobs = new LinkedHashMap<>();
    for (Event event : events) {
      List<Attempt> attempts = jobs.computeIfAbsent(event.job(), j -> new ArrayList<>());
      Attempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
      switch (event.kind()) {
        case "started" -> {
          if (last != null && last.outcome == null) {
            last.nextStartMs = event.ms();
          }
          attempts.add(new Attempt(event.job(), attempts.size() + 1, event.detail(), event.ms()));
        }
        case "stalled" -> last.stalledMs = event.ms();
        case "released" -> attempts.remove(attempts.size() - 1); // taken, never started
        case "finished", "failed", "retrying", "stopped" -> last.outcome = event.kind();
        default -> {
          // queued, scheduled...: not an attempt
        }
      }
    }
    return jobs;
  }

  /**
   * Jobs with an attempt on a killed worker that did not end there, and whose handler had started
   * ({@code ran}: "job attempt worker" of every recorded run). A job a worker had only taken (the
   * batch of short jobs it took ahead) is re-run as well, but does not count as cut mid-run.
   */
  private static long cutJobs(List<Event> events, Collection<String> killed, Set<String> ran) {
    return attempts(events).values().stream()
        .filter(
            attempts ->
                attempts.stream()
                    .anyMatch(
                        a ->
                            a.outcome == null
                                && killed.contains(a.worker)
                                && ran.contains(a.job + " " + a.number + " " + a.worker)))
        .count();
  }

  /** "job attempt worker" of every handler run the workers recorded. */
  private static Set<String> handlerRuns(FrameStore store) {
    Set<String> ran = new HashSet<>();
    for (String run : runs(store, JobWorkerChild.RUNS)) {
      String[] parts = run.split(" ", -1);
      ran.add(parts[0] + " " + parts[1] + " " + parts[2]);
    }
    return ran;
  }

  /**
   * What the run saw: kill to re-run and kill to requeued delays, jobs re-run after a kill, of
   * those the ones whose handler was running, kills that hit a job, jobs whose handler ran twice.
   */
  private record Outcome(
      List<Long> delays,
      List<Long> requeues,
      long rerunJobs,
      long cutJobs,
      long hittingKills,
      long duplicates) {}

  /**
   * Checks every job against its events and its recorded runs: each attempt that did not end was on
   * a killed worker and ran again within two leases of the kill; every run but the last was on a
   * killed worker; the result is the last attempt's.
   */
  private static Outcome check(
      JobQueue queue,
      List<String> ids,
      List<Event> events,
      Map<String, Long> killedAt,
      Duration lease,
      FrameStore store) {
    Map<String, List<Attempt>> attempts = attempts(events);
    List<Long> delays = new ArrayList<>();
    List<Long> requeues = new ArrayList<>();
    java.util.Set<String> hitting = new java.util.HashSet<>();
    long cut = 0;
    for (String id : ids) {
      Job job = queue.job(id).orElseThrow();
      List<Attempt> mine = attempts.getOrDefault(id, List.of());
      assertThat(mine).as("attempts of %s in the events", id).hasSize(job.attempts());
      Attempt last = mine.get(mine.size() - 1);
      assertThat(last.outcome).as("the last attempt of %s", id).isEqualTo("finished");
      assertThat(job.worker()).contains(last.worker);
      assertThat(mine.stream().filter(a -> "finished".equals(a.outcome))).hasSize(1);
      for (Attempt lostAttempt : mine.subList(0, mine.size() - 1)) {
        assertThat(lostAttempt.outcome).as("attempt %d of %s", lostAttempt.number, id).isNull();
        Long kill = killedAt.get(lostAttempt.worker);
        assertThat(kill)
            .as(
                "job %s lost attempt %d on %s, which was not killed",
                id, lostAttempt.number, lostAttempt.worker)
            .isNotNull();
        assertThat(lostAttempt.startMs).isLessThanOrEqualTo(kill + 50);
        long delay = lostAttempt.nextStartMs - kill;
        assertThat(delay)
            .as(
                "kill to re-run of %s (attempt %d on %s)",
                id, lostAttempt.number, lostAttempt.worker)
            .isBetween(0L, rerunLimitMs(lease));
        delays.add(delay);
        requeues.add(lostAttempt.stalledMs - kill);
        hitting.add(lostAttempt.worker);
      }
      cut += mine.size() > 1 ? 1 : 0;
      Map<?, ?> result = queue.result(id, Map.class).orElseThrow();
      assertThat(result.get("attempt")).as("the result of %s", id).isEqualTo(job.attempts());
      assertThat(result.get("worker")).isEqualTo(last.worker);
    }
    long duplicates = checkRuns(store, attempts, killedAt);
    long midRun = cutJobs(events, killedAt.keySet(), handlerRuns(store));
    return new Outcome(delays, requeues, cut, midRun, hitting.size(), duplicates);
  }

  /**
   * Every handler run the workers recorded: at most one per attempt, and every run but the
   * finishing one on a killed worker. Returns the jobs whose handler ran more than once.
   */
  private static long checkRuns(
      FrameStore store, Map<String, List<Attempt>> attempts, Map<String, Long> killedAt) {
    List<String> runs = runs(store, JobWorkerChild.RUNS);
    Map<String, Integer> perJob = new HashMap<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String run : runs) {
      String[] parts = run.split(" ", -1);
      String job = parts[0];
      int attempt = Integer.parseInt(parts[1]);
      assertThat(seen.add(job + " " + attempt)).as("attempt run twice: %s", run).isTrue();
      List<Attempt> mine = attempts.get(job);
      if (attempt != mine.size()) {
        assertThat(killedAt)
            .as("a run of %s that did not finish: %s", job, run)
            .containsKey(parts[2]);
      }
      perJob.merge(job, 1, Integer::sum);
    }
    return perJob.values().stream().filter(n -> n > 1).count();
  }

  private static List<String> runs(FrameStore store, String list) {
    String key = store.config().prefix() + ":" + list;
    return store.redis().call("reading the runs", jedis -> jedis.lrange(key, 0, -1));
  }

  private static long count(List<Event> events, String kind) {
    return events.stream().filter(e -> e.kind().equals(kind)).count();
  }

  private static long percentile(List<Long> values, int percentile) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }

  private static void awaitCondition(String what, Duration timeout, BooleanSupplier condition) {
    TestRedis.await(what, timeout, condition);
  }

  // ---- kill -9 of Redis ----

  /**
   * Redis with AOF ({@code appendfsync always}) killed with SIGKILL while a producer enqueues (one
   * by one and in batches) and two worker processes run jobs, then restarted on the same folder and
   * port: every enqueue that was acknowledged is there after the restart, the workers reconnect by
   * themselves, and every acknowledged job ends finished.
   */
  @Test
  void redisKilledWithAofKeepsEveryAcknowledgedJobAndWorkersCarryOn() throws Exception {
    List<String> config = List.of("appendonly yes", "appendfsync always");
    RedisProcess server = RedisProcess.builder().config(config).start();
    Path dir = server.directory();
    int port = server.port();
    String url = url("redis://127.0.0.1:" + port, "jobs");
    Random random = new Random();
    Duration lease = Duration.ofSeconds(2);
    int kills = Sized.trials(2, 8);
    ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
    AtomicInteger refused = new AtomicInteger();
    AtomicBoolean done = new AtomicBoolean();
    try (FrameStore store = FrameStore.open(url)) {
      JobQueue queue = JobQueue.open(store, QUEUE);
      List<WorkerProcess> pair = List.of(worker(url, lease, 2, 5), worker(url, lease, 2, 5));
      for (WorkerProcess worker : pair) {
        worker.awaitReady(START);
      }
      Thread producer =
          new Thread(
              () -> {
                for (int i = 0; !done.get(); i++) {
                  try {
                    if (acked.size() >= 8000 || queue.counts().get("queued") >= 100) {
                      // a queue that keeps up, and fewer ended jobs than the queue keeps (10,000)
                      sleepQuietly(20);
                    } else if (i % 10 == 0) {
                      List<JobSpec> batch = new ArrayList<>();
                      for (int b = 0; b < 20; b++) {
                        batch.add(JobSpec.of("rel.record").args(Map.of("ms", random.nextInt(20))));
                      }
                      acked.addAll(queue.enqueueAll(batch));
                    } else {
                      acked.add(
                          queue.enqueue(
                              JobSpec.of("rel.record").args(Map.of("ms", random.nextInt(50)))));
                    }
                  } catch (FrameStoreException e) {
                    refused.incrementAndGet(); // not acknowledged: Redis is down
                    sleepQuietly(50);
                  }
                }
              },
              "aof-producer");
      producer.start();
      for (int kill = 0; kill < kills; kill++) {
        Thread.sleep(1000 + random.nextInt(1000));
        List<String> before = new ArrayList<>(acked);
        server.kill();
        Thread.sleep(300 + random.nextInt(1000));
        server = RedisProcess.builder().directory(dir).port(port).config(config).start();
        for (String id : before) {
          assertThat(queue.job(id))
              .as("acknowledged job %s after restart %d", id, kill + 1)
              .isPresent();
        }
      }
      Thread.sleep(1000);
      done.set(true);
      producer.join(30_000);
      for (String id : acked) {
        Job job = queue.await(id, Duration.ofMinutes(2)).orElseThrow(() -> lost(id, pair));
        assertThat(job.status()).as("job %s: %s", id, job).isEqualTo(JobStatus.FINISHED);
      }
      for (WorkerProcess worker : pair) {
        assertThat(worker.isAlive())
            .as("%s after the restarts:\n%s", worker, worker.output())
            .isTrue();
      }
      List<String> runs = runs(store, JobWorkerChild.RUNS);
      Map<String, Integer> perJob = new HashMap<>();
      runs.forEach(run -> perJob.merge(run.split(" ", -1)[0], 1, Integer::sum));
      System.out.printf(
          Locale.ROOT,
          "jobs Redis kill -9 (AOF, fsync always): %d kills, %d acknowledged jobs all finished,"
              + " %d enqueues refused while Redis was down, handler ran twice: %d jobs%n",
          kills,
          acked.size(),
          refused.get(),
          perJob.values().stream().filter(n -> n > 1).count());
      assertThat(acked).hasSizeGreaterThan(20);
    } finally {
      done.set(true);
      server.close();
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- SIGSTOP ----

  /**
   * Workers paused with SIGSTOP while a job's first attempt runs (lease 1 s), several times: each
   * time the other worker runs the job again and publishes its result frame; the paused worker is
   * continued (SIGCONT) once its handler's own sleep is over, so its handler returns a frame at
   * once, and that late result is refused: the job, its result and its frame stay the other
   * attempt's. Which of the three fences stopped it (the worker's next lease renewal, the result
   * frame's fence, or the finish script's token check) is a race after SIGCONT; each trial says
   * which, and the run prints the counts.
   */
  @Test
  void workersPausedPastTheirLeaseLoseTheirJobsAndTheirLateResultsAreRefused() throws Exception {
    Duration lease = Duration.ofSeconds(1);
    int trials = Sized.trials(3, 12);
    String prefix = TestRedis.freshPrefix();
    String url = url(TestRedis.url(), prefix);
    Map<String, Integer> refusedBy = new java.util.TreeMap<>();
    List<Long> reruns = new ArrayList<>();
    try (FrameStore store = FrameStore.open(url);
        UnifiedJedis redis = TestRedis.client();
        JobEvents events = JobEvents.follow(TestRedis.client(), prefix, QUEUE)) {
      JobQueue queue = JobQueue.open(store, QUEUE);
      WorkerProcess a = worker(url, lease, 2, 5);
      WorkerProcess b = worker(url, lease, 2, 5);
      a.awaitReady(START);
      b.awaitReady(START);
      for (int trial = 0; trial < trials; trial++) {
        boolean frame = trial % 2 == 0; // a frame result, or a JSON value (only the finish fence)
        Paused paused = pauseDuringAJob(queue, redis, prefix, lease, a, b, frame);
        reruns.add(paused.rerunMs);
        checkTheLateAttemptWasRefused(queue, store, redis, events, prefix, lease, paused);
        refusedBy.merge(paused.refusedBy(), 1, Integer::sum);
      }

      // both continued workers go on working
      Map<String, Integer> finishers = new HashMap<>();
      for (int round = 0; round < 5 && finishers.size() < 2; round++) {
        List<String> more = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          more.add(queue.enqueue(JobSpec.of("rel.record").args(Map.of("ms", 200))));
        }
        for (String job : more) {
          Job ended =
              queue.await(job, Duration.ofSeconds(60)).orElseThrow(() -> lost(job, workers));
          assertThat(ended.status()).isEqualTo(JobStatus.FINISHED);
          finishers.merge(ended.worker().orElseThrow(), 1, Integer::sum);
        }
      }
      assertThat(finishers)
          .as("workers that ran jobs after their pauses")
          .containsKeys(a.name, b.name);
      System.out.printf(
          Locale.ROOT,
          "jobs SIGSTOP: %d pauses past a %d ms lease; pause to re-run by the other worker: p50 %d"
              + " ms, max %d ms (asserted limit %d ms); every late attempt refused, by: %s; the"
              + " continued workers ran %s%n",
          trials,
          lease.toMillis(),
          percentile(reruns, 50),
          percentile(reruns, 100),
          rerunLimitMs(lease),
          refusedBy,
          finishers);
    }
  }

  /** A trial: the job, the paused worker, the other one, the re-run's result. */
  private record Paused(
      String id,
      WorkerProcess holder,
      WorkerProcess other,
      Job done,
      Optional<FrameRef> result,
      long rerunMs) {
    /** Which fence stopped the late attempt, from the paused worker's log. */
    String refusedBy() {
      String out = holder.output();
      if (out.contains("result frame of job " + id + " attempt 1 was fenced out")) {
        return "result frame fence";
      }
      if (out.contains("end of job " + id + " attempt 1 was refused")) {
        return "finish script token";
      }
      if (out.contains("lost the lease of job " + id)) {
        return "lease renewal";
      }
      throw new AssertionError(
          "no refusal of job " + id + " in the log of " + holder + ":\n" + out);
    }
  }

  /**
   * Enqueues a job (with a frame result or a JSON one) whose first attempt sleeps three leases
   * ignoring interrupts, pauses the worker that runs it, waits for the other worker to run it again
   * and finish it, then keeps the paused worker stopped until its handler's sleep is over and
   * continues it.
   */
  private Paused pauseDuringAJob(
      JobQueue queue,
      UnifiedJedis redis,
      String prefix,
      Duration lease,
      WorkerProcess a,
      WorkerProcess b,
      boolean frame)
      throws Exception {
    long firstMs = 3 * lease.toMillis();
    String id =
        queue.enqueue(JobSpec.of("rel.frame").args(Map.of("firstMs", firstMs, "frame", frame)));
    String runs = prefix + ":" + JobWorkerChild.RUNS;
    awaitCondition(
        "the first attempt of " + id + " to run",
        START,
        () -> redis.lrange(runs, 0, -1).stream().anyMatch(r -> r.startsWith(id + " 1 ")));
    long pausedAt = System.currentTimeMillis();
    String holderName = queue.job(id).orElseThrow().worker().orElseThrow();
    WorkerProcess holder = holderName.equals(a.name) ? a : b;
    WorkerProcess other = holder == a ? b : a;
    holder.pause();
    Job done;
    try {
      done = queue.await(id, Duration.ofSeconds(60)).orElseThrow(() -> lost(id, workers));
      long firstStarted =
          redis.lrange(runs, 0, -1).stream()
              .filter(r -> r.startsWith(id + " 1 "))
              .mapToLong(r -> Long.parseLong(r.substring(r.lastIndexOf(' ') + 1)))
              .findFirst()
              .orElseThrow();
      long wake = firstStarted + firstMs + 100 - System.currentTimeMillis();
      if (wake > 0) {
        Thread.sleep(wake); // continued after its handler's deadline, it returns at once
      }
    } finally {
      holder.resume();
    }
    assertThat(done.status()).as("job %s: %s", id, done).isEqualTo(JobStatus.FINISHED);
    assertThat(done.attempts()).isEqualTo(2);
    assertThat(done.worker()).contains(other.name);
    long rerun = done.startedAt().orElseThrow().toEpochMilli() - pausedAt;
    assertThat(rerun).as("pause to re-run of %s", id).isBetween(0L, rerunLimitMs(lease));
    return new Paused(id, holder, other, done, queue.resultFrame(id), rerun);
  }

  /**
   * Once the paused attempt's handler has returned: the job, its result and its result frame are
   * still the re-run's, and it ended once.
   */
  private static void checkTheLateAttemptWasRefused(
      JobQueue queue,
      FrameStore store,
      UnifiedJedis redis,
      JobEvents events,
      String prefix,
      Duration lease,
      Paused paused)
      throws InterruptedException {
    String id = paused.id();
    String ends = prefix + ":" + JobWorkerChild.ENDS;
    awaitCondition(
        "the paused attempt of " + id + " to reach its end",
        START,
        () ->
            redis.lrange(ends, 0, -1).stream()
                .anyMatch(r -> r.startsWith(id + " 1 " + paused.holder().name + " ")));
    Thread.sleep(2 * lease.toMillis()); // time for the late finish to reach Redis, were it let
    Job after = queue.job(id).orElseThrow();
    assertThat(after.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(after.attempts()).isEqualTo(2);
    assertThat(after.worker()).contains(paused.other().name);
    assertThat(after.endedAt()).isEqualTo(paused.done().endedAt());
    if (paused.result().isPresent()) {
      FrameRef result = paused.result().get();
      assertThat(queue.resultFrame(id)).contains(result);
      assertThat(store.versions(result.name())).as("versions of the result frame").hasSize(1);
      Manifest manifest = store.manifest(result);
      assertThat(manifest.tags())
          .containsEntry("job.attempt", "2")
          .containsEntry("job.worker", paused.other().name);
      assertThat(store.load(result, TokenCodec.decoder()))
          .containsExactly(paused.other().name + "#2");
    } else {
      Map<?, ?> result = queue.result(id, Map.class).orElseThrow();
      assertThat(result.get("attempt")).as("the result of %s", id).isEqualTo(2);
      assertThat(result.get("worker")).isEqualTo(paused.other().name);
    }
    assertThat(
            events.events().stream().filter(e -> e.job().equals(id) && e.kind().equals("finished")))
        .hasSize(1);
  }
}
