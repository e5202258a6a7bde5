package io.redframe.jdbc.internal;

import io.redframe.FrameKind;
import io.redframe.FrameStore;
import io.redframe.Manifest;
import io.redframe.Pin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The frame versions one execution of a statement reads: each name (and each {@code name@N}) is
 * resolved once, at its first use, and the version pinned until the execution ends, so that a
 * statement that scans a frame twice (a self-join, a subquery) reads one version, and a save or a
 * retention sweep meanwhile removes nothing it reads. Thread-safe (DuckDB's worker threads bind and
 * init scans); closed by the statement when DuckDB is done with it.
 */
final class Snapshot implements AutoCloseable {
  private final FrameStore store;
  private final Duration pinTtl;
  private final Map<TableName, Manifest> resolved = new HashMap<>();
  private final List<Pin> pins = new ArrayList<>();
  private Throwable failure;
  private boolean closed;

  Snapshot(FrameStore store, Duration pinTtl) {
    this.store = store;
    this.pinTtl = pinTtl;
  }

  /**
   * The manifest of the version of {@code table} this execution reads, pinned.
   *
   * @throws io.redframe.FrameNotFoundException if the frame or version does not exist
   * @throws NotATableException if the frame is not tabular
   */
  synchronized Manifest resolve(TableName table) {
    Manifest manifest = resolved.get(table);
    if (manifest == null) {
      manifest = pinned(table);
      resolved.put(table, manifest);
    }
    return manifest;
  }

  private Manifest pinned(TableName table) {
    if (closed) {
      throw new IllegalStateException("The statement's snapshot is closed");
    }
    // Pin first (the store resolves the current version and pins it in one step), then read
    // the pinned version's manifest: no save in between can remove what is read.
    Pin pin =
        table.version().isPresent()
            ? store.pin(table.frame(), table.version().getAsLong(), pinTtl)
            : store.pin(table.frame(), pinTtl);
    pins.add(pin);
    Manifest manifest = store.manifest(pin.ref());
    if (manifest.kind() != FrameKind.TABLE) {
      throw new NotATableException(table, manifest.kind());
    }
    return manifest;
  }

  /**
   * Extends every pin to the pin TTL from now, for a statement that runs longer than a third of it.
   * A pin that cannot be renewed is left to expire; a scan of its version fails if it is gone.
   */
  synchronized void renew() {
    if (closed) {
      return;
    }
    for (Pin pin : pins) {
      try {
        pin.renew(pinTtl);
      } catch (RuntimeException e) {
        fail(e);
      }
    }
  }

  /** The pins held, for tests. */
  synchronized List<Pin> pins() {
    return List.copyOf(pins);
  }

  /** Records the first failure of a scan, so the statement reports it and not DuckDB's text. */
  synchronized void fail(Throwable error) {
    if (failure == null) {
      failure = error;
    }
  }

  synchronized Throwable failure() {
    return failure;
  }

  /** Ends every pin; idempotent. A pin that cannot be ended expires by itself. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Pin pin : pins) {
      try {
        pin.close();
      } catch (RuntimeException e) {
        // The pin expires by itself after its TTL; the statement's outcome stands.
      }
    }
  }
}
