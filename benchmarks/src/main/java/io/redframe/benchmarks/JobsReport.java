package io.redframe.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redframe.FrameStore;
import io.redframe.embedded.RedisProcess;
import io.redframe.jobs.Job;
import io.redframe.jobs.JobQueue;
import io.redframe.jobs.JobSpec;
import io.redframe.jobs.JobStatus;
import io.redframe.jobs.Worker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.RedisClient;

/**
 * The jobs report: against one Redis, redframe's job queue with one worker JVM next to Python's
 * {@code rq} (Debian's {@code python3-rq}) on the same server: enqueue one by one and in bulk,
 * processing of no-op jobs, pickup latency of an idle worker, and recovery after {@code kill -9} of
 * a worker process. Writes {@code jobs.json} and the README's jobs benchmark section.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.redframe.benchmarks.JobsReport \
 *     [--enqueue 5000] [--bulk 100000] [--jobs 50000] [--pickups 200] [--recoveries 3] [--lease 10s] \
 *     [--rq-enqueue 5000] [--rq-bulk 20000] [--rq-jobs 5000] [--rq-fork-jobs 500] \
 *     [--child-jvm-option -XX:StartFlightRecording=...] [--out benchmarks/results] [--readme README.md]
 * </pre>
 *
 * {@code --render} only rewrites the README section from the results in {@code --out}.
 */
public final class JobsReport {
  static final String BEGIN = "<!-- jobs-bench:begin -->\n";
  static final String END = "<!-- jobs-bench:end -->";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int BATCH = 1000;

  private final ObjectNode json = MAPPER.createObjectNode();
  private final Settings settings;

  /** What to measure, and how much. */
  record Settings(
      int enqueue,
      int bulk,
      int jobs,
      int pickups,
      int recoveries,
      Duration lease,
      int rqEnqueue,
      int rqBulk,
      int rqJobs,
      int rqForkJobs,
      List<String> childJvmOptions) {}

