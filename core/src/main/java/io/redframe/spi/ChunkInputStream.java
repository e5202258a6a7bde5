package io.redframe.spi;

import java.io.InputStream;

/** Reads the chunks of a stream back as one byte stream, a window at a time. */
public final class ChunkInputStream extends InputStream {
  private final ChunkStream chunks;
  private byte[] current = new byte[0];
  private int position;

  public ChunkInputStream(ChunkStream chunks) {
    this.chunks = chunks;
  }

  private boolean fill() {
    while (position == current.length) {
      if (!chunks.hasNext()) {
        return false;
      }
      current = chunks.next().bytes();
      position = 0;
    }
    return true;
  }

  @Override
  public int read() {
    return fill() ? current[position++] & 0xff : -1;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(length, current.length - position);
    System.arraycopy(current, position, bytes, offset, n);
    position += n;
    return n;
  }

  @Override
  public void close() {
    chunks.close();
  }
}
