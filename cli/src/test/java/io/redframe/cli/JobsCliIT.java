package io.redframe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redframe.FrameStore;
import io.redframe.cli.handlers.Describe;
import io.redframe.cli.handlers.Lines;
import io.redframe.jobs.JobQueue;
import io.redframe.jobs.JobStatus;
import io.redframe.testing.TestRedis;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code redframe worker} and {@code redframe jobs}: the real jar, in child processes, against a
 * real Redis, with handlers from the built-ins and from a jar loaded through ServiceLoader.
 */
class JobsCliIT {
  private static final Path JAR =
      Path.of(System.getProperty("redframe.jar", "target/redframe.jar"));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private String url;
  private final List<Process> started = new ArrayList<>();

  record Result(int exit, String out, String err) {}

  @BeforeEach
  void store() {
    url =
        TestRedis.url()
            + (TestRedis.url().contains("?") ? "&" : "?")
            + "prefix="
            + TestRedis.freshPrefix();
  }

  @AfterEach
  void stopWorkers() {
    started.forEach(Process::destroyForcibly);
  }

  private List<String> command(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // starts faster; these processes are short
                "-jar",
                JAR.toString(),
                "--url=" + url));
    command.addAll(List.of(args));
    return command;
  }

  private Result redframe(String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command(args));
    builder.environment().remove("REDFRAME_URL");
    Process process = builder.start();
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
    return new Result(process.exitValue(), out, err.get());
  }

  /** A command that runs in the background, its output in files. */
  private Process background(String name, String... args) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command(args));
    builder.environment().remove("REDFRAME_URL");
    builder.redirectOutput(dir.resolve(name + ".out").toFile());
    builder.redirectError(dir.resolve(name + ".err").toFile());
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private String output(String name) throws IOException {
    return Files.readString(dir.resolve(name + ".out"));
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Result ok(String... args) throws Exception {
    Result result = redframe(args);
    assertThat(result.exit()).as(String.join(" ", args) + ": " + result.err()).isZero();
    return result;
  }

  private String enqueue(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("jobs", "enqueue"));
    all.addAll(List.of(args));
    String id = ok(all.toArray(String[]::new)).out().strip();
    assertThat(id).matches("[A-Za-z0-9._:-]+");
    return id;
  }

  private JsonNode info(String queue, String id) throws Exception {
    return JSON.readTree(ok("jobs", "info", queue, id).out());
  }

  private static Path data(String file) throws URISyntaxException {
    return Path.of(JobsCliIT.class.getResource("/data/" + file).toURI());
  }

  /** The handlers of io.redframe.cli.handlers in a jar with their ServiceLoader entry. */
  private Path handlerJar() throws Exception {
    Path classes =
        Path.of(Describe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jar = dir.resolve("handlers.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.list(classes.resolve("io/redframe/cli/handlers"))) {
      out.putNextEntry(new JarEntry("META-INF/services/io.redframe.jobs.JobHandler"));
      out.write(
          (Describe.class.getName() + "\n" + Lines.class.getName() + "\n")
              .getBytes(StandardCharsets.UTF_8));
      for (Path file : (Iterable<Path>) files::iterator) {
        out.putNextEntry(new JarEntry("io/redframe/cli/handlers/" + file.getFileName()));
        Files.copy(file, out);
      }
    }
    return jar;
  }

  @Test
  void enqueuedJobsRunInABurstWorkerAndTheirResultsAndErrorsShow() throws Exception {
    String echo = enqueue("q", "redframe.echo", "--args", "{\"x\": 1, \"name\": \"é\"}");
    String fail =
        enqueue("q", "redframe.fail", "--args", "{\"message\": \"boom\"}", "--retries", "1");
    String unique = enqueue("q", "redframe.noop", "--id", "nightly-1", "--priority", "5");
    assertThat(unique).isEqualTo("nightly-1");
    assertThat(enqueue("q", "redframe.noop", "--id", "nightly-1")).isEqualTo("nightly-1");
    Result before = ok("jobs", "stats", "q");
    assertThat(before.out()).contains("queue q").contains("jobs: 3 queued, 0 scheduled");
    assertThat(before.out()).containsPattern("oldest waiting: \\d");

    Result worker = ok("worker", "--burst", "q");

    assertThat(worker.out())
        .contains("worker ")
        .contains(echo + " redframe.echo finished ")
        .contains(fail + " redframe.fail queued ")
        .containsPattern(fail + " redframe.fail failed .* \\(attempt 2\\): boom")
        .contains("nightly-1 redframe.noop finished ")
        .contains("stopped after 4 attempts (2 failed)");
    // Priority 5 ran before the others, which ran first in, first out.
    assertThat(worker.out().indexOf("nightly-1 ")).isLessThan(worker.out().indexOf(echo + " "));
    assertThat(worker.out().indexOf(echo + " ")).isLessThan(worker.out().indexOf(fail + " "));

    JsonNode job = info("q", echo);
    assertThat(job.path("status").asText()).isEqualTo("finished");
    assertThat(job.path("attempts").asInt()).isEqualTo(1);
    assertThat(job.path("handler").asText()).isEqualTo("redframe.echo");
    assertThat(job.path("worker").asText()).isNotEmpty();
    assertThat(job.path("endedAt").asText()).isNotEmpty();
    assertThat(job.path("args")).isEqualTo(JSON.readTree("{\"x\": 1, \"name\": \"é\"}"));
    assertThat(job.path("result")).isEqualTo(JSON.readTree("{\"x\": 1, \"name\": \"é\"}"));
    assertThat(ok("jobs", "result", "q", echo).out().strip()).isEqualTo("{\"x\":1,\"name\":\"é\"}");
    assertThat(ok("jobs", "wait", "q", echo, "--timeout", "10s").out().strip())
        .isEqualTo("{\"x\":1,\"name\":\"é\"}");

    Result failedWait = redframe("jobs", "wait", "q", fail);
    assertThat(failedWait.exit()).isEqualTo(1);
    assertThat(failedWait.out()).isEmpty();
    assertThat(failedWait.err().strip())
        .isEqualTo("redframe: Job " + fail + " failed after 2 attempts: boom");
    Result noResult = redframe("jobs", "result", "q", fail);
    assertThat(noResult.exit()).isEqualTo(1);
    assertThat(info("q", fail).path("error").asText()).isEqualTo("boom");

    Result stats = ok("jobs", "stats", "q");
    assertThat(stats.out())
        .contains("jobs: 0 queued, 0 scheduled, 0 deferred, 0 started, 3 ended")
        .contains("oldest waiting: none waiting")
        .containsPattern("last .*: 2 finished, 1 failed, 1 retried \\(\\d+\\.\\d\\d jobs/s\\)")
        .containsPattern("worker \\S+: idle");
    assertThat(ok("jobs", "stats").out()).contains("queue q");

    Result all = ok("jobs", "ls", "q");
    assertThat(all.out()).contains("ID").contains(echo).contains(fail).contains("nightly-1");
    Result failed = ok("jobs", "ls", "q", "--status", "failed", "--quiet");
    assertThat(failed.out().lines()).hasSize(1).allMatch(line -> line.startsWith(fail + " "));
    assertThat(failed.out()).contains("boom");
  }

  @Test
  void cancelRequeueAndDelayedJobs() throws Exception {
    String later = enqueue("q", "redframe.noop", "--in", "1h");
    String at = enqueue("q", "redframe.noop", "--at", "2099-01-01T00:00:00Z");
    String dependent = enqueue("q", "redframe.noop", "--depends-on", later);
    assertThat(info("q", later).path("status").asText()).isEqualTo("scheduled");
    assertThat(info("q", at).path("status").asText()).isEqualTo("scheduled");
    assertThat(info("q", dependent).path("status").asText()).isEqualTo("deferred");
    assertThat(info("q", dependent).path("dependsOn").get(0).asText()).isEqualTo(later);

    assertThat(ok("jobs", "cancel", "q", later).out().strip()).isEqualTo("canceled " + later);
    assertThat(info("q", later).path("status").asText()).isEqualTo("canceled");
    assertThat(info("q", dependent).path("status").asText()).isEqualTo("canceled");
    Result again = redframe("jobs", "cancel", "q", later);
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).startsWith("redframe: Job " + later + " has already ended");
    Result waitCanceled = redframe("jobs", "wait", "q", dependent);
    assertThat(waitCanceled.exit()).isEqualTo(1);
    assertThat(waitCanceled.err()).startsWith("redframe: Job " + dependent + " was canceled");

    assertThat(ok("jobs", "requeue", "q", later).out().strip()).isEqualTo("requeued " + later);
    assertThat(info("q", later).path("status").asText()).isEqualTo("queued");
    Result queuedWait = redframe("jobs", "wait", "q", at, "--timeout", "300ms");
    assertThat(queuedWait.exit()).isEqualTo(1);
    assertThat(queuedWait.err()).startsWith("redframe: Job " + at + " is still scheduled after");
    ok("worker", "--burst", "--quiet", "q");
    assertThat(info("q", later).path("status").asText()).isEqualTo("finished");
    assertThat(info("q", later).path("attempts").asInt()).isEqualTo(1);
    assertThat(info("q", at).path("status").asText()).isEqualTo("scheduled");
    assertThat(ok("jobs", "ls", "q", "--status", "scheduled", "--quiet").out()).startsWith(at);

    Result missing = redframe("jobs", "info", "q", "nope");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).startsWith("redframe: No job 'nope' in queue 'q'");
  }

  @Test
  void aFrameArgumentIsPinnedAtEnqueueAndAFrameResultIsPublished() throws Exception {
    ok("put", data("seattle-weather.csv").toString());
    String current = enqueue("frames", "test.describe", "--frame", "in=seattle-weather");
    ok("put", data("stocks.csv").toString(), "--name", "seattle-weather"); // version 2
    String first = enqueue("frames", "test.describe", "--frame", "in=seattle-weather@1");
    String lines = enqueue("frames", "test.lines", "--args", "{\"text\": \"hello\"}");
    Path jar = handlerJar();

    Result worker = ok("worker", "--burst", "--handlers", jar.toString(), "frames");

    assertThat(worker.out())
        .contains("test.describe")
        .contains(current + " test.describe finished")
        .contains(lines + " test.lines finished");
    JsonNode described = JSON.readTree(ok("jobs", "result", "frames", current).out());
    assertThat(described.path("rows").asInt()).isEqualTo(1461);
    assertThat(described.path("storedRows").asInt()).isEqualTo(1461);
    assertThat(described.path("input").asText()).matches("seattle-weather@1#[0-9a-f]{32}");
    assertThat(described.path("columns").toString()).contains("precipitation");
    assertThat(info("frames", current).path("frames").path("in").asText())
        .isEqualTo(described.path("input").asText());
    assertThat(JSON.readTree(ok("jobs", "result", "frames", first).out()).path("rows").asInt())
        .isEqualTo(1461);

    String ref = ok("jobs", "result", "frames", lines).out().strip();
    assertThat(ref).matches("jobs/frames/" + lines + "@1#[0-9a-f]{32}");
    assertThat(info("frames", lines).path("resultFrame").asText()).isEqualTo(ref);
    Result manifest = ok("info", "jobs/frames/" + lines);
    assertThat(manifest.out())
        .contains("\"codec\" : \"test-lines\"")
        .contains("\"job.id\" : \"" + lines + "\"")
        .contains("\"job.handler\" : \"test.lines\"");

    Result noFrame = redframe("jobs", "enqueue", "frames", "test.describe", "--frame", "in=nope");
    assertThat(noFrame.exit()).isEqualTo(1);
    assertThat(noFrame.out()).isEmpty();
    assertThat(noFrame.err()).startsWith("redframe: ").contains("'nope'");
  }

  @Test
  void sigtermLetsTheRunningJobFinishTakesNoOtherAndExitsZero() throws Exception {
    String slow = enqueue("q", "redframe.sleep", "--args", "{\"ms\": 20000}");
    String next = enqueue("q", "redframe.noop");
    Process worker = background("worker", "worker", "q");
    try (FrameStore store = FrameStore.open(url)) {
      JobQueue queue = JobQueue.open(store, "q"); // polled in process: a CLI call is slower
      TestRedis.await(
          "the slow job to start",
          WAIT,
          () -> queue.status(slow).orElseThrow() == JobStatus.STARTED);
    }

    worker.destroy(); // SIGTERM
    Result stats = ok("jobs", "stats", "q"); // the worker is still finishing the slow job
    assertThat(worker.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(stats.out())
        .contains("jobs: 1 queued, 0 scheduled, 0 deferred, 1 started, 0 ended")
        .containsPattern("worker \\S+: running " + slow + " \\(redframe.sleep, ");
    assertThat(worker.exitValue()).isZero();
    assertThat(info("q", slow).path("status").asText()).isEqualTo("finished");
    assertThat(info("q", next).path("status").asText()).isEqualTo("queued");
    assertThat(output("worker"))
        .contains("stopping: no new jobs")
        .contains(slow + " redframe.sleep finished")
        .contains("stopped after 1 attempt (0 failed)")
        .doesNotContain(next);
  }

  @Test
  void aScheduleAndATriggerRunThroughAWorker() throws Exception {
    Result scheduled =
        ok(
            "jobs",
            "schedule",
            "s",
            "tick",
            "redframe.echo",
            "--every",
            "1s",
            "--args",
            "{\"tick\": true}");
    assertThat(scheduled.out()).startsWith("scheduled tick on queue s: redframe.echo every PT1S");
    ok("put", data("stocks.csv").toString(), "--name", "w");
    Result trigger = ok("jobs", "trigger", "s", "on-w", "w", "in", "test.describe");
    assertThat(trigger.out()).contains("on every new version of w (as in)");
    Result stats = ok("jobs", "stats", "s");
    assertThat(stats.out()).contains("schedule tick: next ").contains("trigger on-w: frame w");

    Process worker = background("worker", "worker", "--handlers", handlerJar().toString(), "s");
    TestRedis.await(
        "two runs of the schedule",
        WAIT,
        () -> count(outputQuietly("worker"), "redframe.echo finished") >= 2);
    ok("put", data("seattle-weather.csv").toString(), "--name", "w");
    TestRedis.await(
        "the trigger's run",
        WAIT,
        () -> outputQuietly("worker").contains("test.describe finished"));
    worker.destroy();
    assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(worker.exitValue()).isZero();

    Result finished = ok("jobs", "ls", "s", "--status", "finished", "--quiet");
    List<String> ids = finished.out().lines().map(line -> line.split(" ", -1)[0]).toList();
    assertThat(ids).anyMatch(id -> id.startsWith("sched.tick."));
    String triggered = ids.stream().filter(id -> id.startsWith("trig.on-w.2.")).findFirst().get();
    assertThat(JSON.readTree(ok("jobs", "result", "s", triggered).out()).path("rows").asInt())
        .isEqualTo(1461);

    assertThat(ok("jobs", "unschedule", "s", "tick").out().strip()).isEqualTo("unscheduled tick");
    assertThat(ok("jobs", "untrigger", "s", "on-w").out().strip()).isEqualTo("untriggered on-w");
    Result gone = redframe("jobs", "unschedule", "s", "tick");
    assertThat(gone.exit()).isEqualTo(1);
    assertThat(gone.err().strip()).isEqualTo("redframe: No schedule 'tick' on queue 's'");
    assertThat(ok("jobs", "stats", "s").out()).doesNotContain("schedule tick");
  }

  private String outputQuietly(String name) {
    try {
      return output(name);
    } catch (IOException e) {
      return "";
    }
  }

  private static long count(String text, String what) {
    return text.lines().filter(line -> line.contains(what)).count();
  }

  @Test
  void badValuesAreUsageErrorsThatListTheAcceptedForms() throws Exception {
    Result duration = redframe("jobs", "enqueue", "q", "redframe.noop", "--in", "10x");
    Result time = redframe("jobs", "enqueue", "q", "redframe.noop", "--at", "tomorrow");
    Result both =
        redframe("jobs", "enqueue", "q", "redframe.noop", "--in", "1s", "--at", "2099-01-01T00:00");
    Result args = redframe("jobs", "enqueue", "q", "redframe.noop", "--args", "{x");
    Result frame = redframe("jobs", "enqueue", "q", "redframe.noop", "--frame", "in");
    Result priority = redframe("jobs", "enqueue", "q", "redframe.noop", "--priority", "5000");
    Result queue = redframe("jobs", "enqueue", "no queue", "redframe.noop");
    Result status = redframe("jobs", "ls", "q", "--status", "done");
    Result every = redframe("jobs", "schedule", "q", "t", "redframe.noop", "--cron", "every day");
    Result neither = redframe("jobs", "schedule", "q", "t", "redframe.noop");
    Result lease = redframe("worker", "--lease", "soon", "q");
    Result missingJar = redframe("worker", "--handlers", dir.resolve("nope.jar").toString(), "q");

    for (Result usage :
        List.of(duration, time, both, args, frame, priority, queue, status, every)) {
      assertThat(usage.exit()).as(usage.err()).isEqualTo(2);
    }
    assertThat(neither.exit()).isEqualTo(2);
    assertThat(lease.exit()).isEqualTo(2);
    assertThat(duration.err())
        .contains("'10x' is not a duration such as 250ms, 30s, 10m, 2h, 7d, 1h30m or PT1H30M");
    assertThat(lease.err()).contains("'soon' is not a duration such as");
    assertThat(time.err())
        .contains(
            "'tomorrow' is not a time such as 2026-12-01T03:00:00Z, 2026-12-01T04:00+01:00 or"
                + " 2026-12-01T03:00 (local time)");
    assertThat(both.err()).contains("Give --in or --at, not both");
    assertThat(args.err()).contains("Invalid --args: not JSON");
    assertThat(frame.err()).contains("Invalid --frame 'in': expected ARG=NAME or ARG=NAME@VERSION");
    assertThat(priority.err()).contains("Priority must be in [-1000, 1000]: 5000");
    assertThat(queue.err()).contains("Queue name must be 1-100 of letters, digits and ._-");
    assertThat(status.err()).contains("expected one of queued, scheduled, deferred, started");
    assertThat(every.err()).contains("Not a cron expression").contains("every day");
    assertThat(missingJar.exit()).isEqualTo(1);
    assertThat(missingJar.err().strip())
        .isEqualTo("redframe: " + dir.resolve("nope.jar") + ": no such file");
    Result usage = redframe("jobs");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.out()).contains("enqueue").contains("stats").contains("trigger");
  }
}
