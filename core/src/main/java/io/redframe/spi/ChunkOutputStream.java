package io.redframe.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * An output stream that cuts what is written into chunks of the sink's chunk size. For payloads
 * that are one byte stream (objects, opaque bytes): such chunks are pieces of one document, not
 * independently decodable.
 */
public final class ChunkOutputStream extends OutputStream {
  private final ChunkSink sink;
  private final int chunkSize;
  private byte[] buffer;
  private int used;
  private long total;

  public ChunkOutputStream(ChunkSink sink) {
    this.sink = sink;
    this.chunkSize = sink.chunkSize();
    this.buffer = new byte[chunkSize];
  }

  @Override
  public void write(int b) throws IOException {
    if (used == chunkSize) {
      emit();
    }
    buffer[used++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      if (used == chunkSize) {
        emit();
      }
      int n = Math.min(length, chunkSize - used);
      System.arraycopy(bytes, offset, buffer, used, n);
      used += n;
      offset += n;
      length -= n;
    }
  }

  private void emit() throws IOException {
    // The sink takes ownership of a full buffer; a fresh one takes its place.
    sink.write(0, 0, List.of(), buffer);
    total += used;
    buffer = new byte[chunkSize];
    used = 0;
  }

  /** Writes the last, partial chunk (if any) and returns the bytes written in all. */
  public long finish() throws IOException {
    if (used > 0) {
      sink.write(0, 0, List.of(), buffer, 0, used);
      total += used;
      used = 0;
    }
    return total;
  }
}
