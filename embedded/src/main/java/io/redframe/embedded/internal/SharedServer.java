package io.redframe.embedded.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.redframe.FrameStoreException;
import io.redframe.spi.EmbeddedServerProvider;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The redis-server behind an {@code embedded:} URL, shared by every store (in any JVM) that opens
 * the same folder.
 *
 * <p>The folder (owner-only) holds {@code password} (generated once, owner-only), {@code
 * server.json} (port and pid of the running server) and {@code data/}: the server's {@code
 * redis.conf} (owner-only, it holds the password), its AOF (fsync every second) and its logs.
 * Opening and closing take a file lock on {@code lock}, so JVMs never race to start two servers or
 * stop one that another is joining.
 *
 * <p>Every open store holds a lease: one idle connection named {@code redframe-lease}. Closing a
 * store drops its lease; the store that drops the last lease shuts the server down (Redis fsyncs
 * the AOF on shutdown), and the next open starts it again from the AOF. A JVM that dies without
 * closing drops its lease with its connections; if it was the last, the server keeps running until
 * the next store on the folder closes, or {@code redframe server stop}.
 */
public final class SharedServer implements EmbeddedServerProvider.Lease {
  public static final String LEASE_NAME = "redframe-lease";
  private static final String PINNED = "pinned";
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final int port;
  private final String password;
  private final Duration timeout;
  private Jedis lease;

  /** What {@code server.json} records about the running server. */
  public record State(int port, long pid, String binary, String version, String started) {}

  private SharedServer(Path directory, int port, String password, Duration timeout, Jedis lease) {
    this.directory = directory;
    this.port = port;
    this.password = password;
    this.timeout = timeout;
    this.lease = lease;
  }

  /** The default folder: {@code ~/.redframe/embedded}. */
  public static Path defaultDirectory() {
    return Path.of(System.getProperty("user.home"), ".redframe", "embedded");
  }

  /** Joins the server running for {@code directory}, or starts it, and takes a lease on it. */
  public static SharedServer open(Path directory, Duration timeout) {
    Path dir = directory.toAbsolutePath().normalize();
    return locked(
        dir,
        () -> {
          String password = password(dir);
          State state = running(dir, password).orElseGet(() -> start(dir, password, timeout));
          Jedis lease = connect(state.port(), password, timeout, LEASE_NAME);
          return new SharedServer(dir, state.port(), password, timeout, lease);
        });
  }

  /** The running server of {@code directory}, if any (for {@code redframe server status}). */
  public static Optional<State> status(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    return locked(dir, () -> running(dir, password(dir)));
  }

  /**
   * Starts the server of {@code directory} (or finds it running) and keeps it running after the
   * last store closes, until {@link #stop}. Returns its state.
   */
  public static State start(Path directory, Duration timeout) {
    Path dir = directory.toAbsolutePath().normalize();
    SharedServer server = open(dir, timeout);
    try {
      locked(
          dir,
          () -> {
            if (!Files.exists(dir.resolve(PINNED))) {
              Files.createFile(dir.resolve(PINNED));
            }
            return null;
          });
      return readState(dir).orElseThrow(() -> new FrameStoreException("No server.json in " + dir));
    } finally {
      server.close(); // the pin keeps the server running without this lease
    }
  }

  /** Whether the server of {@code directory} was started to keep running. */
  public static boolean pinned(Path directory) {
    return Files.exists(directory.toAbsolutePath().normalize().resolve(PINNED));
  }

  /** Shuts the server of {@code directory} down, leases or not. Returns whether one was running. */
  public static boolean stop(Path directory, Duration timeout) {
    Path dir = directory.toAbsolutePath().normalize();
    return locked(
        dir,
        () -> {
          Files.deleteIfExists(dir.resolve(PINNED));
          String password = password(dir);
          Optional<State> state = running(dir, password);
          state.ifPresent(s -> shutdown(dir, s, password, timeout));
          return state.isPresent();
        });
  }