  private JobsReport(Settings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) throws Exception {
    int enqueue = 5000;
    int bulk = 100_000;
    int jobs = 50_000;
    int pickups = 200;
    int recoveries = 3;
    Duration lease = Worker.DEFAULT_LEASE;
    int rqEnqueue = 5000;
    int rqBulk = 20_000;
    int rqJobs = 5000;
    int rqForkJobs = 500;
    List<String> childJvm = new ArrayList<>();
    Path out = Path.of("benchmarks", "results");
    Path readme = Path.of("README.md");
    boolean render = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--enqueue" -> enqueue = Integer.parseInt(args[++i]);
        case "--bulk" -> bulk = Integer.parseInt(args[++i]);
        case "--jobs" -> jobs = Integer.parseInt(args[++i]);
        case "--pickups" -> pickups = Integer.parseInt(args[++i]);
        case "--recoveries" -> recoveries = Integer.parseInt(args[++i]);
        case "--lease" -> lease = Duration.parse("PT" + args[++i].toUpperCase(Locale.ROOT));
        case "--rq-enqueue" -> rqEnqueue = Integer.parseInt(args[++i]);
        case "--rq-bulk" -> rqBulk = Integer.parseInt(args[++i]);
        case "--rq-jobs" -> rqJobs = Integer.parseInt(args[++i]);
        case "--rq-fork-jobs" -> rqForkJobs = Integer.parseInt(args[++i]);
        case "--child-jvm-option" -> childJvm.add(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--readme" -> readme = Path.of(args[++i]);
        case "--render" -> render = true;
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    JobsReport report =
        new JobsReport(
            new Settings(
                enqueue,
                bulk,
                jobs,
                pickups,
                recoveries,
                lease,
                rqEnqueue,
                rqBulk,
                rqJobs,
                rqForkJobs,
                List.copyOf(childJvm)));
    if (render) {
      report.json.setAll((ObjectNode) MAPPER.readTree(out.resolve("jobs.json").toFile()));
    } else {
      report.run();
    }
    report.write(out, readme);
  }

  private void run() throws Exception {
    try (RedisProcess server = BenchRedis.start();
        FrameStore store = FrameStore.open("redis://127.0.0.1:" + server.port() + "?timeout=60s");
        RedisClient raw = RedisClient.create("127.0.0.1", server.port())) {
      String url = "redis://127.0.0.1:" + server.port() + "?timeout=60s";
      json.put("machine", Usage.machine());
      json.put("jdk", Runtime.version().toString());
      json.put("redis", server.version());
      json.put("date", Instant.now().toString());
      json.put("load_before", loadAverage());
      json.put("jobs", settings.jobs());
      ObjectNode java = json.putObject("redframe");
      java.put("enqueue_one_per_s", enqueueOneByOne(store, raw));
      java.put("enqueue_bulk_per_s", enqueueBulk(store, raw));
      ObjectNode processing = java.putObject("processing_per_s");
      for (int concurrency : List.of(1, 8)) {
        processing.put(Integer.toString(concurrency), processing(store, raw, url, concurrency));
      }
      java.set("pickup", pickup(store, raw, url));
      java.set("recovery", recovery(store, raw, url));
      json.set("rq", rq(server.port()));
      json.put("load_after", loadAverage());
    }
  }

  // ---- redframe ----

  private static JobSpec noop() {
    return JobSpec.of("redframe.noop");
  }

  private double enqueueOneByOne(FrameStore store, RedisClient raw) {
    JobQueue queue = JobQueue.open(store, "enqueue");
    for (int i = 0; i < Math.min(10_000, settings.enqueue()); i++) {
      queue.enqueue(noop()); // warm-up (the JIT)
    }
    raw.flushAll();
    long start = System.nanoTime();
    for (int i = 0; i < settings.enqueue(); i++) {
      queue.enqueue(noop());
    }
    double rate = settings.enqueue() / seconds(start);
    raw.flushAll();
    return rate;
  }

  private double enqueueBulk(FrameStore store, RedisClient raw) {
    JobQueue queue = JobQueue.open(store, "bulk");
    bulk(queue, Math.min(50 * BATCH, settings.bulk())); // warm-up (the JIT)
    raw.flushAll();
    long start = System.nanoTime();
    bulk(queue, settings.bulk());
    double rate = settings.bulk() / seconds(start);
    raw.flushAll();
    return rate;
  }

  private static void bulk(JobQueue queue, int jobs) {
    for (int done = 0; done < jobs; done += BATCH) {
      List<JobSpec> specs = new ArrayList<>(BATCH);
      for (int i = 0; i < Math.min(BATCH, jobs - done); i++) {
        specs.add(noop());
      }
      queue.enqueueAll(specs);
    }
  }

  /** One worker JVM drains {@code jobs} no-op jobs after a warm-up queue; jobs per second. */
  private double processing(FrameStore store, RedisClient raw, String url, int concurrency)
      throws Exception {
    raw.flushAll();
    int warm = Math.max(1, Math.min(20_000, settings.jobs() / 2));
    bulk(JobQueue.open(store, "warm"), warm);
    bulk(JobQueue.open(store, "run"), settings.jobs());
    Process child =
        child(
            "process",
            url,
            Integer.toString(concurrency),
            Integer.toString(warm),
            Integer.toString(settings.jobs()));
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!child.waitFor(30, TimeUnit.MINUTES) || child.exitValue() != 0) {
      throw new IllegalStateException("The worker JVM failed: " + output);
    }
    String last = output.strip().lines().reduce((a, b) -> b).orElse("");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("processed=(\\d+) us=(\\d+)").matcher(last);
    if (!m.find() || Long.parseLong(m.group(1)) != settings.jobs()) {
      throw new IllegalStateException("The worker JVM did not process every job: " + output);
    }
    var left = JobQueue.open(store, "run").counts();
    if (left.get("queued") + left.get("scheduled") + left.get("started") != 0) {
      throw new IllegalStateException("Jobs left after the worker JVM ended: " + left);
    }
    raw.flushAll();
    return Long.parseLong(m.group(1)) * 1e6 / Math.max(1, Long.parseLong(m.group(2)));
  }

