package io.redframe.internal.store;

import io.redframe.Manifest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;

/**
 * Waits for a frame to be published, or for a version newer than one the caller has. The current
 * version and the last publish event are read together; then the waiter blocks on the frame's event
 * stream from that event on, so a publish between the two steps cannot be missed. Blocking is done
 * in slices shorter than the socket timeout.
 */
public final class Watcher {
  private final StoreContext context;
  private final VersionReader reader;

  public Watcher(StoreContext context, VersionReader reader) {
    this.context = context;
    this.reader = reader;
  }

  /** The manifest of the first current version above {@code after}, or empty on timeout. */
  public Optional<Manifest> await(String name, long after, Duration timeout) {
    Names.check(name);
    long deadline = System.nanoTime() + timeout.toNanos();
    long slice = Math.max(1, context.config().timeout().toMillis() / 2);
    KeyLayout keys = context.keys();
    List<byte[]> watched = List.of(keys.head(name), keys.events(name));
    while (true) {
      List<?> state =
          context
              .redis()
              .call(
                  "watching frame '" + Names.shorten(name) + "'",
                  jedis -> Script.WATCH.run(jedis, watched, List.of()));
      if (Script.longAt(state, 0) > after) {
        try {
          return Optional.of(reader.manifest(name, OptionalLong.empty()));
        } catch (io.redframe.FrameNotFoundException e) {
          continue; // deleted again in between: keep waiting
        }
      }
      long remaining = (deadline - System.nanoTime()) / 1_000_000;
      if (remaining <= 0) {
        return Optional.empty();
      }
      StreamEntryID lastId = new StreamEntryID(Script.textAt(state, 1));
      XReadParams params =
          XReadParams.xReadParams().block((int) Math.min(remaining, slice)).count(1);
      context
          .redis()
          .call(
              "waiting for frame '" + Names.shorten(name) + "'",
              jedis -> jedis.xreadBinary(params, Map.of(keys.events(name), lastId)));
      if (Thread.currentThread().isInterrupted()) {
        throw new io.redframe.FrameStoreException(
            "Interrupted while waiting for frame '" + Names.shorten(name) + "'");
      }
    }
  }
}
