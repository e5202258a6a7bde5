package io.redframe.reliability;

import io.redframe.FrameStore;
import io.redframe.jobs.JobContext;
import io.redframe.jobs.JobHandler;
import io.redframe.jobs.JobResult;
import io.redframe.jobs.Worker;
import io.redframe.testing.TokenCodec;
import java.time.Duration;
import java.util.Map;

/**
 * A worker process for {@link JobWorkersIT}: {@code URL QUEUE NAME LEASE_MS CONCURRENCY MAX_STALLS}
 * runs a {@link Worker} until it is killed, and prints {@code ready NAME} once it takes jobs. Its
 * handlers record every run in Redis, so the test can count attempts and duplicates whatever
 * happens to the process:
 *
 * <ul>
 *   <li>{@code rel.record} pushes {@code "<job> <attempt> <worker> <ms>"} to {@link #RUNS} when it
 *       starts, sleeps {@code ms} (interrupts end it, as a lost lease does), pushes the same line
 *       to {@link #ENDS} and returns {@code {"attempt": a, "worker": w}}.
 *   <li>{@code rel.frame} does the same but its first attempt sleeps {@code firstMs} ignoring
 *       interrupts (a handler that does not notice it lost its lease), and it returns a frame (or,
 *       with {@code "frame": false}, the same value as {@code rel.record}).
 * </ul>
 */
public final class JobWorkerChild {
  /** The list (under the store's prefix) of handler runs as they start. */
  static final String RUNS = "rel:runs";

  /** The list of handler runs as they end (before the worker finishes the attempt). */
  static final String ENDS = "rel:ends";

  private JobWorkerChild() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String queue = args[1];
    String name = args[2];
    try (FrameStore store = FrameStore.open(url)) {
      Worker worker =
          Worker.builder(store)
              .queues(queue)
              .name(name)
              .lease(Duration.ofMillis(Long.parseLong(args[3])))
              .concurrency(Integer.parseInt(args[4]))
              .maxStalls(Integer.parseInt(args[5]))
              .handler(handler("rel.record", false))
              .handler(handler("rel.frame", true))
              .build()
              .start();
      System.out.println("ready " + name);
      System.out.flush();
      worker.run();
      System.out.println("stopped " + name);
    }
  }

  private static JobHandler handler(String handlerName, boolean frame) {
    return new JobHandler() {
      @Override
      public String name() {
        return handlerName;
      }

      @Override
      public Object run(JobContext job) throws Exception {
        Map<?, ?> args = job.args(Map.class);
        String line = job.id() + " " + job.attempt() + " " + job.worker();
        record(job, RUNS, line + " " + System.currentTimeMillis());
        if (frame) {
          long ms = job.attempt() == 1 ? number(args, "firstMs") : 0;
          sleepIgnoringInterrupts(ms);
        } else {
          Thread.sleep(number(args, "ms"));
        }
        record(job, ENDS, line + " " + System.currentTimeMillis());
        if (frame && !Boolean.FALSE.equals(args.get("frame"))) {
          return JobResult.frame(TokenCodec.encoder(job.worker() + "#" + job.attempt(), 1, 64));
        }
        return Map.of("attempt", job.attempt(), "worker", job.worker());
      }
    };
  }

  private static void record(JobContext job, String list, String line) {
    String key = job.store().config().prefix() + ":" + list;
    job.store().redis().call("recording a run", jedis -> jedis.rpush(key, line));
  }

  private static long number(Map<?, ?> args, String key) {
    return args != null && args.get(key) instanceof Number n ? n.longValue() : 0;
  }

  private static void sleepIgnoringInterrupts(long ms) {
    long deadline = System.currentTimeMillis() + ms;
    for (long left = ms; left > 0; left = deadline - System.currentTimeMillis()) {
      try {
        Thread.sleep(left);
      } catch (InterruptedException e) {
        // this handler does not notice it lost its lease
      }
    }
  }
}
