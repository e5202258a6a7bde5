package io.redframe.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.redframe.FrameRef;
import io.redframe.FrameStore;
import io.redframe.FrameStoreException;
import io.redframe.Pin;
import io.redframe.jobs.internal.JobScripts;
import io.redframe.jobs.internal.Json;
import io.redframe.jobs.internal.QueueKeys;
import io.redframe.redis.LuaScript;
import io.redframe.redis.RedisCalls;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;

/**
 * A queue of delayed jobs in the Redis of a {@link FrameStore}: the same URL, connections and error
 * types. Jobs name a handler that a {@link Worker} has registered; their arguments are JSON and
 * frame references, pinned at enqueue.
 *
 * <pre>{@code
 * try (FrameStore store = FrameStore.open()) {
 *   JobQueue queue = JobQueue.open(store, "default");
 *   String id = queue.enqueue("redframe.echo", Map.of("x", 1));
 *   Job job = queue.await(id, Duration.ofMinutes(1)).orElseThrow();
 *   Map<?, ?> echoed = queue.result(id, Map.class).orElseThrow();
 * }
 * }</pre>
 *
 * <p>Every state change is one Lua script on keys that share the queue's hash tag ({@code
 * <prefix>:q:{<queue>}:...}). Immutable and thread-safe; it holds nothing to close (the store
 * does).
 */
public final class JobQueue {
  /** rq's default job timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

  /** rq's default result TTL. */
  public static final Duration DEFAULT_RESULT_TTL = Duration.ofSeconds(500);

  /** rq's default failure TTL. */
  public static final Duration DEFAULT_FAILURE_TTL = Duration.ofDays(365);

  /** Ended jobs kept at most per queue, whatever their TTLs. */
  public static final int DEFAULT_KEEP_ENDED = 10_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final FrameStore store;
  private final QueueKeys keys;
  private final RedisCalls redis;

  private JobQueue(FrameStore store, String name) {
    this.store = Objects.requireNonNull(store, "store");
    this.keys = new QueueKeys(store.config().prefix(), name);
    this.redis = store.redis();
  }

  /**
   * The queue named {@code name} (1-100 of letters, digits and {@code ._-}) in {@code store}.
   *
   * @throws IllegalArgumentException if the name is malformed
   */
  public static JobQueue open(FrameStore store, String name) {
    return new JobQueue(store, name);
  }

  public String name() {
    return keys.queue();
  }

  public FrameStore store() {
    return store;
  }

  QueueKeys keys() {
    return keys;
  }

  // ---- enqueue ----

  /**
   * Enqueues a job for {@code handler} with JSON {@code args}; returns its id.
   *
   * @see #enqueue(JobSpec)
   */
  public String enqueue(String handler, Object args) {
    return enqueue(JobSpec.of(handler).args(args));
  }

  /** Enqueues a job that runs no earlier than {@code delay} from now; returns its id. */
  public String enqueueIn(Duration delay, String handler, Object args) {
    return enqueue(JobSpec.of(handler).args(args).in(delay));
  }

  /** Enqueues a job that runs no earlier than {@code time}; returns its id. */
  public String enqueueAt(Instant time, String handler, Object args) {
    return enqueue(JobSpec.of(handler).args(args).at(time));
  }

  /**
   * Enqueues {@code spec}: its frame arguments are resolved to {@code name@version#id} and pinned
   * first. Returns the job's id; for a given id that already exists, or a memoized ({@link
   * JobSpec#cached()}) job that ran or runs already, the existing job's id, changing nothing.
   *
   * @throws IllegalArgumentException if the arguments cannot be written as JSON, or a dependency is
   *     not a job of this queue
   * @throws io.redframe.FrameNotFoundException if a frame argument does not exist
   * @throws io.redframe.StoreConnectionException if Redis cannot be reached
   */
  public String enqueue(JobSpec spec) {
    return enqueueAll(List.of(spec)).get(0);
  }

