package io.redframe.spi;

import java.io.IOException;
import java.util.List;

/**
 * Where an encoder puts its chunks. Not thread-safe: call it from one thread. The store sends
 * chunks on its own I/O thread while the encoder makes the next ones, so a whole array passed to
 * {@link #write(long, long, List, byte[])} becomes the sink's: the encoder must not change it
 * afterwards (the ranged variant copies its range).
 */
public interface ChunkSink {

  /** The target chunk size configured on the store, in bytes. */
  int chunkSize();

  /**
   * Appends a chunk.
   *
   * @param firstRow the first row (or element) the chunk holds
   * @param rows how many rows it holds (0 for chunks of objects and byte payloads)
   * @param columns indexes of the columns the chunk holds; empty for all
   * @param bytes the chunk's bytes, handed over: not modified by the sink, and never again by the
   *     caller
   */
  void write(long firstRow, long rows, List<Integer> columns, byte[] bytes) throws IOException;

  /**
   * Same as {@link #write(long, long, List, byte[])} for a copy of {@code bytes[offset,
   * offset+length)}; the caller keeps {@code bytes}.
   */
  void write(long firstRow, long rows, List<Integer> columns, byte[] bytes, int offset, int length)
      throws IOException;
}
