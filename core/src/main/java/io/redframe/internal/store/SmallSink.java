package io.redframe.internal.store;

import io.redframe.ChunkEntry;
import io.redframe.spi.ChunkSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The sink a save starts with: it keeps the chunks in memory while they fit one script call (at
 * most {@code limit} bytes and {@link #MAX_CHUNKS} chunks), so a small frame is written and
 * published in one round trip. Past that, it asks for a {@link ChunkWriter} (which allocates the
 * version), hands it what it holds, and streams every later chunk through it.
 */
final class SmallSink implements ChunkSink {
  /** Chunks one script call carries at most (two arguments each). */
  static final int MAX_CHUNKS = 256;

  private final int chunkSize;
  private final long limit;
  private final long maxChunkBytes;
  private final String where;
  private final Supplier<ChunkWriter> overflow;
  private final List<ChunkEntry> entries = new ArrayList<>();
  private final List<byte[]> chunks = new ArrayList<>();
  private long bytes;
  private ChunkWriter writer;

  SmallSink(
      int chunkSize, long limit, long maxChunkBytes, String where, Supplier<ChunkWriter> overflow) {
    this.chunkSize = chunkSize;
    this.limit = limit;
    this.maxChunkBytes = maxChunkBytes;
    this.where = where;
    this.overflow = overflow;
  }

  @Override
  public int chunkSize() {
    return chunkSize;
  }

  @Override
  public void write(long firstRow, long rows, List<Integer> columns, byte[] chunk) {
    if (writer == null && (bytes + chunk.length > limit || chunks.size() >= MAX_CHUNKS)) {
      stream();
    }
    if (writer != null) {
      writer.write(firstRow, rows, columns, chunk);
      return;
    }
    entries.add(
        ChunkWriter.entry(entries.size(), firstRow, rows, columns, chunk, maxChunkBytes, where));
    chunks.add(chunk);
    bytes += chunk.length;
  }

  @Override
  public void write(
      long firstRow, long rows, List<Integer> columns, byte[] chunk, int offset, int length) {
    write(firstRow, rows, columns, Arrays.copyOfRange(chunk, offset, offset + length));
  }

  /**
   * Switches to streaming (if it has not yet): the writer gets every chunk held so far, and the
   * later ones as they come.
   */
  ChunkWriter stream() {
    if (writer == null) {
      writer = overflow.get();
      for (int i = 0; i < chunks.size(); i++) {
        ChunkEntry entry = entries.get(i);
        writer.write(entry.firstRow(), entry.rows(), entry.columns(), chunks.get(i));
      }
      chunks.clear();
      entries.clear();
    }
    return writer;
  }

  /** The writer chunks stream through, or null while the frame fits one script call. */
  ChunkWriter writer() {
    return writer;
  }

  List<ChunkEntry> entries() {
    return List.copyOf(entries);
  }

  List<byte[]> chunks() {
    return chunks;
  }

  long totalBytes() {
    return bytes;
  }
}
