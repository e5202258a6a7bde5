package io.redframe.internal.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.redframe.CacheStats;
import io.redframe.Manifest;
import java.util.OptionalLong;

/**
 * The chunks and manifests of recently loaded versions, bounded by bytes ({@code cacheSize}); off
 * when that is 0. A version never changes once published, and its id (128 random bits) names its
 * content, so chunks are kept by version id and field and are never stale. What can change is which
 * version is current and whether a version still exists: every load still asks Redis, in its one
 * round trip, passing the id it knows (the resolve script then answers without the manifest).
 *
 * <p>A kept chunk is checked against its manifest's CRC-32C each time it is handed out, so a
 * decoder that broke the contract and modified a chunk's bytes makes the next load fetch it again,
 * not decode the modified bytes.
 */
final class LoadCache {
  /** What one kept manifest costs beyond its chunk entries: its schema, properties and fields. */
  private static final int MANIFEST_BYTES = 1024;

  /** What one chunk entry of a kept manifest costs: its field name, checksum and numbers. */
  private static final int ENTRY_BYTES = 160;

  /** A kept chunk's cost beyond its bytes: the array header, its key and the map's entry. */
  private static final int CHUNK_OVERHEAD = 128;

  private sealed interface Key permits ChunkKey, ManifestKey {}

  /** A chunk of the version with id {@code id}. */
  private record ChunkKey(String id, String field) implements Key {}

  /** The manifest of {@code name}'s {@code version}, or the one last seen current if -1. */
  private record ManifestKey(String name, long version) implements Key {}

  private static final long CURRENT = -1;

  private final Cache<Key, Object> cache;

  LoadCache(long maximumBytes) {
    this.cache =
        maximumBytes == 0
            ? null
            : Caffeine.newBuilder()
                .maximumWeight(maximumBytes)
                .weigher(LoadCache::weight)
                .executor(Runnable::run) // evict on the thread that put: the bound holds on return
                .recordStats()
                .build();
  }

  boolean enabled() {
    return cache != null;
  }

  private static int weight(Key key, Object value) {
    if (value instanceof byte[] bytes) {
      return bytes.length + CHUNK_OVERHEAD;
    }
    long chunks = ((Manifest) value).chunks().size();
    return (int) Math.min(Integer.MAX_VALUE, MANIFEST_BYTES + ENTRY_BYTES * chunks);
  }

  /** The kept manifest of {@code version} of {@code name}, or of the one last seen current. */
  Manifest manifest(String name, OptionalLong version) {
    if (cache == null) {
      return null;
    }
    return (Manifest) cache.getIfPresent(new ManifestKey(name, version.orElse(CURRENT)));
  }

  /** Keeps {@code manifest}, as its version's and, if it was read as the current one, as that. */
  void putManifest(Manifest manifest, boolean current) {
    if (cache == null || manifest.id().isEmpty()) { // no id (an old version): nothing to key on
      return;
    }
    cache.put(new ManifestKey(manifest.name(), manifest.version()), manifest);
    if (current) {
      cache.put(new ManifestKey(manifest.name(), CURRENT), manifest);
    }
  }

  /** Forgets which version of {@code name} was current (it has none, or another). */
  void forgetCurrent(String name) {
    if (cache != null) {
      cache.invalidate(new ManifestKey(name, CURRENT));
    }
  }

  /** Forgets {@code name}'s {@code version} (it is gone). */
  void forget(String name, long version) {
    if (cache != null) {
      cache.invalidate(new ManifestKey(name, version));
    }
  }

  /** The kept bytes of chunk {@code field} of the version with id {@code id}, or null. */
  byte[] chunk(String id, String field) {
    return cache == null || id.isEmpty()
        ? null
        : (byte[]) cache.getIfPresent(new ChunkKey(id, field));
  }

  /** Whether chunk {@code field} of the version with id {@code id} is kept (not counted as use). */
  boolean keeps(String id, String field) {
    return cache != null && !id.isEmpty() && cache.asMap().containsKey(new ChunkKey(id, field));
  }

  /** Keeps a chunk whose length and checksum matched its manifest. */
  void putChunk(String id, String field, byte[] bytes) {
    if (cache != null && !id.isEmpty()) {
      cache.put(new ChunkKey(id, field), bytes);
    }
  }

  /** Drops a kept chunk whose bytes no longer match their checksum. */
  void dropChunk(String id, String field) {
    if (cache != null) {
      cache.invalidate(new ChunkKey(id, field));
    }
  }

  CacheStats stats() {
    if (cache == null) {
      return new CacheStats(0, 0, 0, 0, 0);
    }
    com.github.benmanes.caffeine.cache.stats.CacheStats stats = cache.stats();
    long bytes = cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    return new CacheStats(
        stats.hitCount(), stats.missCount(), stats.evictionCount(), bytes, cache.estimatedSize());
  }
}
