package io.redframe.benchmarks;

import io.redframe.FrameStore;
import io.redframe.jobs.JobContext;
import io.redframe.jobs.JobHandler;
import io.redframe.jobs.Worker;
import java.time.Duration;
import java.time.Instant;

/**
 * The worker JVM of {@link JobsReport}, one process as a user would run it.
 *
 * <ul>
 *   <li>{@code process URL CONCURRENCY}: a burst worker drains queue {@code warm} (JIT warm-up),
 *       then another drains queue {@code run}, timed; prints {@code processed=N ms=T}.
 *   <li>{@code serve URL QUEUE LEASE_MS NAME}: a worker that runs until killed, with {@code
 *       bench.stamp} (returns when it started, in Unix microseconds) and {@code bench.hang} (its
 *       first attempt sleeps ten minutes, later ones return at once); prints {@code ready} once it
 *       takes jobs.
 * </ul>
 */
public final class JobsBenchChild {
  private JobsBenchChild() {}

  public static void main(String[] args) throws Exception {
    try (FrameStore store = FrameStore.open(args[1])) {
      if (args[0].equals("process")) {
        int concurrency = Integer.parseInt(args[2]);
        burst(store, "warm", concurrency);
        long start = System.nanoTime();
        long processed = burst(store, "run", concurrency);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("processed=" + processed + " ms=" + ms);
        return;
      }
      Worker worker =
          Worker.builder(store)
              .queues(args[2])
              .lease(Duration.ofMillis(Long.parseLong(args[3])))
              .name(args[4])
              .handler(handler("bench.stamp", JobsBenchChild::stamp))
              .handler(handler("bench.hang", JobsBenchChild::hang))
              .build()
              .start();
      System.out.println("ready");
      System.out.flush();
      worker.run();
    }
  }

  private static long burst(FrameStore store, String queue, int concurrency)
      throws InterruptedException {
    Worker worker =
        Worker.builder(store).queues(queue).concurrency(concurrency).burst(true).build();
    worker.run();
    return worker.processed();
  }

  private static Object stamp(JobContext job) {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  private static Object hang(JobContext job) throws InterruptedException {
    if (job.attempt() == 1) {
      Thread.sleep(Duration.ofMinutes(10).toMillis());
    }
    return null;
  }

  private interface Body {
    Object run(JobContext job) throws Exception;
  }

  private static JobHandler handler(String name, Body body) {
    return new JobHandler() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Object run(JobContext job) throws Exception {
        return body.run(job);
      }
    };
  }
}
