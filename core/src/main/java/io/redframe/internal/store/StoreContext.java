package io.redframe.internal.store;

import io.redframe.StoreConfig;
import io.redframe.redis.RedisCalls;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What the store's collaborators share: the Redis boundary, the key layout, the options, the
 * manifest reader, the executor that fetches chunk windows ahead of the decoder, and the one that
 * runs each save's sender (chunks sent while the encoder makes the next ones).
 */
public record StoreContext(
    RedisCalls redis,
    KeyLayout keys,
    StoreConfig config,
    ManifestJson manifests,
    Executor executor,
    Executor senders,
    Clock clock) {

  public static StoreContext of(
      RedisCalls redis, StoreConfig config, Executor executor, Executor senders, Clock clock) {
    return new StoreContext(
        redis,
        new KeyLayout(config.prefix()),
        config,
        new ManifestJson(config.maxManifestBytes(), config.maxChunks(), config.maxChunkBytes()),
        executor,
        senders,
        clock);
  }

  /** "frame 'x' version 3", for messages. */
  static String where(String name, long version) {
    return "frame '" + Names.shorten(name) + "' version " + version;
  }

  static byte[] text(Object value) {
    return KeyLayout.bytes(String.valueOf(value));
  }
}
