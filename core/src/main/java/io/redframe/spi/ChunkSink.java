package io.redframe.spi;

import java.io.IOException;
import java.util.List;

/**
 * Where an encoder puts its chunks. Not thread-safe: call it from one thread. The sink owns nothing
 * the encoder passes after {@code write} returns: the bytes are copied to the wire or kept until
 * they are.
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
   * @param bytes the chunk's bytes; not modified by the sink, and not to be modified by the caller
   *     until the sink returns
   */
  void write(long firstRow, long rows, List<Integer> columns, byte[] bytes) throws IOException;

  /** Same as {@link #write(long, long, List, byte[])} for {@code bytes[offset, offset+length)}. */
  void write(long firstRow, long rows, List<Integer> columns, byte[] bytes, int offset, int length)
      throws IOException;
}
