package io.redframe.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link JobWorkerChild} JVM: started, awaited until it takes jobs, killed with SIGKILL, paused
 * with SIGSTOP and continued with SIGCONT. Its output is kept for failure messages.
 */
final class WorkerProcess implements AutoCloseable {
  final String name;
  private final Process process;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final StringBuilder output = new StringBuilder(); // guarded by itself: two threads

  private WorkerProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread reader = new Thread(this::readOutput, "worker-output-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a worker process on {@code url}'s queue {@code queue}; it is ready when it says so. */
  static WorkerProcess start(
      String url, String queue, String name, Duration lease, int concurrency, int maxStalls)
      throws IOException {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx160m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-cp",
            System.getProperty("java.class.path"),
            JobWorkerChild.class.getName(),
            url,
            queue,
            name,
            Long.toString(lease.toMillis()),
            Integer.toString(concurrency),
            Integer.toString(maxStalls));
    return new WorkerProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  private void readOutput() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        append(line + "\n");
        if (line.equals("ready " + name)) {
          ready.countDown();
        }
      }
    } catch (IOException e) {
      append("(output lost: " + e + ")\n");
    }
  }

  boolean isReady() {
    return ready.getCount() == 0 && process.isAlive();
  }

  void awaitReady(Duration timeout) throws InterruptedException {
    if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "Worker " + name + " did not start within " + timeout + ":\n" + output());
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** {@code kill -9}: the JVM dies at once, mid-job, without running anything. */
  void kill() throws InterruptedException {
    process.destroyForcibly(); // SIGKILL on Unix
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("Worker " + name + " survived SIGKILL");
    }
  }

  /** {@code kill -STOP}: every thread of the JVM freezes, its lease renewals too. */
  void pause() throws IOException, InterruptedException {
    signal("-STOP");
  }

  /** {@code kill -CONT}: the JVM resumes where it was frozen. */
  void resume() throws IOException, InterruptedException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", signal, Long.toString(process.pid()))
            .redirectErrorStream(true)
            .start();
    String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill " + signal + " " + process.pid() + " failed: " + out);
    }
  }

  private void append(String text) {
    synchronized (output) {
      output.append(text);
    }
  }

  String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "worker " + name + " (pid " + process.pid() + ")";
  }
}
