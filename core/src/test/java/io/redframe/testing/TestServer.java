package io.redframe.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A throwaway {@code redis-server} for core's tests: loopback, a free port, no persistence unless
 * the config asks for it. Core cannot use redframe-embedded's launcher (that module depends on
 * core), so this is a deliberately small one: no password file, no shared server, no leases. Tests
 * in modules that depend on redframe-embedded use its {@code RedisProcess} instead.
 *
 * <p>The binary: {@code $REDFRAME_REDIS_SERVER}, else {@code redis-server} on {@code PATH}, else
 * the fixture that the build unpacks from {@code org.signal:embedded-redis} into the folder named
 * by the {@code redframe.test.redis-server-dir} system property (see core/pom.xml).
 */
public final class TestServer implements AutoCloseable {
  static final String FIXTURE_DIR = "redframe.test.redis-server-dir";
  private static final String FIXTURE_VERSION = "7.0.15";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final int port;
  private final Path directory;
  private volatile boolean paused;
  private volatile String nodeId;

  private TestServer(Process process, int port, Path directory) {
    this.process = process;
    this.port = port;
    this.directory = directory;
  }

  /** Starts a server with these extra {@code redis.conf} lines; the caller closes it. */
  public static TestServer start(List<String> config) {
    Path binary = binary();
    AssertionError last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      Path dir = TestRedis.tempDir("redis-test-");
      try {
        return startOnce(binary, dir, freePort(), config);
      } catch (AssertionError e) {
        String message = String.valueOf(e.getMessage());
        // EADDRINUSE as glibc (Debian's redis-server) and musl (the static fixture) word it
        if (!message.contains("Address already in use") && !message.contains("Address in use")) {
          throw e;
        }
        last = e; // another process took the free port first: try another
      }
    }
    throw last;
  }

  private static TestServer startOnce(Path binary, Path dir, int port, List<String> config) {
    List<String> lines = new ArrayList<>();
    lines.add("bind 127.0.0.1");
    lines.add("port " + port);
    lines.add("dir \"" + dir + "\"");
    lines.add("save \"\"");
    lines.addAll(config);
    try {
      Path conf = Files.write(dir.resolve("redis.conf"), lines, StandardCharsets.UTF_8);
      Process process =
          new ProcessBuilder(binary.toString(), conf.toString())
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
      TestServer server = new TestServer(process, port, dir);
      server.awaitReady(binary);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + binary + " in " + dir, e);
    }
  }

  /** A port that was free on loopback a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** A new connection to this server (2 s to connect, 5 s per reply); the caller closes it. */
  public Jedis jedis() {
    return new Jedis(
        "127.0.0.1",
        port,
        DefaultJedisClientConfig.builder()
            .serverDefaultProtocol()
            .connectionTimeoutMillis(2000)
            .socketTimeoutMillis(5000)
            .build());
  }

  /** This node's {@code CLUSTER MYID} (asked once, then remembered: it outlives the process). */
  public String nodeId() {
    if (nodeId == null) {
      try (Jedis jedis = jedis()) {
        nodeId = jedis.clusterMyId();
      }
    }
    return nodeId;
  }

  /** SIGKILL, and waits until the process is gone: no shutdown, no save. */
  public void kill() {
    try {
      if (!process.destroyForcibly().waitFor(10, TimeUnit.SECONDS)) {
        throw new AssertionError("redis-server on port " + port + " survived SIGKILL for 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while killing redis-server on port " + port, e);
    }
  }

  /** SIGSTOP: the server stops answering (connections stay open) until {@link #resume()}. */
  public void pause() {
    signal("STOP");
    paused = true;
  }

  /** SIGCONT after {@link #pause()}. */
  public void resume() {
    signal("CONT");
    paused = false;
  }

  private void signal(String name) {
    try {
      int rc =
          new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
              .inheritIO()
              .start()
              .waitFor();
      if (rc != 0) {
        throw new AssertionError("kill -" + name + " " + process.pid() + " exited with " + rc);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while sending SIG" + name, e);
    }
  }

  /** The last {@code lines} lines of this server's log, for failure messages. */
  String logTail(int lines) {
    List<String> all = log().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** SIGTERM (after SIGCONT if paused), then SIGKILL if it has not exited within 30 s. */
  @Override
  public void close() {
    if (paused && process.isAlive()) {
      resume();
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady(Path binary) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!answers()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new AssertionError(binary + " did not start on port " + port + ": " + log());
      }
      LockSupport.parkNanos(20_000_000);
    }
  }

  private boolean answers() {
    DefaultJedisClientConfig config =
        DefaultJedisClientConfig.builder()
            .serverDefaultProtocol()
            .connectionTimeoutMillis(500)
            .socketTimeoutMillis(2000)
            .build();
    try (Jedis jedis = new Jedis("127.0.0.1", port, config)) {
      // Another server on the port answers too (this one then exits): check it is this process.
      return "PONG".equals(jedis.ping())
          && jedis.info("server").lines().anyMatch(("process_id:" + process.pid())::equals);
    } catch (JedisDataException e) {
      return !String.valueOf(e.getMessage()).startsWith("LOADING"); // NOAUTH is an answer too
    } catch (JedisException e) {
      return false;
    }
  }

  private String log() {
    try {
      return Files.readString(directory.resolve("redis.log"), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** The executable to run, or an error naming every place that was looked at. */
  static Path binary() {
    String explicit = System.getenv("REDFRAME_REDIS_SERVER");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator, -1)) {
      Path candidate = dir.isEmpty() ? null : Path.of(dir, "redis-server");
      if (candidate != null && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String fixtureDir = System.getProperty(FIXTURE_DIR);
    Path fixture =
        fixtureDir == null
            ? null
            : Path.of(fixtureDir, "redis-server-" + FIXTURE_VERSION + "-" + platform());
    if (fixture != null && Files.isRegularFile(fixture)) {
      if (!Files.isExecutable(fixture) && !fixture.toFile().setExecutable(true, true)) {
        throw new AssertionError("Cannot make " + fixture + " executable");
      }
      return fixture;
    }
    throw new AssertionError(
        "No redis-server for the tests: none in $REDFRAME_REDIS_SERVER or on PATH, and no fixture"
            + (fixture == null
                ? " (-D" + FIXTURE_DIR + " is unset: run the tests through Maven)"
                : " at " + fixture)
            + ". Install Redis 6.2+, or set REDIS_URL.");
  }

  private static String platform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String osName = os.contains("mac") ? "darwin" : os.contains("linux") ? "linux" : os;
    String archName =
        switch (arch) {
          case "amd64", "x86_64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          default -> arch;
        };
    return osName + "-" + archName;
  }
}
