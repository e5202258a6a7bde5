package io.redframe.jobs;

import io.redframe.FrameStore;
import io.redframe.jobs.internal.QueueKeys;
import io.redframe.redis.LuaScript;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.ZRangeParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.Tuple;

/**
 * Read-only views of a queue for people and tools (the CLI's {@code jobs ls} and {@code jobs
 * stats}): jobs by status, the longest wait, recent activity from the event stream, the queues of a
 * store. Nothing here changes a key.
 */
final class QueueViews {
  /** lib.lua's EVENTS_KEPT: the stream is trimmed to about this many events. */
  static final int EVENTS_KEPT = 10_000;

  /** The width of one priority band in the ready set's scores (lib.lua's make_ready). */
  private static final double BAND = 1e12;

  /** Priority bands visited at most to find the longest-waiting ready job. */
  private static final int MAX_BANDS = 2001;

  private static final int PAGE = 500;

  /** QueueKeys.checkName's rule, to skip keys that are not a queue's. */
  private static final String QUEUE_NAME = "[A-Za-z0-9._-]{1,100}";

  private QueueViews() {}

  // ---- jobs by status ----

  static List<Job> jobs(JobQueue queue, Set<JobStatus> statuses, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0: " + limit);
    }
    List<Job> out = new ArrayList<>();
    EnumSet<JobStatus> ended = EnumSet.noneOf(JobStatus.class);
    for (JobStatus status : JobStatus.values()) {
      if (!statuses.contains(status)) {
        continue;
      }
      if (status.ended()) {
        ended.add(status); // all ended statuses share one set: read it once, below
      } else if (out.size() < limit) {
        List<String> ids = waitingIds(queue, status, limit - out.size());
        out.addAll(keep(read(queue, ids), EnumSet.of(status)));
      }
    }
    if (!ended.isEmpty() && out.size() < limit) {
      out.addAll(ended(queue, ended, limit - out.size()));
    }
    return out;
  }

  private static List<String> waitingIds(JobQueue queue, JobStatus status, int limit) {
    if (limit == 0) {
      return List.of();
    }
    QueueKeys keys = queue.keys();
    return queue
        .store()
        .redis()
        .call(
            "listing the " + status.text() + " jobs of queue '" + queue.name() + "'",
            jedis ->
                switch (status) {
                  case QUEUED -> text(jedis.zrange(keys.key("ready"), 0, limit - 1L));
                  case SCHEDULED -> text(jedis.zrange(keys.key("scheduled"), 0, limit - 1L));
                  case STARTED -> text(jedis.zrange(keys.key("active"), 0, limit - 1L));
                  case DEFERRED -> deferredIds(jedis, keys.key("pending"), limit);
                  default -> List.of();
                });
  }

  private static List<String> deferredIds(UnifiedJedis jedis, byte[] key, int limit) {
    List<String> ids = new ArrayList<>();
    byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
    do {
      // HSCAN (not NOVALUES, which needs Redis 7.4): the values are small counters.
      ScanResult<java.util.Map.Entry<byte[], byte[]>> page =
          jedis.hscan(key, cursor, new ScanParams().count(PAGE));
      for (var entry : page.getResult()) {
        if (ids.size() < limit) {
          ids.add(new String(entry.getKey(), StandardCharsets.UTF_8));
        }
      }
      cursor = page.getCursorAsBytes();
    } while (ids.size() < limit && !Arrays.equals(cursor, ScanParams.SCAN_POINTER_START_BINARY));
    return ids;
  }

  /** Ended jobs, latest to be removed first (with equal TTLs: the most recently ended first). */
  private static List<Job> ended(JobQueue queue, Set<JobStatus> statuses, int limit) {
    List<Job> out = new ArrayList<>();
    for (long from = 0; out.size() < limit; from += PAGE) {
      long start = from;
      List<String> ids =
          queue
              .store()
              .redis()
              .call(
                  "listing the ended jobs of queue '" + queue.name() + "'",
                  jedis ->
                      text(
                          jedis.zrange(
                              queue.keys().key("done"),
                              ZRangeParams.zrangeParams(start, start + PAGE - 1).rev())));
      for (Job job : keep(read(queue, ids), statuses)) {
        if (out.size() < limit) {
          out.add(job);
        }
      }
      if (ids.size() < PAGE) {
        break;
      }
    }
    return out;
  }

  private static List<Job> keep(List<Job> jobs, Set<JobStatus> statuses) {
    return jobs.stream().filter(job -> statuses.contains(job.status())).toList();
  }

  /** The jobs of {@code ids} the queue still holds, in order, read in one round trip. */
  static List<Job> read(JobQueue queue, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    QueueKeys keys = queue.keys();
    byte[][] fields = ids.stream().map(LuaScript::bytes).toArray(byte[][]::new);
    List<List<byte[]>> both =
        queue
            .store()
            .redis()
            .call(
                "reading " + ids.size() + " jobs of queue '" + queue.name() + "'",
                jedis -> {
                  try (AbstractPipeline pipeline = jedis.pipelined()) {
                    Response<List<byte[]>> specs = pipeline.hmget(keys.key("spec"), fields);
                    Response<List<byte[]>> states = pipeline.hmget(keys.key("state"), fields);
                    pipeline.sync();
                    return List.of(specs.get(), states.get());
                  }
                });
    List<Job> jobs = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      byte[] spec = both.get(0).get(i);
      byte[] state = both.get(1).get(i);
      if (spec != null && state != null) {
        jobs.add(
            JobRecords.job(
                ids.get(i),
                new String(spec, StandardCharsets.UTF_8),
                new String(state, StandardCharsets.UTF_8)));
      }
    }
    return jobs;
  }

  // ---- the longest wait ----

  /**
   * How long the longest-waiting ready job has waited: since it was enqueued or its run time came
   * (a delay, a retry's backoff), whichever is later; a job due but not yet moved to the ready set
   * counts from its run time.
   */
  static Optional<Duration> oldestWait(JobQueue queue) {
    long now = queue.serverNow().toEpochMilli();
    List<String> heads = bandHeads(queue);
    long oldest = Long.MAX_VALUE;
    for (String state : states(queue, heads)) {
      if (state != null) {
        var json = io.redframe.jobs.internal.Json.tree(state, "A job's state");
        long since =
            Math.max(json.path("enqueued").asLong(now), json.path("runAt").asLong(Long.MIN_VALUE));
        oldest = Math.min(oldest, since);
      }
    }
    List<Tuple> due =
        queue
            .store()
            .redis()
            .call(
                "reading the due jobs of queue '" + queue.name() + "'",
                jedis ->
                    jedis.zrangeWithScores(
                        queue.keys().key("scheduled"),
                        ZRangeParams.zrangeByScoreParams(Double.NEGATIVE_INFINITY, (double) now)
                            .limit(0, 1)));
    if (!due.isEmpty()) {
      oldest = Math.min(oldest, (long) due.get(0).getScore());
    }
    return oldest == Long.MAX_VALUE
        ? Optional.empty()
        : Optional.of(Duration.ofMillis(Math.max(0, now - oldest)));
  }

  /**
   * The first job of every priority band of the ready set: within a band jobs are in the order they
   * became ready, so the longest-waiting job is one of these.
   */
  private static List<String> bandHeads(JobQueue queue) {
    byte[] ready = queue.keys().key("ready");
    return queue
        .store()
        .redis()
        .call(
            "reading the ready jobs of queue '" + queue.name() + "'",
            jedis -> {
              List<String> heads = new ArrayList<>();
              double from = Double.NEGATIVE_INFINITY;
              for (int band = 0; band < MAX_BANDS; band++) {
                List<Tuple> first =
                    jedis.zrangeWithScores(
                        ready,
                        ZRangeParams.zrangeByScoreParams(from, Double.POSITIVE_INFINITY)
                            .limit(0, 1));
                if (first.isEmpty()) {
                  break;
                }
                heads.add(new String(first.get(0).getBinaryElement(), StandardCharsets.UTF_8));
                from = (Math.floor(first.get(0).getScore() / BAND) + 1) * BAND;
              }
              return heads;
            });
  }

  private static List<String> states(JobQueue queue, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    byte[][] fields = ids.stream().map(LuaScript::bytes).toArray(byte[][]::new);
    List<byte[]> raw =
        queue
            .store()
            .redis()
            .call("reading job states", jedis -> jedis.hmget(queue.keys().key("state"), fields));
    List<String> out = new ArrayList<>(raw.size());
    raw.forEach(b -> out.add(b == null ? null : new String(b, StandardCharsets.UTF_8)));
    return out;
  }

  // ---- activity ----

  static JobQueue.Activity activity(JobQueue queue, Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("The window must be positive: " + window);
    }
    long now = queue.serverNow().toEpochMilli();
    long start = Math.max(0, now - window.toMillis());
    String key = new String(queue.keys().key("events"), StandardCharsets.UTF_8);
    record Read(List<StreamEntry> entries, List<StreamEntry> first, long length) {}
    Read read =
        queue
            .store()
            .redis()
            .call(
                "reading the events of queue '" + queue.name() + "'",
                jedis -> {
                  try (AbstractPipeline pipeline = jedis.pipelined()) {
                    Response<List<StreamEntry>> entries = pipeline.xrange(key, start + "-0", "+");
                    Response<List<StreamEntry>> first = pipeline.xrange(key, "-", "+", 1);
                    Response<Long> length = pipeline.xlen(key);
                    pipeline.sync();
                    return new Read(entries.get(), first.get(), length.get());
                  }
                });
    long from = start;
    if (!read.first().isEmpty()
        && read.length() >= EVENTS_KEPT
        && read.first().get(0).getID().getTime() > start) {
      from = read.first().get(0).getID().getTime(); // trimmed: the stream covers less
    }
    long finished = 0;
    long failed = 0;
    long retried = 0;
    java.util.SortedSet<String> workers = new TreeSet<>();
    for (StreamEntry entry : read.entries()) {
      String event = entry.getFields().getOrDefault("event", "");
      switch (event) {
        case "finished" -> finished++;
        case "failed" -> failed++;
        case "retrying" -> retried++;
        case "started" -> {
          String worker = entry.getFields().get("detail");
          if (worker != null) {
            workers.add(worker);
          }
        }
        default -> {
          // queued, scheduled, deferred, canceled, stopping, stopped, stalled, progress
        }
      }
    }
    return new JobQueue.Activity(
        Duration.ofMillis(Math.max(1, now - from)),
        finished,
        failed,
        retried,
        java.util.Collections.unmodifiableSortedSet(workers));
  }

  // ---- queues ----

  static List<String> queues(FrameStore store) {
    String base = store.config().prefix() + ":q:{";
    ScanParams params = new ScanParams().match(base + "*}:*").count(1000);
    return store
        .redis()
        .call(
            "listing the queues",
            jedis -> {
              Set<String> names = new TreeSet<>();
              String cursor = ScanParams.SCAN_POINTER_START;
              do {
                ScanResult<String> page = jedis.scan(cursor, params);
                for (String key : page.getResult()) {
                  int end = key.indexOf("}:", base.length());
                  String name = end < 0 ? "" : key.substring(base.length(), end);
                  if (name.matches(QUEUE_NAME)) {
                    names.add(name);
                  }
                }
                cursor = page.getCursor();
              } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
              return List.copyOf(names);
            });
  }

  private static List<String> text(List<byte[]> values) {
    List<String> out = new ArrayList<>(values.size());
    values.forEach(v -> out.add(new String(v, StandardCharsets.UTF_8)));
    return out;
  }
}
