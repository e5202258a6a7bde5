package io.redframe.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs the Redis behind {@code embedded:} URLs. Core has none: the {@code
 * io.redframe:redframe-embedded} module provides one through {@link java.util.ServiceLoader}
 * ({@code provides io.redframe.spi.EmbeddedServerProvider with ...}), so a program that depends on
 * core alone carries no native binary, and {@code FrameStore.open("embedded:")} without the module
 * fails naming the artifact to add.
 */
public interface EmbeddedServerProvider {

  /**
   * Starts the server that persists to {@code directory} (the provider's default if empty), or
   * joins the one already running there, and takes a lease on it.
   *
   * @param startTimeout how long to wait for a server to start or load its data
   * @throws io.redframe.FrameStoreException if the server cannot be started
   */
  Lease open(Optional<Path> directory, Duration startTimeout);

  /** A lease on a running server: where to connect, and how to let go of it. */
  interface Lease extends AutoCloseable {
    /** The loopback address to connect to. */
    String host();

    int port();

    /** The server's password, or null. */
    String password();

    /** The folder the server persists to. */
    Path directory();

    /** Drops the lease; the provider stops the server when no lease is left (if it started it). */
    @Override
    void close();
  }
}
