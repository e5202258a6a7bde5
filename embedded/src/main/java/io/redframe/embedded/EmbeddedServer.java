package io.redframe.embedded;

import io.redframe.FrameStoreException;
import io.redframe.embedded.internal.SharedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The redis-server behind {@code embedded:[dir]} URLs, managed from outside a store: what {@code
 * redframe server start|stop|status} does.
 *
 * <p>There is one server per folder, shared by every store that opens the folder, in any JVM.
 * {@code FrameStore.open("embedded:" + dir)} starts it (or joins it) by itself, and the last store
 * to close shuts it down, unless {@link #start} was called: then it keeps running until {@link
 * #stop}. The server listens on 127.0.0.1 only, with the password kept in {@code <dir>/password},
 * and persists to {@code <dir>/data} (AOF, fsync every second).
 *
 * <p>Thread-safe: the calls on one folder are serialized in a JVM and, through a file lock on
 * {@code <dir>/lock}, across JVMs. Nothing here needs closing.
 *
 * <pre>{@code
 * Path dir = EmbeddedServer.defaultDirectory();
 * EmbeddedServer.Status up = EmbeddedServer.start(dir, Duration.ofSeconds(30));
 * System.out.println("redis " + up.version() + " on 127.0.0.1:" + up.port());
 * EmbeddedServer.stop(dir, Duration.ofSeconds(30));
 * }</pre>
 */
public final class EmbeddedServer {
  private EmbeddedServer() {}

  /**
   * What is known of a running embedded server.
   *
   * @param directory the folder it persists to (absolute)
   * @param port its port on 127.0.0.1
   * @param pid its process id
   * @param version its Redis version, such as {@code 7.0.15}
   * @param binary the {@code redis-server} executable it runs
   * @param started when it was started
   * @param keptRunning whether {@link #start} made it outlive the last store, until {@link #stop}
   */
  public record Status(
      Path directory,
      int port,
      long pid,
      String version,
      Path binary,
      Instant started,
      boolean keptRunning) {
    public Status {
      Objects.requireNonNull(directory, "directory");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(binary, "binary");
      Objects.requireNonNull(started, "started");
    }
  }

  /** The folder of {@code embedded:} without one: {@code ~/.redframe/embedded}. */
  public static Path defaultDirectory() {
    return SharedServer.defaultDirectory();
  }

  /**
   * The server running for {@code directory}, if any. A server recorded in {@code server.json} that
   * no longer answers counts as not running.
   *
   * @throws FrameStoreException if the folder cannot be created or locked, or its password file is
   *     readable by other users
   */
  public static Optional<Status> status(Path directory) {
    Path dir = absolute(directory);
    return SharedServer.status(dir).map(s -> status(dir, s));
  }

  /**
   * Starts the server of {@code directory}, or finds it running, and keeps it running after the
   * last store closes, until {@link #stop}.
   *
   * @param timeout how long to wait for the server to start and load its data
   * @return the running server, with {@link Status#keptRunning()} true
   * @throws FrameStoreException if no runnable redis-server is found, it does not start within
   *     {@code timeout}, or the folder cannot be used
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public static Status start(Path directory, Duration timeout) {
    Path dir = absolute(directory);
    return status(dir, SharedServer.start(dir, positive(timeout)));
  }

  /**
   * Shuts the server of {@code directory} down, whether stores still use it or not (they fail with
   * {@code StoreConnectionException} until reopened). Its data stays in the folder.
   *
   * @param timeout how long to wait for the server to exit
   * @return whether a server was running
   * @throws FrameStoreException if the folder cannot be created or locked, or its password file is
   *     readable by other users
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public static boolean stop(Path directory, Duration timeout) {
    return SharedServer.stop(absolute(directory), positive(timeout));
  }

  private static Status status(Path dir, SharedServer.State state) {
    return new Status(
        dir,
        state.port(),
        state.pid(),
        state.version(),
        Path.of(state.binary()),
        Instant.parse(state.started()),
        SharedServer.pinned(dir));
  }

  private static Path absolute(Path directory) {
    return Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
  }

  private static Duration positive(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    return timeout;
  }
}