  /**
   * Enqueues every spec in one pipelined round trip (plus one per frame argument to pin it);
   * returns their ids in order. Not atomic as a whole: each job is enqueued atomically.
   *
   * @see #enqueue(JobSpec)
   */
  public List<String> enqueueAll(List<JobSpec> specs) {
    List<Prepared> prepared = new ArrayList<>(specs.size());
    try {
      for (JobSpec spec : specs) {
        prepared.add(prepare(spec));
      }
      List<Object> replies = runAll(JobScripts.ENQUEUE, prepared);
      List<String> ids = new ArrayList<>(prepared.size());
      for (int i = 0; i < prepared.size(); i++) {
        ids.add(accepted(prepared.get(i), (List<?>) replies.get(i)));
      }
      return ids;
    } catch (RuntimeException e) {
      prepared.forEach(Prepared::unpin);
      throw e;
    }
  }

  /** A spec turned into the script's arguments, with its frame arguments pinned. */
  private record Prepared(String id, List<byte[]> args, List<Pin> pins) {
    void unpin() {
      pins.forEach(JobQueue::closeQuietly);
    }
  }

  private Prepared prepare(JobSpec spec) {
    String id = spec.givenId().orElseGet(JobQueue::newId);
    Duration failureTtl = spec.failureTtl != null ? spec.failureTtl : DEFAULT_FAILURE_TTL;
    List<Pin> pins = new ArrayList<>();
    Map<String, Object> frames = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Object> frame : spec.frames.entrySet()) {
        Pin pin = pin(frame.getValue(), failureTtl.plus(Duration.ofDays(1)));
        pins.add(pin);
        frames.put(frame.getKey(), Map.of("ref", pin.ref().durable(), "pin", pin.token()));
      }
      String argsJson = Json.write(spec.args, "The arguments of " + spec);
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("queue", name());
      document.put("handler", spec.handler);
      document.put("args", Json.tree(argsJson, "arguments"));
      document.put("frames", frames);
      document.put("timeoutMs", (spec.timeout != null ? spec.timeout : DEFAULT_TIMEOUT).toMillis());
      document.put("retry", (spec.retry != null ? spec.retry : Retry.none()).toJson());
      document.put("resultFrame", spec.resultFrame);
      document.put("dependsOn", spec.dependsOn);
      document.put(
          "resultTtlMs", (spec.resultTtl != null ? spec.resultTtl : DEFAULT_RESULT_TTL).toMillis());
      document.put("failureTtlMs", failureTtl.toMillis());
      String memo = spec.cached ? memoKey(spec.handler, argsJson, frames) : "";
      document.put("memo", spec.cached ? memo : null);
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("priority", spec.priority);
      if (spec.in != null) {
        state.put("delayMs", spec.in.toMillis());
      } else if (spec.at != null) {
        state.put("runAt", spec.at.toEpochMilli());
      }
      state.put(
          "resultTtl", (spec.resultTtl != null ? spec.resultTtl : DEFAULT_RESULT_TTL).toMillis());
      state.put("failureTtl", failureTtl.toMillis());
      state.put("allowFailure", spec.allowFailure);
      List<byte[]> args =
          List.of(
              LuaScript.bytes(id),
              LuaScript.bytes(Json.write(document, "job " + id)),
              LuaScript.bytes(Json.write(state, "job " + id)),
              LuaScript.bytes(Json.write(spec.dependsOn, "dependencies")),
              LuaScript.bytes(memo));
      return new Prepared(id, args, pins);
    } catch (RuntimeException e) {
      pins.forEach(JobQueue::closeQuietly);
      throw e;
    }
  }

  private Pin pin(Object frame, Duration ttl) {
    return frame instanceof FrameRef ref ? store.pin(ref, ttl) : store.pin((String) frame, ttl);
  }

  private String accepted(Prepared job, List<?> reply) {
    long code = LuaScript.longAt(reply, 0);
    if (code == 2) {
      job.unpin();
      throw new IllegalArgumentException(
          "Job "
              + job.id()
              + " depends on job '"
              + LuaScript.textAt(reply, 1)
              + "', which queue '"
              + name()
              + "' does not hold");
    }
    if (code == 1) {
      job.unpin(); // the existing job keeps its own pins
    }
    return LuaScript.textAt(reply, 1);
  }

  /** Runs {@code script} once per job, pipelined; replies in order. */
  private List<Object> runAll(JobScripts script, List<Prepared> jobs) {
    LuaScript lua = script.script();
    if (jobs.size() == 1) {
      Object reply =
          redis.call(
              "enqueueing job " + jobs.get(0).id() + " on queue '" + name() + "'",
              jedis -> lua.run(jedis, keys.all(), jobs.get(0).args()));
      return List.of(reply);
    }
    return redis.call(
        "enqueueing " + jobs.size() + " jobs on queue '" + name() + "'",
        jedis -> {
          List<Response<Object>> responses = new ArrayList<>(jobs.size());
          try (AbstractPipeline pipeline = jedis.pipelined()) {
            for (Prepared job : jobs) {
              responses.add(lua.run(pipeline, keys.all(), job.args()));
            }
            pipeline.sync();
          }
          List<Object> replies = new ArrayList<>(jobs.size());
          for (int i = 0; i < jobs.size(); i++) {
            replies.add(reply(jedis, lua, responses.get(i), jobs.get(i)));
          }
          return replies;
        });
  }

  private Object reply(
      redis.clients.jedis.UnifiedJedis jedis,
      LuaScript lua,
      Response<Object> response,
      Prepared job) {
    try {
      Object reply = response.get();
      if (reply instanceof List<?> list) {
        return list;
      }
      return java.util.Collections.singletonList(reply);
    } catch (RuntimeException e) {
      if (LuaScript.isNoScript(e)) {
        return lua.run(jedis, keys.all(), job.args()); // loads it for the next ones
      }
      throw e;
    }
  }

  static String newId() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String memoKey(String handler, String argsJson, Map<String, Object> frames) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(handler.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      JsonNode canonical = Json.tree(argsJson, "arguments");
      sha.update(
          Json.MAPPER
              .writer()
              .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
              .writeValueAsBytes(Json.MAPPER.treeToValue(canonical, Object.class)));
      Map<String, String> inputs = new TreeMap<>();
      frames.forEach((arg, frame) -> inputs.put(arg, (String) ((Map<?, ?>) frame).get("ref")));
      sha.update((byte) 0);
      sha.update(inputs.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Cannot compute the memo key: " + e, e);
    }
  }

  private static void closeQuietly(Pin pin) {
    try {
      pin.close();
    } catch (FrameStoreException e) {
      // It expires by itself.
    }
  }

  // ---- reading jobs ----

  /**
   * The job {@code id}, if the queue still holds it (ended jobs go after their TTL).
   *
   * @throws io.redframe.StoreConnectionException if Redis cannot be reached
   */
  public Optional<Job> job(String id) {
    List<byte[]> fields =
        redis.call(
            "reading job " + id,
            jedis -> {
              try (AbstractPipeline pipeline = jedis.pipelined()) {
                Response<byte[]> spec = pipeline.hget(keys.key("spec"), LuaScript.bytes(id));
                Response<byte[]> state = pipeline.hget(keys.key("state"), LuaScript.bytes(id));
                pipeline.sync();
                return java.util.Arrays.asList(spec.get(), state.get());
              }
            });
    if (fields.get(0) == null || fields.get(1) == null) {
      return Optional.empty();
    }
    return Optional.of(
        JobRecords.job(
            id,
            new String(fields.get(0), StandardCharsets.UTF_8),
            new String(fields.get(1), StandardCharsets.UTF_8)));
  }

  /** The job's status, if the queue still holds it. */
  public Optional<JobStatus> status(String id) {
    return job(id).map(Job::status);
  }

  /**
   * The result of a finished job as JSON text ({@code null} as {@code "null"}), if it finished and
   * is still kept. A frame result reads as its durable reference in a JSON string.
   */
  public Optional<String> resultJson(String id) {
    byte[] raw =
        redis.call(
            "reading the result of job " + id,
            jedis -> jedis.hget(keys.key("result"), LuaScript.bytes(id)));
    if (raw == null) {
      return Optional.empty();
    }
    JsonNode result = Json.tree(new String(raw, StandardCharsets.UTF_8), "result of job " + id);
    return Optional.of(
        result.has("frame") ? result.get("frame").toString() : result.path("value").toString());
  }

  /**
   * The result of a finished job read as {@code type}.
   *
   * @throws IllegalArgumentException if it does not read as {@code type}
   */
  public <T> Optional<T> result(String id, Class<T> type) {
    return resultJson(id).map(json -> Json.read(json, type, "The result of job " + id));
  }

  /** The frame a finished job published as its result, if it did. */
  public Optional<FrameRef> resultFrame(String id) {
    byte[] raw =
        redis.call(
            "reading the result of job " + id,
            jedis -> jedis.hget(keys.key("result"), LuaScript.bytes(id)));
    if (raw == null) {
      return Optional.empty();
    }
    JsonNode result = Json.tree(new String(raw, StandardCharsets.UTF_8), "result of job " + id);
    return result.has("frame")
        ? Optional.of(FrameRef.parse(result.get("frame").asText()))
        : Optional.empty();
  }

  /**
   * Waits until job {@code id} has ended (finished, failed, canceled or stopped), following the
   * queue's event stream; returns it, or empty after {@code timeout} or if there is no such job.
   *
   * @throws io.redframe.StoreConnectionException if Redis cannot be reached
   */
  public Optional<Job> await(String id, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    StreamEntryID last = lastEvent();
    while (true) {
      Optional<Job> job = job(id);
      if (job.isEmpty() || job.get().status().ended()) {
        return job;
      }
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return Optional.empty();
      }
      StreamEntryID from = last;
      XReadParams params = XReadParams.xReadParams().block((int) Math.min(left, 1000)).count(100);
      var read =
          redis.call(
              "waiting for job " + id, jedis -> jedis.xread(params, Map.of(eventsKey(), from)));
      if (read != null) {
        for (var stream : read) {
          var entries = stream.getValue();
          if (!entries.isEmpty()) {
            last = entries.get(entries.size() - 1).getID();
          }
        }
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new FrameStoreException("Interrupted while waiting for job " + id);
      }
    }
  }

  private String eventsKey() {
    return new String(keys.key("events"), StandardCharsets.UTF_8);
  }

  private StreamEntryID lastEvent() {
    var last =
        redis.call(
            "reading the events of queue '" + name() + "'",
            jedis -> jedis.xrevrange(eventsKey(), "+", "-", 1));
    return last.isEmpty() ? new StreamEntryID(0, 0) : last.get(0).getID();
  }

  // ---- changing jobs ----

  /**
   * Cancels job {@code id} if it has not started (its dependents that do not allow failure are
   * canceled too), or asks its worker to stop it if it runs (it ends {@link JobStatus#STOPPED}).
   * Returns the status it has or will have; empty if there is no such job.
   *
   * @throws io.redframe.StoreConnectionException if Redis cannot be reached
   */
  public Optional<JobStatus> cancel(String id) {
    List<?> reply = run(JobScripts.CANCEL, "canceling job " + id, id);
    long code = LuaScript.longAt(reply, 0);
    if (code == 0) {
      return Optional.empty();
    }
    if (code == 3) {
      return Optional.of(JobStatus.of(LuaScript.textAt(reply, 1)));
    }
    return Optional.of(code == 1 ? JobStatus.CANCELED : JobStatus.STOPPED);
  }

  /**
   * Queues a failed, stopped or canceled job again (its attempts go on counting). Returns whether
   * it was requeued.
   *
   * @throws IllegalStateException if the job is not in one of those states
   */
  public boolean requeue(String id) {
    List<?> reply = run(JobScripts.REQUEUE, "requeueing job " + id, id);
    long code = LuaScript.longAt(reply, 0);
    if (code == 2) {
      throw new IllegalStateException(
          "Job "
              + id
              + " is "
              + LuaScript.textAt(reply, 1)
              + "; only ended jobs that did not"
              + " finish can be requeued");
    }
    return code == 1;
  }

  // ---- schedules and triggers ----

  private static final String NAME_PATTERN = "[A-Za-z0-9._-]{1,50}";

  private static String checkScheduleName(String name) {
    if (name == null || !name.matches(NAME_PATTERN)) {
      throw new IllegalArgumentException(
          "Schedule and trigger names are 1-50 of letters, digits and ._- : '" + name + "'");
    }
    return name;
  }

  /**
   * Runs a job made from {@code template} at every time {@code schedule} names, from now on,
   * replacing a schedule of the same name. Each run is a job with id {@code sched.<name>.<time
   * ms>}, enqueued by one of the queue's workers (so it needs a running worker); runs missed while
   * no worker ran are not caught up: the next one is the first due after the worker is back.
   *
   * @throws IllegalArgumentException if the name is malformed, or the template has an id or
   *     dependencies
   */
  public void schedule(String name, Schedule schedule, JobSpec template) {
    checkScheduleName(name);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("schedule", schedule.toJson());
    json.put("template", JobTemplates.toJson(template));
    long next = schedule.next(serverNow()).toEpochMilli();
    redis.call(
        "scheduling '" + name + "' on queue '" + name() + "'",
        jedis -> {
          try (AbstractPipeline pipeline = jedis.pipelined()) {
            pipeline.hset(
                keys.key("schedules"),
                LuaScript.bytes(name),
                LuaScript.bytes(Json.write(json, "schedule " + name)));
            pipeline.zadd(keys.key("due"), (double) next, LuaScript.bytes(name));
            pipeline.sync();
          }
          return null;
        });
  }

  /** Removes schedule {@code name}; whether it existed. Jobs it enqueued stay. */
  public boolean unschedule(String name) {
    return redis.call(
        "removing schedule '" + name + "'",
        jedis -> {
          jedis.zrem(keys.key("due"), LuaScript.bytes(name));
          return jedis.hdel(keys.key("schedules"), LuaScript.bytes(name)) == 1;
        });
  }

  /** The schedules, by name, with their next run time. */
  public Map<String, Instant> schedules() {
    return redis.call(
        "listing schedules",
        jedis -> {
          Map<String, Instant> out = new TreeMap<>();
          jedis
              .zrangeWithScores(keys.key("due"), 0, -1)
              .forEach(
                  t ->
                      out.put(
                          new String(t.getBinaryElement(), StandardCharsets.UTF_8),
                          Instant.ofEpochMilli((long) t.getScore())));
          return out;
        });
  }

  /**
   * Runs a job made from {@code template} whenever frame {@code frame} gets a new version (saved by
   * any process), with that version pinned as frame argument {@code arg}. Versions saved before the
   * trigger exists do not fire. Each run is a job with id {@code trig.<name>.<version>.<id>},
   * enqueued by one of the queue's workers, which look for new versions about once a second.
   *
   * @throws IllegalArgumentException if the name is malformed, or the template has an id or
   *     dependencies
   */
  public void trigger(String name, String frame, String arg, JobSpec template) {
    checkScheduleName(name);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("frame", Objects.requireNonNull(frame, "frame"));
    json.put("arg", Objects.requireNonNull(arg, "arg"));
    json.put("template", JobTemplates.toJson(template));
    json.put("last", store.exists(frame) ? store.manifest(frame).ref().durable() : "");
    redis.call(
        "adding trigger '" + name + "'",
        jedis ->
            jedis.hset(
                keys.key("triggers"),
                LuaScript.bytes(name),
                LuaScript.bytes(Json.write(json, "trigger " + name))));
  }

  /** Removes trigger {@code name}; whether it existed. */
  public boolean untrigger(String name) {
    return redis.call(
        "removing trigger '" + name + "'",
        jedis -> jedis.hdel(keys.key("triggers"), LuaScript.bytes(name)) == 1);
  }

  /** The triggers, by name, with the frame each follows. */
  public Map<String, String> triggers() {
    Map<String, String> out = new TreeMap<>();
    triggerDocuments().forEach((name, json) -> out.put(name, json.path("frame").asText()));
    return out;
  }

  private Map<String, JsonNode> triggerDocuments() {
    Map<byte[], byte[]> all =
        redis.call("listing triggers", jedis -> jedis.hgetAll(keys.key("triggers")));
    Map<String, JsonNode> out = new TreeMap<>();
    all.forEach(
        (name, json) -> {
          String text = new String(name, StandardCharsets.UTF_8);
          out.put(text, Json.tree(new String(json, StandardCharsets.UTF_8), "trigger " + text));
        });
    return out;
  }

  Instant serverNow() {
    return Instant.ofEpochMilli(LuaScript.longAt(run(JobScripts.NOW, "reading the time"), 0));
  }

  /** Enqueues the runs of schedules that are due; a worker calls it about once a second. */
  int fireSchedules() {
    List<?> due = run(JobScripts.NOW, "reading due schedules");
    Instant now = Instant.ofEpochMilli(LuaScript.longAt(due, 0));
    int fired = 0;
    for (int i = 1; i + 1 < due.size(); i += 2) {
      String name = LuaScript.textAt(due, i);
      long at = (long) Double.parseDouble(LuaScript.textAt(due, i + 1));
      byte[] raw =
          redis.call(
              "reading schedule " + name,
              j -> j.hget(keys.key("schedules"), LuaScript.bytes(name)));
      if (raw == null) {
        continue;
      }
      JsonNode json = Json.tree(new String(raw, StandardCharsets.UTF_8), "schedule " + name);
      Instant after = now.isAfter(Instant.ofEpochMilli(at)) ? now : Instant.ofEpochMilli(at);
      long next = Schedule.fromJson(json.path("schedule")).next(after).toEpochMilli();
      List<?> claimed =
          run(
              JobScripts.CLAIM,
              "claiming schedule " + name,
              "schedule",
              name,
              Long.toString(at),
              Long.toString(next),
              json.toString());
      if (LuaScript.longAt(claimed, 0) == 1) {
        enqueue(JobTemplates.fromJson(json.path("template"), "sched." + name + "." + at));
        fired++;
      }
    }
    return fired;
  }

  /** Enqueues a run for every trigger whose frame has a new version. */
  int fireTriggers() {
    int fired = 0;
    for (Map.Entry<String, JsonNode> trigger : triggerDocuments().entrySet()) {
      JsonNode json = trigger.getValue();
      String frame = json.path("frame").asText();
      if (!store.exists(frame)) {
        continue;
      }
      FrameRef current = store.manifest(frame).ref();
      String last = json.path("last").asText();
      if (current.durable().equals(last)) {
        continue;
      }
      com.fasterxml.jackson.databind.node.ObjectNode updated = json.deepCopy();
      updated.put("last", current.durable());
      String name = trigger.getKey();
      List<?> claimed =
          run(
              JobScripts.CLAIM,
              "claiming trigger " + name,
              "trigger",
              name,
              last,
              current.durable(),
              updated.toString());
      if (LuaScript.longAt(claimed, 0) == 1) {
        String id = "trig." + name + "." + current.version() + "." + current.id().substring(0, 8);
        JobSpec spec = JobTemplates.fromJson(json.path("template"), id);
        spec.frame(json.path("arg").asText(), current);
        enqueue(spec);
        fired++;
      }
    }
    return fired;
  }

  /** Jobs per state right now: queued, scheduled, deferred, started, and ended (kept). */
  public Map<String, Long> counts() {
    return redis.call(
        "counting the jobs of queue '" + name() + "'",
        jedis -> {
          Map<String, Long> counts = new LinkedHashMap<>();
          counts.put("queued", jedis.zcard(keys.key("ready")));
          counts.put("scheduled", jedis.zcard(keys.key("scheduled")));
          counts.put("deferred", jedis.hlen(keys.key("pending")));
          counts.put("started", jedis.zcard(keys.key("active")));
          counts.put("ended", jedis.zcard(keys.key("done")));
          return counts;
        });
  }

  // ---- read-only views (for tools such as the CLI's `jobs ls` and `jobs stats`) ----

  /**
   * The queues that have keys in {@code store} (any job, schedule or trigger, or events), by name.
   * Scans the store's keys: meant for tools, not for a hot path.
   *
   * @throws io.redframe.StoreConnectionException if Redis cannot be reached
   */
  public static List<String> names(FrameStore store) {
    return QueueViews.queues(store);
  }

  /**
   * Up to {@code limit} jobs with status {@code status}: queued ones in the order workers take them
   * (priority, then first in), scheduled ones by run time, started ones by lease expiry, ended ones
   * latest to be removed first (with equal TTLs, the most recently ended first). A snapshot: jobs
   * move on while it is read, and one that changed status meanwhile is left out.
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   * @throws io.redframe.StoreConnectionException if Redis cannot be reached
   */
  public List<Job> jobs(JobStatus status, int limit) {
    return QueueViews.jobs(this, java.util.EnumSet.of(status), limit);
  }

  /**
   * Up to {@code limit} jobs of any status, in the order of {@link JobStatus} (queued first), each
   * status ordered as {@link #jobs(JobStatus, int)} says.
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   * @throws io.redframe.StoreConnectionException if Redis cannot be reached
   */
  public List<Job> jobs(int limit) {
    return QueueViews.jobs(this, java.util.EnumSet.allOf(JobStatus.class), limit);
  }

  /**
   * How long the longest-waiting ready job has waited (Redis' clock), counted from its enqueue or
   * from its run time (a delay or a retry's backoff), whichever is later; empty if no job is ready.
   *
   * @throws io.redframe.StoreConnectionException if Redis cannot be reached
   */
  public Optional<Duration> oldestWait() {
    return QueueViews.oldestWait(this);
  }

  /**
   * What the queue's event stream says about the last {@code window}: attempts ended and the
   * workers that took jobs. The stream keeps about the last 10,000 events, so on a busy queue the
   * figures cover a shorter span, which {@link Activity#span()} gives.
   *
   * @throws IllegalArgumentException if {@code window} is not positive
   * @throws io.redframe.StoreConnectionException if Redis cannot be reached
   */
  public Activity activity(Duration window) {
    return QueueViews.activity(this, window);
  }

  /**
   * A queue's recent activity, from its event stream.
   *
   * @param span the time the figures cover, up to now (the window asked for, or less if the stream
   *     was trimmed within it)
   * @param finished jobs that finished in the span
   * @param failed jobs that failed for good in the span
   * @param retried attempts that failed and were scheduled again in the span
   * @param workers the workers that took a job in the span
   */
  public record Activity(
      Duration span, long finished, long failed, long retried, java.util.Set<String> workers) {
    /** Jobs ended (finished or failed) per second over the span. */
    public double endedPerSecond() {
      return (finished + failed) * 1000.0 / Math.max(1, span.toMillis());
    }
  }

  List<?> run(JobScripts script, String what, String... args) {
    List<byte[]> argv = new ArrayList<>(args.length);
    for (String arg : args) {
      argv.add(LuaScript.bytes(arg));
    }
    return redis.call(what, jedis -> script.script().run(jedis, keys.all(), argv));
  }

  @Override
  public String toString() {
    return "JobQueue[" + name() + " in " + store + "]";
  }
}
