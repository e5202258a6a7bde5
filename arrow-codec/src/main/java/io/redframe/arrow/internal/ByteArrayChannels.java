package io.redframe.arrow.internal;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * Channels over byte arrays for Arrow's IPC reader and writer, copying each read or write at once
 * ({@code Channels.newChannel} over a byte-array stream copies through an 8 KiB transfer buffer).
 */
final class ByteArrayChannels {
  private ByteArrayChannels() {}

  /** Reads an array from its start. */
  static final class Reading implements ReadableByteChannel {
    private final byte[] bytes;
    private int position;
    private boolean open = true;

    Reading(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read(ByteBuffer target) {
      if (position == bytes.length) {
        return -1;
      }
      int length = Math.min(target.remaining(), bytes.length - position);
      target.put(bytes, position, length);
      position += length;
      return length;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }

  /** Counts what would be written, copying nothing. */
  static final class Counting implements WritableByteChannel {
    private long size;
    private boolean open = true;

    @Override
    public int write(ByteBuffer source) {
      int length = source.remaining();
      source.position(source.limit());
      size += length;
      return length;
    }

    long size() {
      return size;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }

  /** Collects writes in one array, grown by doubling. */
  static final class Writing implements WritableByteChannel {
    private byte[] bytes;
    private int size;
    private boolean open = true;

    Writing(int capacity) {
      bytes = new byte[capacity];
    }

    @Override
    public int write(ByteBuffer source) {
      int length = source.remaining();
      if (size + (long) length > bytes.length) {
        long grown = Math.max((long) size + length, Math.max(64, 2L * bytes.length));
        if (grown > Integer.MAX_VALUE - 8) {
          throw new IllegalStateException("An Arrow chunk cannot reach 2 GB");
        }
        bytes = Arrays.copyOf(bytes, (int) grown);
      }
      source.get(bytes, size, length);
      size += length;
      return length;
    }

    /** What was written (the array itself when it is exactly full). */
    byte[] toByteArray() {
      return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }
}
