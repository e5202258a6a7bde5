package io.redframe.spi;

import io.redframe.ChunkEntry;

/**
 * One fetched chunk whose length and checksum matched its manifest entry.
 *
 * @param entry the manifest's entry for it
 * @param bytes its bytes; the decoder may keep them but must not modify them: with the store's
 *     {@code cacheSize} on, the same array serves later loads (a modified one fails its checksum
 *     there and is fetched again)
 */
@SuppressWarnings("ArrayRecordComponent") // a carrier of bytes: never compared or hashed
public record Chunk(ChunkEntry entry, byte[] bytes) {}
