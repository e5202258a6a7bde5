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
 *   <li>{@code process URL CONCURRENCY WARM JOBS}: a worker (default options but concurrency) runs
 *       the {@code WARM} jobs of queue {@code warm} (JIT warm-up), then another the {@code JOBS}
 *       jobs of queue {@code run}, timed to the last one's end; prints {@code processed=N us=T}.
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
        drain(store, "warm", concurrency, Long.parseLong(args[3]));
        long jobs = Long.parseLong(args[4]);
        long micros = drain(store, "run", concurrency, jobs);
        System.out.println("processed=" + jobs + " us=" + micros);
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

  /**
   * Runs a worker on {@code queue} until it has finished {@code jobs} jobs; microseconds from its
   * start to the last job's end (not until a burst worker would notice the queue is empty: its
   * dispatcher may be waiting on the marker list then).
   */
  private static long drain(FrameStore store, String queue, int concurrency, long jobs)
      throws InterruptedException {
    long start = System.nanoTime();
    Worker worker = Worker.builder(store).queues(queue).concurrency(concurrency).build().start();
    try {
      long seen = 0;
      long progressAt = System.nanoTime();
      for (long done = worker.processed(); done < jobs; done = worker.processed()) {
        if (done != seen) {
          seen = done;
          progressAt = System.nanoTime();
        } else if (System.nanoTime() - progressAt > 60_000_000_000L) {
          throw new IllegalStateException(
              "No job of queue " + queue + " finished in 60 s; " + done + " of " + jobs);
        }
        Thread.sleep(1); // at most a millisecond late, over seconds
      }
      return (System.nanoTime() - start) / 1000;
    } finally {
      worker.close();
    }
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
