package io.redframe.arrow.internal;

import io.redframe.FrameStoreException;
import io.redframe.arrow.ArrowReadLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * An Arrow IPC file or stream on disk read with the checks stored chunks get: every message's
 * metadata and body length is checked against what is left of the file before anything is read or
 * allocated for it, then the message goes through {@link IpcValidator} (buffer extents, row counts,
 * announced uncompressed sizes against {@link ArrowReadLimits}) before Arrow's reader sees it, and
 * every loaded vector through {@link VectorChecks}. An IPC file is read as the stream it holds
 * (between the leading magic and the footer). Any failure is an {@link IOException} that names the
 * file and says what it is not ("a zip archive, not an Arrow IPC file").
 */
public final class CheckedIpcFile {
  private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
  private static final int CONTINUATION = 0xFFFFFFFF;

  private CheckedIpcFile() {}

  /**
   * A reader over {@code channel} from its position to its end, named {@code name} in errors.
   * Closing the reader closes the channel.
   *
   * @throws IOException if the channel cannot be read, or does not start like an Arrow IPC file or
   *     stream
   */
  public static ArrowStreamReader open(
      SeekableByteChannel channel, String name, BufferAllocator allocator, ArrowReadLimits limits)
      throws IOException {
    long start = channel.position();
    long end = channel.size();
    byte[] head = readAt(channel, start, (int) Math.min(8, end - start));
    if (head.length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, 6)) {
      end = footerStart(channel, name, start, end);
      start += 8;
    } else {
      String other = otherFormat(head);
      if (other != null) {
        throw new IOException(name + " is " + other + ", not an Arrow IPC file or stream");
      }
    }
    channel.position(start);
    Messages messages = new Messages(channel, name, end, limits);
    return new Checked(messages, allocator, name);
  }

  /** Where the stream inside an IPC file ends: at its footer, which the last 10 bytes locate. */
  private static long footerStart(SeekableByteChannel channel, String name, long start, long end)
      throws IOException {
    if (end - start < 8 + 10) {
      throw truncated(name, end - start, "shorter than the smallest Arrow IPC file");
    }
    byte[] tail = readAt(channel, end - 10, 10);
    if (!Arrays.equals(tail, 4, 10, MAGIC, 0, 6)) {
      throw truncated(name, end - start, "it starts like an Arrow IPC file but its end is missing");
    }
    int footer = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (footer <= 0 || footer > end - start - 18) {
      throw new IOException(
          name + " is not a valid Arrow IPC file: its footer length " + footer + " does not fit");
    }
    return end - 10 - footer;
  }

  private static IOException truncated(String name, long size, String why) {
    return new IOException(
        String.format(
            Locale.ROOT,
            "%s is not a complete Arrow IPC file (%,d bytes): %s; was it truncated?",
            name,
            size,
            why));
  }

  /** What other common format a file's first bytes say it is, or null. */
  private static String otherFormat(byte[] head) {
    String text = new String(head, StandardCharsets.ISO_8859_1);
    if (text.startsWith("PK\u0003\u0004") || text.startsWith("PK\u0005\u0006")) {
      return "a zip archive";
    }
    if (text.startsWith("PAR1")) {
      return "a Parquet file (read it with a Parquet reader, or convert it with pyarrow)";
    }
    if (text.startsWith("FEA1")) {
      return "a Feather version 1 file (rewrite it as Feather v2 with pyarrow.feather)";
    }
    if (text.startsWith("\u001f\u008b")) {
      return "a gzip file (decompress it first)";
    }
    if (text.startsWith("ORC")) {
      return "an ORC file";
    }
    return null;
  }

  private static byte[] readAt(SeekableByteChannel channel, long position, int length)
      throws IOException {
    channel.position(position);
    ByteBuffer buffer = ByteBuffer.allocate(Math.max(0, length));
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // a channel may return fewer bytes than asked for
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  /** Arrow's stream reader, checking every vector of every batch it loads. */
  private static final class Checked extends ArrowStreamReader {
    private final String name;

    Checked(Messages in, BufferAllocator allocator, String name) {
      super(in, allocator, CodecFactory.INSTANCE);
      this.name = name;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
      boolean loaded = super.loadNextBatch();
      if (loaded) {
        try {
          for (FieldVector vector : getVectorSchemaRoot().getFieldVectors()) {
            VectorChecks.check(vector);
          }
        } catch (FrameStoreException e) {
          throw new IOException(name + ": " + e.getMessage(), e);
        }
      }
      return loaded;
    }
  }

  /**
   * The stream's bytes, one checked message at a time: a message is read whole (its lengths checked
   * against the bytes left first), validated, then handed out.
   */
  private static final class Messages implements ReadableByteChannel {
    private final SeekableByteChannel file;
    private final String name;
    private final long end;
    private final IpcValidator validator;
    private final long start;
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private boolean ended;
    private long position;

    Messages(SeekableByteChannel file, String name, long end, ArrowReadLimits limits)
        throws IOException {
      this.file = file;
      this.name = name;
      this.end = end;
      this.position = file.position();
      this.start = position;
      this.validator = new IpcValidator(limits, name);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      if (!pending.hasRemaining() && !ended) {
        pending = ByteBuffer.wrap(next());
      }
      if (!pending.hasRemaining()) {
        return -1;
      }
      int n = Math.min(dst.remaining(), pending.remaining());
      dst.put(pending.array(), pending.position(), n);
      pending.position(pending.position() + n);
      return n;
    }

    /** The next message with its framing (or the end-of-stream marker). */
    private byte[] next() throws IOException {
      long at = position;
      if (end - position == 0 && at == start) {
        throw notArrow(at, at == 0 ? "it is empty" : "it ends before its schema");
      }
      if (end - position == 0) {
        ended = true; // a stream may end without its end-of-stream marker
        return endOfStream();
      }
      int length = readInt(at);
      if (length == CONTINUATION) {
        length = readInt(at);
      }
      if (length == 0 && at == start) {
        throw notArrow(at, "it ends before its schema");
      }
      if (length == 0) {
        ended = true;
        return endOfStream();
      }
      long left = end - position;
      if (length < 0 || length > left) {
        throw notArrow(
            at,
            String.format(
                Locale.ROOT,
                "the message at byte %,d declares %,d bytes of metadata, but %,d bytes follow",
                at,
                Integer.toUnsignedLong(length),
                left));
      }
      byte[] metadata = read(length, at);
      long body = bodyLength(metadata, at);
      left = end - position;
      if (body < 0 || body > left) {
        throw notArrow(
            at,
            String.format(
                Locale.ROOT,
                "the message at byte %,d declares a body of %,d bytes, but %,d bytes follow",
                at,
                body,
                left));
      }
      if (body > Integer.MAX_VALUE - 16 - (long) length) {
        throw new IOException(
            String.format(
                Locale.ROOT,
                "%s: the message at byte %,d has a body of %,d bytes, more than the 2 GiB one"
                    + " message may have here",
                name,
                at,
                body));
      }
      ByteBuffer message =
          ByteBuffer.allocate(8 + length + (int) body + 8).order(ByteOrder.LITTLE_ENDIAN);
      message.putInt(CONTINUATION).putInt(length).put(metadata).put(read((int) body, at));
      message.putInt(CONTINUATION).putInt(0);
      try {
        validator.validate(message.array());
      } catch (FrameStoreException e) {
        throw new IOException(e.getMessage(), e);
      }
      return Arrays.copyOf(message.array(), message.capacity() - 8);
    }

    private long bodyLength(byte[] metadata, long at) throws IOException {
      try {
        return Message.getRootAsMessage(ByteBuffer.wrap(metadata).order(ByteOrder.LITTLE_ENDIAN))
            .bodyLength();
      } catch (RuntimeException e) {
        throw notArrow(at, "the message at byte " + at + " has unreadable metadata");
      }
    }

    private static byte[] endOfStream() {
      return ByteBuffer.allocate(8)
          .order(ByteOrder.LITTLE_ENDIAN)
          .putInt(CONTINUATION)
          .putInt(0)
          .array();
    }

    private int readInt(long at) throws IOException {
      return ByteBuffer.wrap(read(4, at)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private byte[] read(int length, long at) throws IOException {
      if (length > end - position) {
        throw notArrow(
            at,
            String.format(
                Locale.ROOT, "it ends in the middle of the message at byte %,d (truncated?)", at));
      }
      ByteBuffer buffer = ByteBuffer.allocate(length);
      while (buffer.hasRemaining()) {
        if (file.read(buffer) < 0) {
          throw notArrow(at, "it ends in the middle of the message at byte " + at);
        }
      }
      position += length;
      return buffer.array();
    }

    private IOException notArrow(long at, String why) {
      String what = at == start ? "an Arrow IPC file or stream" : "a valid Arrow IPC stream";
      return new IOException(name + " is not " + what + ": " + why);
    }

    @Override
    public boolean isOpen() {
      return file.isOpen();
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }
}
