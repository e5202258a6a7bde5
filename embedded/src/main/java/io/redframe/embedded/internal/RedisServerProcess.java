package io.redframe.embedded.internal;

import io.redframe.FrameStoreException;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One {@code redis-server} process bound to loopback, configured by a file written with owner-only
 * permissions (it holds the password). Used by the embedded store, and behind {@link
 * io.redframe.embedded.RedisProcess} by tests and benchmarks that need a server of their own.
 */
public final class RedisServerProcess implements AutoCloseable {
  private static final int START_ATTEMPTS = 5;

  /**
   * Whether {@code log} (or a message quoting it) says the listening socket could not be bound
   * because the address is taken. The reason is the C library's text for EADDRINUSE: glibc's
   * "Address already in use", musl's (the bundled static binary) "Address in use".
   */
  static boolean portTaken(String log) {
    return log.contains("Could not create server TCP listening socket")
        && (log.contains("Address already in use") || log.contains("Address in use"));
  }

  private final Process process;
  private final int port;
  private final String password;
  private final Path directory;

  private RedisServerProcess(Process process, int port, String password, Path directory) {
    this.process = process;
    this.port = port;
    this.password = password;
    this.directory = directory;
  }

  /**
   * Starts a server on a free loopback port (the given one if not 0), persisting to {@code
   * directory}, and waits until it answers {@code PING}.
   *
   * @param password the {@code requirepass}, or null for none
   * @param config extra {@code redis.conf} lines, such as {@code appendonly yes}
   */
  public static RedisServerProcess start(
      RedisBinary binary,
      Path directory,
      int port,
      String password,
      List<String> config,
      Duration timeout) {
    FrameStoreException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int chosen = port != 0 ? port : freePort();
      try {
        return startOnce(binary, directory, chosen, password, config, timeout);
      } catch (FrameStoreException e) {
        last = e;
        if (port != 0 || !portTaken(e.getMessage())) {
          throw e; // only a race for a free port is worth another try
        }
      }
    }
    throw last;
  }

  private static RedisServerProcess startOnce(
      RedisBinary binary,
      Path directory,
      int port,
      String password,
      List<String> config,
      Duration timeout) {
    try {
      Files.createDirectories(directory);
      Path conf = directory.resolve("redis.conf");
      Files.deleteIfExists(conf);
      FilePermissions.createPrivateFile(conf);
      Files.writeString(conf, config(directory, port, password, config), StandardOpenOption.WRITE);
      Path out = directory.resolve("redis.out");
      Process process =
          new ProcessBuilder(binary.path().toString(), conf.toString())
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      RedisServerProcess server = new RedisServerProcess(process, port, password, directory);
      server.awaitReady(binary, timeout);
      return server;
    } catch (IOException e) {
      throw new FrameStoreException("Cannot start " + binary.path() + " in " + directory, e);
    }
  }

  private static String config(Path directory, int port, String password, List<String> extra) {
    List<String> lines = new ArrayList<>();
    lines.add("bind 127.0.0.1");
    lines.add("port " + port);
    lines.add("protected-mode yes");
    lines.add("daemonize no");
    lines.add("dir " + quote(directory.toString()));
    lines.add("logfile " + quote(directory.resolve("redis.log").toString()));
    lines.add("save \"\"");
    if (password != null) {
      lines.add("requirepass " + quote(password));
    }
    lines.addAll(extra);
    return String.join("\n", lines) + "\n";
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** A port that was free on loopback a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new FrameStoreException("No free loopback port", e);
    }
  }

  private void awaitReady(RedisBinary binary, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        String log = logTail();
        throw new FrameStoreException(
            binary.path()
                + " ("
                + binary.version()
                + ") exited at start"
                + (portTaken(log) ? ": port " + port + " is already in use" : "")
                + ": "
                + log);
      }
      if (ping()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new FrameStoreException(
            binary.path()
                + " did not answer on port "
                + port
                + " within "
                + timeout
                + ": "
                + logTail());
      }
      try {
        process.waitFor(20, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new FrameStoreException("Interrupted while starting redis-server", e);
      }
    }
  }

  private DefaultJedisClientConfig clientConfig(int socketTimeoutMillis) {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .serverDefaultProtocol()
            .connectionTimeoutMillis(500)
            .socketTimeoutMillis(socketTimeoutMillis);
    if (password != null) {
      config.password(password);
    }
    return config.build();
  }

  /**
   * Whether this process answers on its port. Another server that holds the port answers too (this
   * one then exits, its port being in use): its {@code process_id} tells them apart.
   */
  private boolean ping() {
    try (Jedis jedis = new Jedis("127.0.0.1", port, clientConfig(2000))) {
      return "PONG".equals(jedis.ping())
          && jedis.info("server").lines().anyMatch(("process_id:" + process.pid())::equals);
    } catch (JedisDataException e) {
      // It answered: ready, unless it is still loading its AOF (an auth error is an answer too,
      // when the password is in the extra config; its process cannot be checked then).
      return !isLoading(e);
    } catch (JedisException e) {
      return false;
    }
  }

  /** Whether Redis refused a command because it is still loading its data set. */
  static boolean isLoading(JedisDataException e) {
    return e.getMessage() != null && e.getMessage().startsWith("LOADING");
  }

  /** The last lines the server wrote to its log and output. */
  public String logTail() {
    StringBuilder tail = new StringBuilder();
    for (String name : List.of("redis.out", "redis.log")) {
      Path file = directory.resolve(name);
      try {
        if (Files.exists(file)) {
          List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
          tail.append(
              String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
        }
      } catch (IOException e) {
        tail.append("(cannot read ").append(file).append(')');
      }
    }
    return tail.toString();
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public Path directory() {
    return directory;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * {@code CLIENT PAUSE <millis> ALL}: the server stops answering clients for {@code duration}, as
   * if it hung, then resumes on its own.
   */
  public void pause(Duration duration) {
    try (Jedis admin = new Jedis("127.0.0.1", port, clientConfig(2000))) {
      admin.clientPause(Math.max(1, duration.toMillis()));
    } catch (JedisException e) {
      throw new FrameStoreException("Cannot pause redis-server on port " + port + ": " + e, e);
    }
  }

  /** SIGKILL: the server dies at once, as in a crash. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(10));
  }

  /** SIGTERM: Redis shuts down cleanly, flushing its AOF. */
  @Override
  public void close() {
    process.destroy();
    if (!awaitExit(Duration.ofSeconds(30))) {
      kill();
    }
  }

  private boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
