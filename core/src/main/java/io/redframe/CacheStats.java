package io.redframe;

/**
 * What a store's load cache ({@link StoreOption#CACHE_SIZE}) has done since the store opened; all
 * zero when it is off.
 *
 * @param hits lookups of a chunk or manifest that found it kept
 * @param misses lookups that did not (a first load, or an evicted entry)
 * @param evictions entries dropped to keep within {@code cacheSize}
 * @param bytes the estimated heap the kept entries hold, at most {@code cacheSize}
 * @param entries chunks and manifests kept
 */
public record CacheStats(long hits, long misses, long evictions, long bytes, long entries) {}