  /**
   * Jobs enqueued one at a time into an idle worker (10 ms apart, after a warm-up): from just
   * before {@code enqueue} to the handler's first line, on this machine's wall clock, in µs; and
   * the same from the job's own record (Redis' clock, whole milliseconds).
   */
  private JsonNode pickup(FrameStore store, RedisClient raw, String url) throws Exception {
    raw.flushAll();
    JobQueue queue = JobQueue.open(store, "pickup");
    List<Double> wall = new ArrayList<>();
    List<Double> recorded = new ArrayList<>();
    try (ServingWorker worker =
        ServingWorker.start(this, url, "pickup", Worker.DEFAULT_LEASE, "pickup-1")) {
      int warmUp = Math.min(200, Math.max(5, settings.pickups()));
      for (int i = 0; i < warmUp + settings.pickups(); i++) {
        Thread.sleep(10);
        Instant before = Instant.now();
        String id = queue.enqueue(JobSpec.of("bench.stamp"));
        Job job =
            queue
                .await(id, Duration.ofSeconds(60))
                .orElseThrow(() -> new IllegalStateException(worker.name + " did not run " + id));
        if (job.status() != JobStatus.FINISHED) {
          throw new IllegalStateException("Pickup job " + id + " ended " + job);
        }
        if (i >= warmUp) {
          long started = queue.result(id, Long.class).orElseThrow();
          wall.add((started - micros(before)) / 1000.0);
          recorded.add(
              (double)
                  Duration.between(job.enqueuedAt(), job.startedAt().orElseThrow()).toMillis());
        }
      }
    }
    raw.flushAll();
    return MAPPER
        .createObjectNode()
        .put("n", wall.size())
        .put("p50_ms", percentile(wall, 50))
        .put("p99_ms", percentile(wall, 99))
        .put("recorded_p50_ms", percentile(recorded, 50))
        .put("recorded_p99_ms", percentile(recorded, 99));
  }

  /**
   * Two worker JVMs; a job that hangs on its first attempt; whichever worker takes it is killed
   * with SIGKILL, and the other runs it again once its lease lapses: kill to the re-run's start.
   */
  private JsonNode recovery(FrameStore store, RedisClient raw, String url) throws Exception {
    raw.flushAll();
    JobQueue queue = JobQueue.open(store, "recover");
    Duration lease = settings.lease();
    List<ServingWorker> workers = new ArrayList<>();
    ArrayNode runs = MAPPER.createArrayNode();
    List<Double> values = new ArrayList<>();
    try {
      for (int i = 1; i <= 2; i++) {
        workers.add(ServingWorker.start(this, url, "recover", lease, "recover-" + i));
      }
      for (int r = 0; r < settings.recoveries(); r++) {
        String id = queue.enqueue(JobSpec.of("bench.hang"));
        Job started = awaitStarted(queue, id);
        ServingWorker victim =
            workers.stream()
                .filter(w -> w.name.equals(started.worker().orElseThrow()))
                .findFirst()
                .orElseThrow();
        long killedAt = System.currentTimeMillis();
        victim.kill();
        workers.remove(victim);
        Job rerun = queue.await(id, lease.multipliedBy(5)).orElseThrow();
        if (rerun.status() != JobStatus.FINISHED || rerun.attempts() != 2) {
          throw new IllegalStateException("The killed worker's job ended " + rerun);
        }
        double ms = rerun.startedAt().orElseThrow().toEpochMilli() - killedAt;
        runs.add(ms);
        values.add(ms);
        workers.add(ServingWorker.start(this, url, "recover", lease, "recover-" + (r + 3)));
      }
    } finally {
      workers.forEach(ServingWorker::close);
    }
    raw.flushAll();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("lease_ms", lease.toMillis());
    node.set("runs_ms", runs);
    node.put("median_ms", percentile(values, 50));
    node.put("max_ms", percentile(values, 100));
    return node;
  }

