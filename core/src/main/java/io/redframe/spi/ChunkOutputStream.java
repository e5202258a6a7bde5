package io.redframe.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * An output stream that cuts what is written into chunks of the sink's chunk size. For payloads
 * that are one byte stream (objects, opaque bytes): such chunks are pieces of one document, not
 * independently decodable.
 *
 * <p>The first buffer starts small and doubles up to the chunk size, so a 150-byte object does not
 * allocate (and zero) a whole chunk: a profile of small saves showed a 1 MiB buffer per save as
 * most of their time. Once a chunk is full, the next ones are chunk-sized from the start.
 */
public final class ChunkOutputStream extends OutputStream {
  private final ChunkSink sink;
  private final int chunkSize;

  /** The first buffer's size, unless the chunk size is smaller. */
  static final int FIRST_BUFFER = 4096;

  private byte[] buffer;
  private int used;
  private long total;

  public ChunkOutputStream(ChunkSink sink) {
    this.sink = sink;
    this.chunkSize = sink.chunkSize();
    this.buffer = new byte[Math.min(chunkSize, FIRST_BUFFER)];
  }

  /** Room for at least one more byte in the buffer: it doubles, or a full chunk is emitted. */
  private void makeRoom() throws IOException {
    if (used == chunkSize) {
      emit();
    } else if (used == buffer.length) {
      buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(chunkSize, 2L * buffer.length));
    }
  }

  @Override
  public void write(int b) throws IOException {
    if (used == buffer.length) {
      makeRoom();
    }
    buffer[used++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      if (used == buffer.length) {
        makeRoom();
      }
      int n = Math.min(length, buffer.length - used);
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