  @Override
  public String host() {
    return "127.0.0.1";
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String password() {
    return password;
  }

  @Override
  public Path directory() {
    return directory;
  }

  /** Drops this lease; if it was the last one, shuts the server down. Idempotent. */
  @Override
  public void close() {
    locked(
        directory,
        () -> {
          if (lease == null) {
            return null;
          }
          closeQuietly(lease);
          lease = null;
          Optional<State> state = readState(directory);
          if (Files.exists(directory.resolve(PINNED))) {
            return null; // started with `redframe server start`: runs until `server stop`
          }
          try (Jedis admin = connect(port, password, timeout, "redframe-admin")) {
            if (leases(admin) == 0 && state.isPresent() && state.get().port() == port) {
              shutdown(directory, state.get(), password, timeout);
            }
          } catch (FrameStoreException e) {
            // The server is already gone (killed, or stopped by hand): nothing to release.
          }
          return null;
        });
  }

  private static long leases(Jedis admin) {
    return admin.clientList().lines().filter(l -> l.contains(" name=" + LEASE_NAME + " ")).count();
  }

  private static Optional<State> running(Path dir, String password) {
    Optional<State> state = readState(dir);
    if (state.isEmpty()) {
      return state;
    }
    try (Jedis probe =
        connect(state.get().port(), password, Duration.ofSeconds(2), "redframe-probe")) {
      return probe.isConnected() ? state : Optional.empty();
    } catch (FrameStoreException e) {
      return Optional.empty(); // stale: the server died without cleaning up
    }
  }

  private static State start(Path dir, String password, Duration timeout) {
    RedisBinary binary = RedisBinary.find(dir);
    RedisServerProcess process =
        RedisServerProcess.start(
            binary,
            dir.resolve("data"),
            0,
            password,
            List.of("appendonly yes", "appendfsync everysec"),
            timeout);
    State state =
        new State(
            process.port(),
            process.pid(),
            binary.path().toString(),
            binary.version(),
            Instant.now().toString());
    try {
      Path file = dir.resolve("server.json");
      Path temp = dir.resolve("server.json.tmp");
      Files.write(temp, JSON.writeValueAsBytes(state));
      Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      process.close();
      throw new FrameStoreException("Cannot record the embedded server in " + dir, e);
    }
    return state;
  }

  private static void shutdown(Path dir, State state, String password, Duration timeout) {
    try (Jedis admin = connect(state.port(), password, timeout, "redframe-admin")) {
      admin.shutdown();
    } catch (JedisException | FrameStoreException e) {
      // SHUTDOWN closes the connection before replying: that is success.
    }
    ProcessHandle.of(state.pid())
        .ifPresent(
            p -> {
              try {
                p.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (Exception e) {
                // Still exiting; the port check on the next open copes with a slow exit.
              }
            });
    try {
      Files.deleteIfExists(dir.resolve("server.json"));
    } catch (IOException e) {
      // A stale server.json is detected on the next open.
    }
  }

  private static Optional<State> readState(Path dir) {
    Path file = dir.resolve("server.json");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), State.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Jedis connect(int port, String password, Duration timeout, String clientName) {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    DefaultJedisClientConfig config =
        DefaultJedisClientConfig.builder()
            .serverDefaultProtocol()
            .password(password)
            .clientName(clientName)
            .connectionTimeoutMillis(millis)
            .socketTimeoutMillis(millis)
            .build();
    Jedis jedis;
    try {
      jedis = new Jedis("127.0.0.1", port, config); // connects and authenticates at once
    } catch (JedisException e) {
      throw new FrameStoreException(
          "Embedded redis-server on port " + port + " does not answer", e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        jedis.ping();
        return jedis;
      } catch (JedisDataException e) {
        if (!RedisServerProcess.isLoading(e) || System.nanoTime() > deadline) {
          closeQuietly(jedis);
          throw new FrameStoreException(
              "Embedded redis-server on port " + port + " refused: " + e.getMessage(), e);
        }
        // Still loading its AOF after a start: wait for it.
        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
      } catch (JedisException e) {
        closeQuietly(jedis);
        throw new FrameStoreException(
            "Embedded redis-server on port " + port + " does not answer", e);
      }
    }
  }

  private static void closeQuietly(Jedis jedis) {
    try {
      jedis.close();
    } catch (JedisException e) {
      // already broken
    }
  }

  private static String password(Path dir) throws IOException {
    FilePermissions.createPrivateDirectories(dir);
    Path file = dir.resolve("password");
    if (!Files.exists(file)) {
      byte[] secret = new byte[24];
      new SecureRandom().nextBytes(secret);
      Path temp = dir.resolve("password.tmp");
      Files.deleteIfExists(temp);
      FilePermissions.createPrivateFile(temp);
      Files.writeString(temp, HexFormat.of().formatHex(secret), StandardOpenOption.WRITE);
      Files.move(temp, file);
    }
    if (!FilePermissions.isPrivate(file)) {
      throw new FrameStoreException(
          file + " can be read by other users; make it owner-only (chmod 600) or delete it");
    }
    return Files.readString(file, StandardCharsets.US_ASCII).trim();
  }

  /** An action run under the folder's lock: in this JVM and, through a file lock, across JVMs. */
  private interface Locked<T> {
    T run() throws IOException;
  }

  private static <T> T locked(Path dir, Locked<T> action) {
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
    jvmLock.lock();
    try {
      FilePermissions.createPrivateDirectories(dir);
      try (FileChannel channel =
              FileChannel.open(
                  dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (!lock.isValid()) {
          throw new IOException("lost the lock on " + dir.resolve("lock"));
        }
        return action.run();
      }
    } catch (IOException e) {
      throw new FrameStoreException("Cannot use the embedded store folder " + dir + ": " + e, e);
    } finally {
      jvmLock.unlock();
    }
  }
}
