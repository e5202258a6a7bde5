package io.redframe.internal;

import io.redframe.ChunkEntry;
import io.redframe.FrameStoreException;
import io.redframe.LimitExceededException;
import io.redframe.StoreOption;
import io.redframe.spi.ChunkSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Writes the chunks of one pending version: each chunk is an {@code HSET} of one field, pipelined,
 * with a round trip (and a refresh of the pending key's expiry) whenever a window of bytes is in
 * flight. One pipeline holds one pooled connection until {@link #close}. Not thread-safe.
 */
final class ChunkWriter implements ChunkSink, AutoCloseable {
  private static final byte[] MANIFEST = "manifest".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MANIFEST_CRC = "manifest.crc32c".getBytes(StandardCharsets.US_ASCII);

  private final RedisCalls redis;
  private final byte[] key;
  private final int chunkSize;
  private final long maxChunkBytes;
  private final long window;
  private final long pendingTtlMillis;
  private final String where;
  private final LongConsumer progress;
  private final List<ChunkEntry> entries = new ArrayList<>();
  private final List<Response<?>> inFlight = new ArrayList<>();
  private AbstractPipeline pipeline;
  private long bytesInFlight;
  private long totalBytes;

  ChunkWriter(
      RedisCalls redis,
      byte[] key,
      int chunkSize,
      long maxChunkBytes,
      long window,
      long pendingTtlMillis,
      String where,
      LongConsumer progress) {
    this.redis = redis;
    this.key = key;
    this.chunkSize = chunkSize;
    this.maxChunkBytes = maxChunkBytes;
    this.window = window;
    this.pendingTtlMillis = pendingTtlMillis;
    this.where = where;
    this.progress = progress;
  }

  @Override
  public int chunkSize() {
    return chunkSize;
  }

  @Override
  public void write(long firstRow, long rows, List<Integer> columns, byte[] bytes) {
    if (bytes.length > maxChunkBytes) {
      throw new LimitExceededException(
          "Chunk " + entries.size() + " of " + where,
          StoreOption.MAX_CHUNK_BYTES.key(),
          bytes.length,
          maxChunkBytes);
    }
    if (firstRow < 0 || rows < 0) {
      throw new IllegalArgumentException(
          "firstRow and rows must be >= 0: " + firstRow + ", " + rows);
    }
    String field = KeyLayout.chunkField(entries.size());
    entries.add(
        new ChunkEntry(field, firstRow, rows, columns, bytes.length, Checksums.crc32c(bytes)));
    send(field.getBytes(StandardCharsets.US_ASCII), bytes);
  }

  @Override
  public void write(
      long firstRow, long rows, List<Integer> columns, byte[] bytes, int offset, int length) {
    write(firstRow, rows, columns, Arrays.copyOfRange(bytes, offset, offset + length));
  }

  private void send(byte[] field, byte[] bytes) {
    try {
      if (pipeline == null) {
        pipeline = redis.jedis().pipelined();
      }
      inFlight.add(pipeline.hset(key, field, bytes));
      bytesInFlight += bytes.length;
      totalBytes += bytes.length;
      if (bytesInFlight >= window) {
        sync();
      }
    } catch (JedisException e) {
      throw redis.translate("writing chunks of " + where, e);
    }
  }

  /** Sends what is queued and checks every reply; keeps the pending version from expiring. */
  private void sync() {
    inFlight.add(pipeline.pexpire(key, pendingTtlMillis));
    pipeline.sync();
    for (Response<?> response : inFlight) {
      response.get(); // throws the command's error, such as OOM when maxmemory is reached
    }
    inFlight.clear();
    bytesInFlight = 0;
    progress.accept(totalBytes);
  }

  /** Writes the manifest and its checksum after the last chunk, and waits for every reply. */
  void finish(byte[] manifest) {
    send(MANIFEST, manifest);
    send(MANIFEST_CRC, Checksums.crc32c(manifest).getBytes(StandardCharsets.US_ASCII));
    try {
      sync();
    } catch (JedisException e) {
      throw redis.translate("writing the manifest of " + where, e);
    }
  }

  List<ChunkEntry> entries() {
    return List.copyOf(entries);
  }

  long totalBytes() {
    return totalBytes;
  }

  @Override
  public void close() {
    if (pipeline != null) {
      try {
        pipeline.close();
      } catch (JedisException | FrameStoreException e) {
        // The connection is broken; the pool discards it. The pending key expires by itself.
      } finally {
        pipeline = null;
      }
    }
  }
}
