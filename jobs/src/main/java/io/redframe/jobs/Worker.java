package io.redframe.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.redframe.FencedOutException;
import io.redframe.FrameRef;
import io.redframe.FrameStore;
import io.redframe.FrameStoreException;
import io.redframe.SaveOptions;
import io.redframe.SaveResult;
import io.redframe.jobs.internal.JobScripts;
import io.redframe.jobs.internal.Json;
import io.redframe.redis.LuaScript;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs jobs of one or more queues (checked in the order given) with registered handlers. At least
 * once: each running job holds a lease with an owner token, renewed by this worker's scheduler
 * thread (never the job's); a job whose worker dies goes back to its queue when the lease lapses,
 * and a job that keeps losing its workers ends failed. Finishing, failing and publishing a frame
 * result are fenced by the token, so an attempt that lost its lease changes nothing.
 *
 * <pre>{@code
 * try (Worker worker = Worker.builder(store).queues("default").handler(new Describe()).build()) {
 *   worker.start();
 *   ...
 * }   // close: stops taking jobs, lets running ones finish
 * }</pre>
 *
 * <p>Threads: one dispatcher (takes jobs, waits on the queues' wake-up lists), {@code concurrency}
 * runners, one scheduler (leases, timeouts, maintenance). Thread-safe. Closing does not close the
 * store.
 */
public final class Worker implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Worker.class.getName());

  /** The default lease: a dead worker's job is back in its queue within about two of these. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

  private final FrameStore store;
  private final List<JobQueue> queues;
  private final Map<String, JobHandler> handlers;
  private final int concurrency;
  private final Duration lease;
  private final boolean burst;
  private final int maxStalls;
  private final int keepEnded;
  private final String id;
  private final Consumer<AttemptEnd> onAttemptEnd;

  private final Semaphore slots;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean stopping;
  private ExecutorService runners;
  private ScheduledExecutorService scheduler;
  private Thread dispatcher;

  private Worker(Builder b) {
    this.store = b.store;
    this.queues = b.queues.stream().map(q -> JobQueue.open(b.store, q)).toList();
    this.handlers = Map.copyOf(b.handlers);
    this.concurrency = b.concurrency;
    this.lease = b.lease;
    this.burst = b.burst;
    this.maxStalls = b.maxStalls;
    this.keepEnded = b.keepEnded;
    this.id = b.name != null ? b.name : defaultName();
    this.onAttemptEnd = b.onAttemptEnd;
    this.slots = new Semaphore(concurrency);
  }

  public static Builder builder(FrameStore store) {
    return new Builder(store);
  }

  /** This worker's id, as jobs and events record it ({@code host:pid:random}). */
  public String id() {
    return id;
  }

  /** The handler names this worker runs. */
  public List<String> handlerNames() {
    return handlers.keySet().stream().sorted().toList();
  }

  /** Jobs ended by this worker so far (finished or failed, retries included). */
  public long processed() {
    return processed.get();
  }

  /** Attempts that failed on this worker so far. */
  public long failures() {
    return failures.get();
  }

  /**
   * Starts the worker's threads and returns at once.
   *
   * @throws IllegalStateException if it was started before
   */
  @SuppressWarnings("FutureReturnValueIgnored") // each periodic task catches and logs its failures
  public Worker start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("Worker " + id + " was started already");
    }
    runners = Executors.newFixedThreadPool(concurrency, threads("redframe-job-"));
    scheduler = Executors.newSingleThreadScheduledExecutor(threads("redframe-worker-lease-"));
    long renew = Math.max(50, lease.toMillis() / 3);
    scheduler.scheduleWithFixedDelay(this::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
    long sweep = Math.max(100, Math.min(1000, lease.toMillis() / 2));
    scheduler.scheduleWithFixedDelay(this::sweep, 0, sweep, TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(this::fire, 0, 1000, TimeUnit.MILLISECONDS);
    dispatcher = threads("redframe-worker-dispatch-").newThread(this::dispatch);
    dispatcher.start();
    return this;
  }

  /**
   * Starts the worker (if needed) and blocks until it stops: after {@link #stop()}, or, in burst
   * mode, when its queues have no ready job left and nothing runs.
   */
  public void run() throws InterruptedException {
    if (!started.get()) {
      start();
    }
    stopped.await();
  }

  /** Stops taking jobs; running ones go on to their end. Returns at once; see {@link #close()}. */
  public void stop() {
    stopping = true;
  }

  /**
   * Waits up to {@code timeout} for the worker to stop; whether it did.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops taking jobs and waits until the running ones have ended. Idempotent. */
  @Override
  public void close() {
    stop();
    if (!started.get()) {
      stopped.countDown();
      return;
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- the dispatcher ----

  private void dispatch() {
    try {
      while (!stopping) {
        slots.acquire();
        if (stopping) {
          slots.release();
          break;
        }
        long waitMs = 1000;
        Taken taken = null;
        for (JobQueue queue : queues) {
          TakeReply reply = take(queue);
          if (reply.job() != null) {
            taken = reply.job();
            break;
          }
          waitMs = Math.min(waitMs, reply.untilNextMs());
        }
        if (taken != null) {
          Taken job = taken;
          runners.execute(() -> runLoop(job));
          continue;
        }
        slots.release();
        if (burst && running.isEmpty()) {
          break;
        }
        waitForWork(Math.max(1, waitMs));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "Worker " + id + " stops: " + e.getMessage(), e);
    } finally {
      stopping = true;
      drain();
    }
  }

  private void waitForWork(long millis) {
    byte[][] markers = queues.stream().map(q -> q.keys().key("marker")).toArray(byte[][]::new);
    try {
      store.redis().call("waiting for jobs", jedis -> jedis.blpop(millis / 1000.0, markers));
    } catch (FrameStoreException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Worker " + id + " could not wait for jobs: " + e.getMessage());
      sleep(Math.min(millis, 1000));
    }
  }

  /** Waits for running jobs, then ends the scheduler and marks the worker stopped. */
  private void drain() {
    try {
      slots.acquire(concurrency);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    runners.shutdown();
    scheduler.shutdownNow();
    stopped.countDown();
  }

  // ---- taking and running jobs ----

  /** A job taken from a queue, with the lease token of this attempt and when it was taken. */
  private record Taken(
      JobQueue queue, String id, String spec, int attempt, String token, long takenNanos) {}

  private record TakeReply(Taken job, long untilNextMs) {}

  private TakeReply take(JobQueue queue) {
    String token = JobQueue.newId();
    List<?> reply =
        queue.run(
            JobScripts.TAKE,
            "taking a job from queue '" + queue.name() + "'",
            id,
            token,
            Long.toString(lease.toMillis()));
    return takeReply(queue, reply, 0, token);
  }

  private static TakeReply takeReply(JobQueue queue, List<?> reply, int at, String token) {
    if (LuaScript.longAt(reply, at) == 1) {
      return new TakeReply(
          new Taken(
              queue,
              LuaScript.textAt(reply, at + 1),
              LuaScript.textAt(reply, at + 2),
              (int) LuaScript.longAt(reply, at + 3),
              token,
              System.nanoTime()),
          0);
    }
    long next = LuaScript.longAt(reply, at + 1);
    long now = LuaScript.longAt(reply, at + 2);
    return new TakeReply(null, next < 0 ? Long.MAX_VALUE : Math.max(0, next - now));
  }

  private void runLoop(Taken first) {
    Taken job = first;
    try {
      while (job != null) {
        Outcome outcome = execute(job);
        if (outcome == null) {
          break; // the lease was lost: another attempt owns the job now
        }
        boolean next = !stopping && job.queue() == queues.get(0);
        job = finish(job, outcome, next);
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Worker " + id + ": " + e.getMessage(), e);
    } finally {
      slots.release();
    }
  }

  /** How an attempt ended, as the finish script takes it. */
  private record Outcome(String status, String payload, long retryDelayMs) {}

  private Outcome execute(Taken job) {
    JsonNode spec = Json.tree(job.spec(), "The spec of job " + job.id());
    Running run = new Running(this, job, Thread.currentThread());
    running.put(run.key(), run);
    long timeoutMs = spec.path("timeoutMs").asLong(JobQueue.DEFAULT_TIMEOUT.toMillis());
    ScheduledFuture<?> timeout =
        scheduler.schedule(() -> timeOut(run, timeoutMs), timeoutMs, TimeUnit.MILLISECONDS);
    try {
      JobHandler handler = handlers.get(spec.path("handler").asText());
      if (handler == null) {
        return failed(
            "no handler '"
                + spec.path("handler").asText()
                + "' in worker "
                + id
                + " (it has "
                + handlerNames()
                + ")",
            false,
            spec,
            job);
      }
      Object value = handler.run(new JobContext(run, spec));
      if (run.lost.get() || run.timedOut.get()) {
        return null; // the scheduler already ended or released this attempt
      }
      return new Outcome("finished", result(run, spec, value), 0);
    } catch (Exception | LinkageError | AssertionError e) {
      if (run.lost.get() || run.timedOut.get()) {
        return null;
      }
      if (run.stop.get()) {
        return new Outcome("stopped", "stopped at a user's request", 0);
      }
      boolean retryable = !(e instanceof JobException j) || j.retryable();
      return failed(describe(e), retryable, spec, job);
    } finally {
      timeout.cancel(false);
      running.remove(run.key());
      Thread.interrupted(); // an interrupt meant for this attempt must not reach the next one
    }
  }

  private Outcome failed(String error, boolean retryable, JsonNode spec, Taken job) {
    failures.incrementAndGet();
    Retry retry = Retry.fromJson(spec.get("retry"));
    if (retryable && job.attempt() <= retry.max()) {
      return new Outcome("retry", error, retry.delay(job.attempt()).toMillis());
    }
    return new Outcome("failed", error, 0);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    String text =
        e instanceof JobException
            ? message
            : e.getClass().getName() + (message == null ? "" : ": " + message);
    return text.length() > 4000 ? text.substring(0, 4000) + "..." : text;
  }

  /** Fails or retries a job that ran past its timeout, and interrupts its thread. */
  private void timeOut(Running run, long timeoutMs) {
    if (!running.containsKey(run.key())) {
      return;
    }
    run.timedOut.set(true);
    JsonNode spec = Json.tree(run.job.spec(), "The spec of job " + run.id());
    Outcome outcome =
        failed("timed out after " + Duration.ofMillis(timeoutMs), true, spec, run.job);
    try {
      finish(run.job, outcome, false);
    } catch (FrameStoreException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Could not end timed-out job " + run.id() + ": " + e.getMessage());
    }
    run.thread.interrupt();
  }

  /** The result as stored: {"value": ...} or {"frame": "name@version#id"}. */
  private String result(Running run, JsonNode spec, Object value) {
    if (value instanceof JobResult frame) {
      return Json.write(Map.of("frame", publish(run, spec, frame).durable()), "result");
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("value", value);
    try {
      return Json.write(result, "The result of job " + run.id());
    } catch (IllegalArgumentException e) {
      throw JobException.permanent(e.getMessage());
    }
  }

  /**
   * Publishes a frame result as a fenced save (fence {@code job-<id>}, token the attempt): an
   * attempt that was superseded cannot publish, and a result an earlier attempt published is
   * adopted instead of publishing a second one.
   */
  private FrameRef publish(Running run, JsonNode spec, JobResult result) {
    boolean derived = result.name().isEmpty() && spec.path("resultFrame").isNull();
    String name =
        result
            .name()
            .orElse(
                derived
                    ? "jobs/" + run.queue().name() + "/" + run.id()
                    : spec.path("resultFrame").asText());
    String fence = "job-" + run.id();
    Duration keep = Duration.ofMillis(spec.path("failureTtlMs").asLong()).plusDays(1);
    Optional<FrameRef> earlier = store.raiseFence(name, fence, run.attempt(), keep);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    SaveOptions options =
        SaveOptions.defaults().fenced(fence, run.attempt()).tags(lineage(run, spec));
    if (derived) {
      options = options.ttl(Duration.ofMillis(spec.path("resultTtlMs").asLong()));
    }
    try {
      SaveResult saved = store.save(name, result.encoder(), options);
      return store.manifest(name, java.util.OptionalLong.of(saved.version())).ref();
    } catch (FencedOutException e) {
      run.lost.set(true);
      throw e;
    }
  }

  private Map<String, String> lineage(Running run, JsonNode spec) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("job.id", run.id());
    tags.put("job.queue", run.queue().name());
    tags.put("job.handler", spec.path("handler").asText());
    tags.put("job.attempt", Integer.toString(run.attempt()));
    tags.put("job.worker", id);
    tags.put("job.started", run.startedAt().toString());
    tags.put("job.published", store.clock().instant().toString());
    Map<String, String> inputs = new LinkedHashMap<>();
    JobRecords.frames(spec).forEach((arg, ref) -> inputs.put(arg, ref.durable()));
    tags.put("job.inputs", Json.write(inputs, "inputs"));
    return tags;
  }

  /** Ends an attempt; returns the next job of the same queue if one was asked for and taken. */
  private Taken finish(Taken job, Outcome outcome, boolean next) {
    String token = JobQueue.newId();
    List<?> reply =
        job.queue()
            .run(
                JobScripts.FINISH,
                "ending job " + job.id(),
                job.id(),
                job.token(),
                outcome.status(),
                outcome.payload(),
                Long.toString(outcome.retryDelayMs()),
                next ? id : "",
                token,
                Long.toString(lease.toMillis()));
    if (LuaScript.longAt(reply, 0) == 1) {
      processed.incrementAndGet();
      attemptEnded(job, outcome);
    }
    return next ? takeReply(job.queue(), reply, 1, token).job() : null;
  }

  /** Tells the listener, if any, how an attempt ended; a listener's failure is only logged. */
  private void attemptEnded(Taken job, Outcome outcome) {
    if (onAttemptEnd == null) {
      return;
    }
    try {
      JsonNode spec = Json.tree(job.spec(), "The spec of job " + job.id());
      JobStatus status =
          switch (outcome.status()) {
            case "retry" -> outcome.retryDelayMs() > 0 ? JobStatus.SCHEDULED : JobStatus.QUEUED;
            default -> JobStatus.of(outcome.status());
          };
      onAttemptEnd.accept(
          new AttemptEnd(
              job.queue().name(),
              job.id(),
              spec.path("handler").asText(),
              job.attempt(),
              status,
              Duration.ofNanos(System.nanoTime() - job.takenNanos()),
              status == JobStatus.FINISHED
                  ? Optional.empty()
                  : Optional.ofNullable(outcome.payload())));
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Worker " + id + ": the attempt listener failed: " + e.getMessage(),
          e);
    }
  }

  /**
   * How an attempt of a job ended on this worker, as {@link Builder#onAttemptEnd} reports it.
   *
   * @param queue the job's queue
   * @param id the job's id
   * @param handler the handler it named
   * @param attempt the attempt, from 1
   * @param status the job's status after the attempt: {@link JobStatus#FINISHED}, {@link
   *     JobStatus#FAILED}, {@link JobStatus#STOPPED}, or {@link JobStatus#SCHEDULED} / {@link
   *     JobStatus#QUEUED} when it is to be retried
   * @param took from the worker taking the job to the attempt's end
   * @param error the failure, for an attempt that did not finish
   */
  public record AttemptEnd(
      String queue,
      String id,
      String handler,
      int attempt,
      JobStatus status,
      Duration took,
      Optional<String> error) {}

  // ---- the scheduler ----

  private void renewLeases() {
    try {
      for (JobQueue queue : queues) {
        List<Running> mine = running.values().stream().filter(r -> r.queue() == queue).toList();
        if (!mine.isEmpty()) {
          renew(queue, mine);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Worker " + id + " could not renew leases: " + e.getMessage());
    }
  }

  private void renew(JobQueue queue, List<Running> jobs) {
    List<String> args = new ArrayList<>();
    args.add(Long.toString(lease.toMillis()));
    for (Running run : jobs) {
      args.add(run.id());
      args.add(run.job.token());
    }
    List<?> reply =
        queue.run(
            JobScripts.EXTEND,
            "renewing the leases of " + jobs.size() + " jobs",
            args.toArray(String[]::new));
    for (int i = 0; i < jobs.size(); i++) {
      long code = LuaScript.longAt(reply, i);
      Running run = jobs.get(i);
      if (code == 0 && run.lost.compareAndSet(false, true)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Worker " + id + " lost the lease of job " + run.id() + "; abandoning it");
        run.thread.interrupt();
      } else if (code == 2 && run.stop.compareAndSet(false, true)) {
        run.thread.interrupt();
      }
    }
  }

  private void sweep() {
    for (JobQueue queue : queues) {
      try {
        List<?> reply =
            queue.run(
                JobScripts.SWEEP,
                "maintaining queue '" + queue.name() + "'",
                Integer.toString(maxStalls),
                Integer.toString(keepEnded));
        for (int i = 2; i < reply.size(); i++) {
          unpin(LuaScript.textAt(reply, i));
        }
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Worker " + id + " could not maintain queue: " + e.getMessage());
      }
    }
  }

  /** Enqueues due runs of the queues' schedules and triggers. */
  private void fire() {
    for (JobQueue queue : queues) {
      try {
        queue.fireSchedules();
        queue.fireTriggers();
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Worker " + id + " could not run the schedules of queue: " + e.getMessage());
      }
    }
  }

  private void unpin(String spec) {
    JobRecords.pins(Json.tree(spec, "A removed job's spec"))
        .forEach(
            (ref, token) -> {
              try {
                store.unpin(ref, token);
              } catch (FrameStoreException e) {
                // It expires by itself.
              }
            });
  }

  // ---- running jobs ----

  /** One attempt in progress on this worker. */
  static final class Running {
    private final Worker worker;
    private final Taken job;
    private final Thread thread;
    private final Instant startedAt;
    final AtomicBoolean lost = new AtomicBoolean();
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicBoolean timedOut = new AtomicBoolean();

    Running(Worker worker, Taken job, Thread thread) {
      this.worker = worker;
      this.job = job;
      this.thread = thread;
      this.startedAt = worker.store.clock().instant();
    }

    String key() {
      return job.queue().name() + "/" + job.id();
    }

    String id() {
      return job.id();
    }

    JobQueue queue() {
      return job.queue();
    }

    int attempt() {
      return job.attempt();
    }

    Instant startedAt() {
      return startedAt;
    }

    String worker() {
      return worker.id;
    }

    boolean stopRequested() {
      return stop.get() || lost.get() || timedOut.get();
    }

    boolean progress(String json) {
      List<?> reply =
          job.queue().run(JobScripts.PROGRESS, "reporting progress", job.id(), job.token(), json);
      return LuaScript.longAt(reply, 0) == 1;
    }
  }

  // ---- plumbing ----

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String defaultName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host + ":" + ProcessHandle.current().pid() + ":" + JobQueue.newId().substring(0, 6);
  }

  /**
   * Builds a {@link Worker}. Built-in handlers ({@code redframe.noop}, {@code redframe.sleep},
   * {@code redframe.echo}, {@code redframe.fail}) are always registered.
   */
  public static final class Builder {
    private final FrameStore store;
    private final List<String> queues = new ArrayList<>();
    private final Map<String, JobHandler> handlers = new LinkedHashMap<>();
    private int concurrency = 1;
    private Duration lease = DEFAULT_LEASE;
    private boolean burst;
    private int maxStalls = 2;
    private int keepEnded = JobQueue.DEFAULT_KEEP_ENDED;
    private String name;
    private Consumer<AttemptEnd> onAttemptEnd;

    private Builder(FrameStore store) {
      this.store = Objects.requireNonNull(store, "store");
      BuiltInHandlers.all().forEach(this::handler);
    }

    /** The queues to take jobs from, in order: an earlier queue's jobs go first. */
    public Builder queues(String... names) {
      for (String queue : names) {
        queues.add(io.redframe.jobs.internal.QueueKeys.checkName(queue));
      }
      return this;
    }

    /**
     * Registers {@code handler} under its name.
     *
     * @throws IllegalStateException if another handler has the name (built-ins included)
     */
    public Builder handler(JobHandler handler) {
      String handlerName = JobSpec.checkHandler(handler.name());
      JobHandler previous = handlers.putIfAbsent(handlerName, handler);
      if (previous != null) {
        throw new IllegalStateException(
            "Handler '" + handlerName + "' is registered twice: " + previous + " and " + handler);
      }
      return this;
    }

    /**
     * Registers every {@link JobHandler} that {@link ServiceLoader} finds through {@code loader}.
     */
    public Builder handlers(ClassLoader loader) {
      ServiceLoader.load(JobHandler.class, loader).forEach(this::handler);
      return this;
    }

    /** Jobs run at once (default 1). */
    public Builder concurrency(int jobs) {
      if (jobs < 1 || jobs > 1024) {
        throw new IllegalArgumentException("Concurrency must be in [1, 1024]: " + jobs);
      }
      this.concurrency = jobs;
      return this;
    }

    /** The lease of a running job (default 10 s), renewed every third of it. */
    public Builder lease(Duration lease) {
      if (lease.toMillis() < 150) {
        throw new IllegalArgumentException("Lease must be at least 150 ms: " + lease);
      }
      this.lease = lease;
      return this;
    }

    /** Burst mode: stop once the queues have no ready job and nothing runs. */
    public Builder burst(boolean burst) {
      this.burst = burst;
      return this;
    }

    /** Times a job's worker may be lost (its lease lapsing) before the job fails (default 2). */
    public Builder maxStalls(int stalls) {
      if (stalls < 0) {
        throw new IllegalArgumentException("maxStalls must be >= 0: " + stalls);
      }
      this.maxStalls = stalls;
      return this;
    }

    /** Ended jobs kept at most per queue (default 10,000), whatever their TTLs. */
    public Builder keepEnded(int jobs) {
      if (jobs < 0) {
        throw new IllegalArgumentException("keepEnded must be >= 0: " + jobs);
      }
      this.keepEnded = jobs;
      return this;
    }

    /** The worker's id in jobs and events (default {@code host:pid:random}). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Calls {@code listener} each time an attempt ends on this worker and the queue recorded it
     * (not for an attempt that lost its lease). It runs on the worker's threads, several at once
     * with a concurrency above 1: keep it short and thread-safe; an exception it throws is logged.
     */
    public Builder onAttemptEnd(Consumer<AttemptEnd> listener) {
      this.onAttemptEnd = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The worker, not started yet.
     *
     * @throws IllegalStateException if no queue was given
     */
    public Worker build() {
      if (queues.isEmpty()) {
        throw new IllegalStateException("A worker needs at least one queue");
      }
      return new Worker(this);
    }
  }
}
