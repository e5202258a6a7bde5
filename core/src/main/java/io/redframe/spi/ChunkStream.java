package io.redframe.spi;

import java.util.Iterator;

/**
 * Chunks in manifest order, fetched a window at a time. Not thread-safe. Closing it cancels the
 * fetch in flight; it holds no connection between windows.
 */
public interface ChunkStream extends Iterator<Chunk>, AutoCloseable {
  @Override
  void close();
}