  private static Job awaitStarted(JobQueue queue, String id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Job job = queue.job(id).orElseThrow();
      if (job.status() == JobStatus.STARTED) {
        return job;
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("Job " + id + " did not start within 60 s");
  }

  /** A {@link JobsBenchChild} {@code serve} process, ready to take jobs. */
  private static final class ServingWorker implements AutoCloseable {
    final String name;
    final Process process;

    private ServingWorker(String name, Process process) {
      this.name = name;
      this.process = process;
    }

    static ServingWorker start(
        JobsReport report, String url, String queue, Duration lease, String name)
        throws IOException {
      Process process = report.child("serve", url, queue, Long.toString(lease.toMillis()), name);
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      for (String line = out.readLine(); !"ready".equals(line); line = out.readLine()) {
        if (line == null) {
          throw new IllegalStateException("Worker " + name + " did not start: " + seen);
        }
        seen.append(line).append('\n');
      }
      Thread drain =
          new Thread(
              () -> {
                try {
                  out.transferTo(java.io.Writer.nullWriter());
                } catch (IOException e) {
                  // the process is gone
                }
              },
              "drain-" + name);
      drain.setDaemon(true);
      drain.start();
      return new ServingWorker(name, process);
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL
      process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      try {
        kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Process child(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(settings.childJvmOptions());
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), JobsBenchChild.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  // ---- rq ----

  private JsonNode rq(int port) throws Exception {
    String python = pythonWithRq();
    if (python == null) {
      return MAPPER
          .createObjectNode()
          .put("absent", "no python3 with rq and redis (Debian: apt-get install python3-rq)");
    }
    Path dir = Files.createTempDirectory("rq-bench");
    for (String file : List.of("rq_bench.py", "rq_jobs.py")) {
      try (InputStream in = JobsReport.class.getResourceAsStream(file)) {
        Files.write(dir.resolve(file), in.readAllBytes());
      }
    }
    Process process =
        new ProcessBuilder(
                python,
                dir.resolve("rq_bench.py").toString(),
                "127.0.0.1",
                Integer.toString(port),
                Integer.toString(settings.rqEnqueue()),
                Integer.toString(settings.rqBulk()),
                Integer.toString(settings.rqJobs()),
                Integer.toString(settings.rqForkJobs()),
                Integer.toString(settings.pickups()))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String output =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    String last = output.lines().reduce((a, b) -> b).orElse("");
    if (!process.waitFor(60, TimeUnit.MINUTES) || process.exitValue() != 0) {
      return MAPPER.createObjectNode().put("absent", "rq failed: " + last);
    }
    return MAPPER.readTree(last);
  }

  /** The first python3 that has rq and redis-py, or null. */
  private static String pythonWithRq() throws InterruptedException {
    for (String candidate : List.of("/usr/bin/python3", "python3", "/usr/local/bin/python3")) {
      try {
        Process probe =
            new ProcessBuilder(candidate, "-c", "import rq, redis")
                .redirectErrorStream(true)
                .start();
        probe.getInputStream().readAllBytes();
        if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
          return candidate;
        }
      } catch (IOException e) {
        // not installed there
      }
    }
    return null;
  }

  // ---- the report ----

  private void write(Path out, Path readme) throws IOException {
    Files.createDirectories(out);
    MAPPER
        .writer()
        .with(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve("jobs.json").toFile(), json);
    String markdown = markdown(json);
    if (Files.exists(readme)) {
      String text = Files.readString(readme);
      int begin = text.indexOf(BEGIN);
      int end = text.indexOf(END);
      if (begin >= 0 && end > begin) {
        Files.writeString(
            readme, text.substring(0, begin + BEGIN.length()) + markdown + text.substring(end));
      }
    }
    System.out.println(markdown);
  }

  static String markdown(JsonNode json) {
    JsonNode java = json.get("redframe");
    JsonNode rq = json.get("rq");
    boolean absent = rq.has("absent");
    double simple = absent ? Double.NaN : rq.get("simple_worker").get("per_s").asDouble();
    double c1 = java.get("processing_per_s").get("1").asDouble();
    double c8 = java.get("processing_per_s").get("8").asDouble();
    double bulk = java.get("enqueue_bulk_per_s").asDouble();
    JsonNode pickup = java.get("pickup");
    JsonNode recovery = java.get("recovery");
    StringBuilder md = new StringBuilder();
    md.append(
        format(
            "No-op jobs against one Redis %s on loopback; one worker JVM (JDK %s) per measurement;"
                + " %s; %s; load average %s before, %s after (a shared VM).%n%n",
            json.get("redis").asText(),
            json.get("jdk").asText(),
            absent
                ? "rq absent (" + rq.get("absent").asText() + ")"
                : "rq "
                    + rq.get("rq").asText()
                    + " (Python "
                    + rq.get("python").asText()
                    + ", redis-py "
                    + rq.get("redis_py").asText()
                    + ") on the same Redis",
            json.get("machine").asText(),
            json.get("load_before").asText(),
            json.get("load_after").asText()));
    md.append("| measure | redframe jobs | rq | redframe / rq | target |\n");
    md.append("| --- | ---: | ---: | ---: | --- |\n");
    row(
        md,
        "enqueue one by one, jobs/s",
        rate(java.get("enqueue_one_per_s").asDouble()),
        absent ? "absent" : rate(rq.get("enqueue_one_per_s").asDouble()) + " (`enqueue`)",
        ratio(java.get("enqueue_one_per_s").asDouble(), rq, "enqueue_one_per_s"),
        "");
    row(
        md,
        "bulk enqueue, jobs/s",
        rate(bulk) + " (`enqueueAll` of 1,000)",
        absent
            ? "absent"
            : rate(rq.get("enqueue_bulk_per_s").asDouble()) + " (`enqueue_many` of 1,000)",
        ratio(bulk, rq, "enqueue_bulk_per_s"),
        "≥ 50,000: " + (bulk >= 50_000 ? "met" : "missed"));
    row(
        md,
        "no-op processing, one worker process, jobs/s",
        rate(c1) + " (default options: concurrency 1)",
        absent ? "absent" : rate(simple) + " (SimpleWorker)",
        absent ? "" : format("%.1f×", c1 / simple),
        absent
            ? "aim 23,500"
            : "≥ 10× SimpleWorker ("
                + rate(10 * simple)
                + "): "
                + (c1 >= 10 * simple ? "met" : "missed")
                + "; aim 23,500: "
                + (c1 >= 23_500 ? "reached" : "not reached"));
    row(
        md,
        "no-op processing, one worker process, jobs/s",
        rate(c8) + " (concurrency 8)",
        absent
            ? "absent"
            : rate(rq.get("fork_worker").get("per_s").asDouble()) + " (Worker, a fork per job)",
        absent ? "" : format("%.1f× SimpleWorker", c8 / simple),
        absent ? "" : "≥ 10× SimpleWorker: " + (c8 >= 10 * simple ? "met" : "missed"));
    row(
        md,
        "pickup by an idle worker (enqueue to start), p50 / p99 ms",
        format("%.2f / %.2f", pickup.get("p50_ms").asDouble(), pickup.get("p99_ms").asDouble()),
        absent
            ? "absent"
            : format(
                "%.2f / %.2f (SimpleWorker); %.1f / %.1f (Worker)",
                rq.get("pickup_simple").get("p50_ms").asDouble(),
                rq.get("pickup_simple").get("p99_ms").asDouble(),
                rq.get("pickup_fork").get("p50_ms").asDouble(),
                rq.get("pickup_fork").get("p99_ms").asDouble()),
        "",
        "p50 < 5 ms: " + (pickup.get("p50_ms").asDouble() < 5 ? "met" : "missed"));
    double lease = recovery.get("lease_ms").asDouble();
    row(
        md,
        "recovery after `kill -9` of a worker process (kill to re-run start), s",
        format(
            "%.1f median, %.1f max (lease %.0f s; %d kills)",
            recovery.get("median_ms").asDouble() / 1000,
            recovery.get("max_ms").asDouble() / 1000,
            lease / 1000,
            recovery.get("runs_ms").size()),
        "not re-run¹",
        "",
        "within two leases: "
            + (recovery.get("max_ms").asDouble() <= 2 * lease ? "met" : "missed"));
    md.append(
        format(
            "%nPickup: %d jobs one at a time, 10 ms apart, after a warm-up; from just before the"
                + " enqueue call to the handler's first line (wall clock, µs); the jobs' own"
                + " records (Redis' clock, whole ms) say p50 %.0f / p99 %.0f ms. Processing: %d"
                + " jobs queued beforehand; the worker JVM runs a warm-up queue first, then the"
                + " measured one, timed from the worker's start to the last job's end (its"
                + " runners take and end short jobs in batches of up to 32). rq's workers run"
                + " theirs in burst mode, timed around `work()`. Recovery: two worker JVMs, a job"
                + " that hangs on its first attempt; whichever worker took it is killed with"
                + " SIGKILL; from the kill to the start of its next attempt on the other.%n%n",
            pickup.get("n").asInt(),
            pickup.get("recorded_p50_ms").asDouble(),
            pickup.get("recorded_p99_ms").asDouble(),
            json.path("jobs").asInt()));
    md.append(
        "¹ rq 1.13 does not re-run the job of a worker that died: once the job's heartbeat"
            + " (90 s) has lapsed, the next registry cleanup (every 10 minutes) moves it to the"
            + " FailedJobRegistry, or re-enqueues it only if it was enqueued with a `Retry`.\n");
    return md.toString();
  }

  private static void row(
      StringBuilder md, String measure, String java, String rq, String ratio, String target) {
    md.append("| ").append(String.join(" | ", measure, java, rq, ratio, target)).append(" |\n");
  }

  private static String ratio(double java, JsonNode rq, String field) {
    return rq.has("absent") ? "" : format("%.1f×", java / rq.get(field).asDouble());
  }

  private static String rate(double perSecond) {
    return format("%,.0f", perSecond);
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  // ---- plumbing ----

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
  }

  private static double percentile(List<Double> values, int percentile) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ", -1);
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
