package io.redframe.spi;

import io.redframe.ChunkEntry;

/**
 * One fetched chunk whose length and checksum matched its manifest entry.
 *
 * @param entry the manifest's entry for it
 * @param bytes its bytes; the decoder may keep or modify them
 */
@SuppressWarnings("ArrayRecordComponent") // a carrier of bytes: never compared or hashed
public record Chunk(ChunkEntry entry, byte[] bytes) {}
