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
  /** What one kept manifest costs beyond the objects parsed from its JSON. */
  private static final int MANIFEST_BYTES = 1024;

  /**
   * Heap bytes per byte of a manifest's JSON once parsed: strings, boxed numbers, maps and lists
   * (columns, chunk entries, properties) hold several times their text.
   */
  private static final int PARSED_PER_JSON_BYTE = 4;

  /** A kept chunk's cost beyond its bytes: the array header, its key and the map's entry. */
  private static final int CHUNK_OVERHEAD = 128;

  private sealed interface Key permits ChunkKey, ManifestKey {}

  /** A chunk of the version with id {@code id}. */
  private record ChunkKey(String id, String field) implements Key {}

  /** The manifest of {@code name}'s {@code version}, or the one last seen current if -1. */
  private record ManifestKey(String name, long version) implements Key {}

  private static final long CURRENT = -1;

  /** A kept manifest, with the length of the JSON it was read from (what it weighs). */
  private record KeptManifest(Manifest manifest, int jsonBytes) {}

  private final Cache<Key, Object> cache;

  LoadCache(long maximumBytes) {
    this.cache =
        maximumBytes == 0
            ? null
            : Caffeine.newBuilder()
                .maximumWeight(maximumBytes)
                .weigher(LoadCache::weight)
                // evict on the thread that put (with concurrent puts the bound can be passed for
                // a moment: eviction runs under a lock another thread may hold)
                .executor(Runnable::run)
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
    long json = ((KeptManifest) value).jsonBytes();
    return (int) Math.min(Integer.MAX_VALUE, MANIFEST_BYTES + PARSED_PER_JSON_BYTE * json);
  }

  /** The kept manifest of {@code version} of {@code name}, or of the one last seen current. */
  Manifest manifest(String name, OptionalLong version) {
    if (cache == null) {
      return null;
    }
    KeptManifest kept =
        (KeptManifest) cache.getIfPresent(new ManifestKey(name, version.orElse(CURRENT)));
    return kept == null ? null : kept.manifest();
  }

  /**
   * Keeps {@code manifest}, read from {@code jsonBytes} of JSON, as its version's and, if it was
   * read as the current one, as that.
   */
  void putManifest(Manifest manifest, int jsonBytes, boolean current) {
    if (cache == null || manifest.id().isEmpty()) { // no id (an old version): nothing to key on
      return;
    }
    KeptManifest kept = new KeptManifest(manifest, jsonBytes);
    cache.put(new ManifestKey(manifest.name(), manifest.version()), kept);
    if (current) {
      cache.put(new ManifestKey(manifest.name(), CURRENT), kept);
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
