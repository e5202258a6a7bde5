package io.redframe;

import io.redframe.internal.store.Pins;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A pin on one version of a frame, from {@link FrameStore#pin}: while it is held, the version stays
 * readable by number ({@link FrameStore#load(FrameRef, io.redframe.spi.FrameDecoder)}), whatever
 * saves, retention ({@code keepVersions}), grace periods, frame TTLs or deletes happen meanwhile. A
 * pin expires by itself at {@link #expiresAt()} (so a holder that dies keeps nothing forever);
 * {@link #renew} extends it, {@link #close} ends it at once. Several pins on one version are
 * independent; the version is handed back to retention when the last one ends.
 *
 * <pre>{@code
 * try (Pin pin = store.pin("weather", Duration.ofMinutes(10))) {
 *   Table t = TablesawFrames.of(store).load(pin.ref());   // the same bytes however often
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing is idempotent and never fails because the pin already expired.
 */
public final class Pin implements AutoCloseable {
  private final Pins pins;
  private final String token;
  private final FrameRef ref;
  private volatile Instant expiresAt;
  private volatile boolean closed;

  Pin(Pins pins, String token, Pins.Held held) {
    this.pins = pins;
    this.token = token;
    this.ref = held.ref();
    this.expiresAt = held.expiresAt();
  }

  /** The pinned version, with its id. */
  public FrameRef ref() {
    return ref;
  }

  /** When the pin expires unless renewed, by the Redis server's clock. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** The token that identifies this pin in Redis ({@code pins:<version>} member). */
  public String token() {
    return token;
  }

  /**
   * Extends the pin to {@code ttl} from now.
   *
   * @throws FrameNotFoundException if the pin had expired and its version is gone (or was replaced:
   *     {@link StaleReferenceException}); the version is not pinned again
   * @throws IllegalStateException if the pin was closed
   * @throws StoreConnectionException if Redis cannot be reached
   */
  public synchronized Pin renew(Duration ttl) {
    if (closed) {
      throw new IllegalStateException("Pin on " + ref.durable() + " is closed");
    }
    FrameStore.checkPositive(Objects.requireNonNull(ttl, "ttl"), "pin ttl");
    expiresAt =
        pins.pin(ref.name(), OptionalLong.of(ref.version()), ref.id(), token, ttl).expiresAt();
    return this;
  }

  /**
   * Ends the pin: the version goes back to what retention gives it (the grace period if it was
   * superseded, nothing more if the frame was deleted). Idempotent.
   *
   * @throws StoreConnectionException if Redis cannot be reached (the pin then expires by itself)
   */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      pins.unpin(ref, token);
    }
  }

  @Override
  public String toString() {
    return "Pin[" + ref.durable() + " until " + expiresAt + (closed ? ", closed" : "") + "]";
  }
}
