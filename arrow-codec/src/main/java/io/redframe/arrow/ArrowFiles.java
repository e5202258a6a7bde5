package io.redframe.arrow;

import io.redframe.arrow.internal.ArrowRuntime;
import io.redframe.arrow.internal.CodecFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.message.IpcOption;

/**
 * Arrow IPC files ({@code .arrow}, {@code .feather} v2) and streams ({@code .arrows}) on disk, read
 * and written with the compression codecs redframe uses ({@code LZ4_FRAME} and {@code ZSTD}
 * buffers, as pyarrow writes them, decompress on read). For the caller's own files: unlike a
 * frame's chunks, a file's bytes are not checked against {@link ArrowReadLimits}.
 *
 * <pre>{@code
 * try (BufferAllocator allocator = new RootAllocator();
 *     ArrowReader reader = ArrowFiles.reader(Path.of("trades.arrow"), allocator)) {
 *   ArrowFrames.of(store).save("trades", reader, SaveOptions.defaults());
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe; the readers and writers it returns are not thread-safe.
 */
public final class ArrowFiles {
  private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

  private ArrowFiles() {}

  /**
   * A reader over {@code file}: the IPC file format if it starts with the {@code ARROW1} magic,
   * else the stream format. Closing the reader closes the file and releases its buffers.
   *
   * @throws IOException if the file cannot be opened
   */
  public static ArrowReader reader(Path file, BufferAllocator allocator) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return reader(channel, allocator);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * A reader over {@code channel}, from its current position: the IPC file format if it starts with
   * the {@code ARROW1} magic, else the stream format. Closing the reader closes the channel.
   *
   * @throws IOException if reading the first bytes fails
   */
  public static ArrowReader reader(SeekableByteChannel channel, BufferAllocator allocator)
      throws IOException {
    Objects.requireNonNull(allocator, "allocator");
    ArrowRuntime.check();
    long start = channel.position();
    ByteBuffer head = ByteBuffer.allocate(MAGIC.length);
    while (head.hasRemaining() && channel.read(head) >= 0) {
      // a channel may return fewer bytes than asked for
    }
    channel.position(start);
    if (Arrays.equals(head.array(), MAGIC)) {
      return new ArrowFileReader(channel, allocator, CodecFactory.INSTANCE);
    }
    return new ArrowStreamReader(channel, allocator, CodecFactory.INSTANCE);
  }

  /**
   * A writer of the IPC file format to {@code out}, with {@code root}'s schema and buffers
   * compressed with {@code compression}; {@code dictionaries} holds the dictionaries of its
   * dictionary-encoded columns (null if none). Call {@code start()}, {@code writeBatch()} for each
   * batch loaded into {@code root}, then {@code end()}; closing the writer closes {@code out}.
   */
  public static ArrowFileWriter writer(
      VectorSchemaRoot root,
      DictionaryProvider dictionaries,
      WritableByteChannel out,
      ArrowCompression compression) {
    ArrowRuntime.check();
    return new ArrowFileWriter(
        root,
        dictionaries,
        out,
        null,
        IpcOption.DEFAULT,
        CodecFactory.INSTANCE,
        compression.codecType(),
        Optional.empty());
  }
}
