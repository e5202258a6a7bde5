package io.redframe.internal.store;

import static io.redframe.internal.store.StoreContext.text;
import static io.redframe.internal.store.StoreContext.where;

import io.redframe.FrameNotFoundException;
import io.redframe.FrameRef;
import io.redframe.StaleReferenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Pins: a sorted set per pinned version ({@code pins:<n>}) of pin tokens scored by their expiry in
 * server time. The pin script extends the version key's expiry to cover the pin; the publish and
 * delete scripts never remove or shorten a version below its longest live pin; the unpin script
 * hands the version back to retention. Every step is one script in the frame's slot.
 */
public final class Pins {
  private final StoreContext context;

  public Pins(StoreContext context) {
    this.context = context;
  }

  /** A pin taken or renewed: the version, its id and when the pin expires (server clock). */
  public record Held(FrameRef ref, Instant expiresAt) {}

  /**
   * Pins {@code version} (the current one if empty) of {@code name}, or renews the pin {@code
   * token}; {@code id}, if not empty, must be the version's id.
   */
  public Held pin(String name, OptionalLong version, String id, String token, Duration ttl) {
    Names.check(name);
    KeyLayout keys = context.keys();
    byte[] wanted = version.isPresent() ? text(version.getAsLong()) : new byte[0];
    List<?> reply =
        context
            .redis()
            .call(
                "pinning frame '" + Names.shorten(name) + "'",
                jedis ->
                    Script.PIN.run(
                        jedis,
                        version.isPresent()
                            ? List.of(keys.head(name), keys.pins(name, version.getAsLong()))
                            : List.of(keys.head(name)),
                        List.of(
                            keys.versionBase(name),
                            wanted,
                            text(Math.max(1, ttl.toMillis())),
                            text(token),
                            text(id),
                            keys.pinsBase(name))));
    long code = Script.longAt(reply, 0);
    if (code == 0) {
      throw new FrameNotFoundException(
          "Cannot pin frame '" + Names.shorten(name) + "': it does not exist");
    }
    long found = Script.longAt(reply, 1);
    if (code == 1) {
      throw new FrameNotFoundException(
          "Cannot pin "
              + where(name, found)
              + ": it is not readable (expired, deleted or pending)");
    }
    if (code == 2) {
      throw new StaleReferenceException(new FrameRef(name, found, id), Script.textAt(reply, 2));
    }
    if (context.redis().cluster() && Script.longAt(reply, 4) == 1) {
      new Segments(context).sync(name); // the pinned version's segments live as long as it
    }
    return new Held(
        new FrameRef(name, found, Script.textAt(reply, 2)),
        Instant.ofEpochMilli(Script.longAt(reply, 3)));
  }

  /** Ends pin {@code token} on {@code ref}; whether it was still held. */
  public boolean unpin(FrameRef ref, String token) {
    KeyLayout keys = context.keys();
    String name = ref.name();
    List<?> reply =
        context
            .redis()
            .call(
                "unpinning " + where(name, ref.version()),
                jedis ->
                    Script.UNPIN.run(
                        jedis,
                        List.of(
                            keys.head(name), keys.versions(name), keys.pins(name, ref.version())),
                        List.of(
                            keys.versionBase(name),
                            text(ref.version()),
                            text(token),
                            text(context.config().gracePeriod().toMillis()),
                            text(context.config().keepVersions()),
                            keys.pinsBase(name))));
    if (context.redis().cluster() && Script.longAt(reply, 1) == 1) {
      new Segments(context).sync(name);
    }
    return Script.longAt(reply, 0) == 1;
  }
}
