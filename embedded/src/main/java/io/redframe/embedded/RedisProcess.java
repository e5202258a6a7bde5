package io.redframe.embedded;

import io.redframe.FrameStoreException;
import io.redframe.embedded.internal.RedisBinary;
import io.redframe.embedded.internal.RedisServerProcess;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code redis-server} process of the caller's own, for tests and benchmarks that need a server
 * to configure, kill, pause or fill. Unlike the server of an {@code embedded:} URL it is not
 * shared: it listens on 127.0.0.1 on a free port (or the one asked for), has no password unless
 * given one, writes {@code redis.conf}, its log and any persistence to its directory, and runs
 * until closed or killed.
 *
 * <p>The binary is found as for {@code embedded:} URLs: {@code $REDFRAME_REDIS_SERVER}, else a
 * {@code redis-server} 6.2+ on {@code PATH}, else the statically linked Redis 7.0.15 this module
 * ships.
 *
 * <p>Thread-safe: a test may {@link #kill} or {@link #pause} it while other threads use it. The
 * caller closes it; closing stops the process cleanly and is idempotent. The directory is left in
 * place, so a killed server can be started again from its data and its log read afterwards.
 *
 * <pre>{@code
 * try (RedisProcess redis = RedisProcess.builder().config("appendonly yes").start();
 *     FrameStore store = FrameStore.open(redis.url() + "?prefix=test")) {
 *   store.saveObject("x", 1);
 *   redis.kill(); // kill -9
 *   try (RedisProcess again =
 *       RedisProcess.builder().directory(redis.directory()).port(redis.port()).config("appendonly yes").start()) {
 *     ...
 *   }
 * }
 * }</pre>
 */
public final class RedisProcess implements AutoCloseable {
  private final RedisServerProcess process;
  private final RedisBinary binary;
  private final String password;

  private RedisProcess(RedisServerProcess process, RedisBinary binary, String password) {
    this.process = process;
    this.binary = binary;
    this.password = password;
  }

  /** A builder for a new process: a fresh temporary directory, a free port, no extra config. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A port that was free on 127.0.0.1 a moment ago (for a {@code tls-port} line, or a server that
   * is meant not to be there).
   *
   * @throws FrameStoreException if no port can be bound
   */
  public static int freePort() {
    return RedisServerProcess.freePort();
  }

  /** Its port on 127.0.0.1. */
  public int port() {
    return process.port();
  }

  /** Its process id. */
  public long pid() {
    return process.pid();
  }

  /** The folder holding its {@code redis.conf}, log and data. */
  public Path directory() {
    return process.directory();
  }

  /** The Redis version of its binary, such as {@code 7.0.15}. */
  public String version() {
    return binary.version();
  }

  /** The {@code redis-server} executable it runs. */
  public Path binary() {
    return binary.path();
  }

  /**
   * A store URL for it, {@code redis://127.0.0.1:<port>} (with {@code :<password>@},
   * percent-encoded, if it has one), to which options can be appended ({@code ?prefix=...}).
   */
  public String url() {
    String auth =
        password == null
            ? ""
            : ":" + URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20") + "@";
    return "redis://" + auth + "127.0.0.1:" + port();
  }

  /** Whether the process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Kills the process with SIGKILL, as in a crash (no AOF flush beyond its fsync policy), and waits
   * up to 10 s for it to exit. Does nothing if it has exited.
   */
  public void kill() {
    process.kill();
  }

  /**
   * Makes the server stop answering every client for {@code duration} ({@code CLIENT PAUSE ALL}),
   * as if it hung; it resumes by itself. Returns at once.
   *
   * @throws FrameStoreException if the server does not accept the command (it is not running)
   * @throws IllegalArgumentException if {@code duration} is not positive
   */
  public void pause(Duration duration) {
    process.pause(positive(duration, "duration"));
  }

  /** The last few lines of its output and log, for failure messages ("" if there are none). */
  public String logTail() {
    return process.logTail();
  }

  /**
   * Stops the process with SIGTERM (Redis flushes its AOF and exits) and waits for it, killing it
   * if it has not exited after 30 s. Idempotent.
   */
  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return "redis-server " + version() + " on 127.0.0.1:" + port() + " (pid " + pid() + ")";
  }

  private static Duration positive(Duration value, String what) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
    return value;
  }

  /**
   * Settings of a new {@link RedisProcess}; each setter validates at once. Not thread-safe; {@link
   * #start} may be called more than once (each call starts another process).
   */
  public static final class Builder {
    private Path directory;
    private int port;
    private String password;
    private final List<String> config = new ArrayList<>();
    private Duration startTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The folder for {@code redis.conf}, the log and data (created if missing). */
    public Builder directory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * The port to listen on; 0 (the default) picks a free one.
     *
     * @throws IllegalArgumentException if it is not in 0..65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be in 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The {@code requirepass} of the default user (kept in the owner-only {@code redis.conf}).
     *
     * @throws IllegalArgumentException if it is empty
     */
    public Builder password(String password) {
      if (Objects.requireNonNull(password, "password").isEmpty()) {
        throw new IllegalArgumentException("password must not be empty");
      }
      this.password = password;
      return this;
    }

    /**
     * Adds {@code redis.conf} lines, such as {@code "appendonly yes"} or {@code "maxmemory 6mb"};
     * later lines win over earlier ones and over redframe's (loopback bind, port, {@code save ""}).
     *
     * @throws IllegalArgumentException if a line holds a line break
     */
    public Builder config(String... lines) {
      return config(List.of(lines));
    }

    /** As {@link #config(String...)}. */
    public Builder config(List<String> lines) {
      for (String line : lines) {
        if (line.contains("\n") || line.contains("\r")) {
          throw new IllegalArgumentException("a config line must be one line, got " + line);
        }
      }
      config.addAll(lines);
      return this;
    }

    /**
     * How long to wait for it to answer {@code PING} (default 30 s).
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = positive(timeout, "startTimeout");
      return this;
    }

    /**
     * Starts the process and waits until it answers.
     *
     * @throws FrameStoreException if no runnable redis-server 6.2+ is found, the port is taken, or
     *     the server exits or does not answer within the start timeout (with its log's last lines)
     */
    public RedisProcess start() {
      Path dir = directory != null ? directory : tempDirectory();
      RedisBinary binary = RedisBinary.find(dir);
      RedisServerProcess process =
          RedisServerProcess.start(binary, dir, port, password, List.copyOf(config), startTimeout);
      return new RedisProcess(process, binary, password);
    }

    private static Path tempDirectory() {
      try {
        return Files.createTempDirectory("redframe-redis-");
      } catch (IOException e) {
        throw new FrameStoreException("Cannot create a folder for redis-server: " + e, e);
      }
    }
  }
}
