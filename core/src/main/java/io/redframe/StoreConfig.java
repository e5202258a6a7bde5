package io.redframe;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The validated options of an open {@link FrameStore}: every {@link StoreOption} has a value, the
 * default where none was given. Immutable and thread-safe.
 */
public final class StoreConfig {
  private final Map<StoreOption, Object> values;

  StoreConfig(Map<StoreOption, Object> given) {
    EnumMap<StoreOption, Object> all = new EnumMap<>(StoreOption.class);
    for (StoreOption option : StoreOption.values()) {
      Object value = given.get(option);
      all.put(option, value != null ? value : option.parse(option.defaultText()));
    }
    if ((long) all.get(StoreOption.MAX_CHUNK_BYTES) < (long) all.get(StoreOption.CHUNK_SIZE)) {
      throw new IllegalArgumentException(
          "Store option 'maxChunkBytes' ("
              + all.get(StoreOption.MAX_CHUNK_BYTES)
              + ") must be at least 'chunkSize' ("
              + all.get(StoreOption.CHUNK_SIZE)
              + ")");
    }
    this.values = Collections.unmodifiableMap(all);
  }

  /** The value of {@code option}: String, Integer, Long (bytes) or Duration by its kind. */
  public Object get(StoreOption option) {
    return values.get(option);
  }

  public String prefix() {
    return (String) values.get(StoreOption.PREFIX);
  }

  public int chunkSize() {
    return Math.toIntExact((long) values.get(StoreOption.CHUNK_SIZE));
  }

  public long pipelineWindow() {
    return (long) values.get(StoreOption.PIPELINE_WINDOW);
  }

  public Duration connectTimeout() {
    return (Duration) values.get(StoreOption.CONNECT_TIMEOUT);
  }

  public Duration timeout() {
    return (Duration) values.get(StoreOption.TIMEOUT);
  }

  public int poolSize() {
    return (int) values.get(StoreOption.POOL_SIZE);
  }

  public int keepVersions() {
    return (int) values.get(StoreOption.KEEP_VERSIONS);
  }

  public Duration gracePeriod() {
    return (Duration) values.get(StoreOption.GRACE_PERIOD);
  }

  public long graceBytes() {
    return (long) values.get(StoreOption.GRACE_BYTES);
  }

  public Duration ttl() {
    return (Duration) values.get(StoreOption.TTL);
  }

  public Duration pendingTtl() {
    return (Duration) values.get(StoreOption.PENDING_TTL);
  }

  public long maxManifestBytes() {
    return (long) values.get(StoreOption.MAX_MANIFEST_BYTES);
  }

  public long maxChunkBytes() {
    return (long) values.get(StoreOption.MAX_CHUNK_BYTES);
  }

  /** The PEM file of trusted certificate authorities for TLS, or empty for the JVM's. */
  public String tlsCaFile() {
    return (String) values.get(StoreOption.TLS_CA_FILE);
  }

  public int replicas() {
    return (int) values.get(StoreOption.REPLICAS);
  }

  public Duration replicaTimeout() {
    return (Duration) values.get(StoreOption.REPLICA_TIMEOUT);
  }

  public int segments() {
    return (int) values.get(StoreOption.SEGMENTS);
  }

  /** Bytes of recently loaded chunks and manifests kept in heap; 0 when the cache is off. */
  public long cacheSize() {
    return (long) values.get(StoreOption.CACHE_SIZE);
  }

  public int maxChunks() {
    return (int) values.get(StoreOption.MAX_CHUNKS);
  }

  @Override
  public String toString() {
    return "StoreConfig" + values;
  }
}
