package io.redframe.arrow;

import io.redframe.arrow.internal.ArrowRuntime;
import io.redframe.arrow.internal.CheckedIpcFile;
import io.redframe.arrow.internal.CodecFactory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.IpcOption;

/**
 * Arrow IPC files ({@code .arrow}, {@code .feather} v2) and streams ({@code .arrows}) on disk, read
 * and written with the compression codecs redframe uses ({@code LZ4_FRAME} and {@code ZSTD}
 * buffers, as pyarrow writes them, decompress on read). A file's bytes get the checks a frame's
 * chunks get: every message's lengths against the bytes the file has left, before anything is read
 * for it, then buffer extents, row counts and announced sizes against {@link ArrowReadLimits}, then
 * every loaded vector's offsets. A file that is not Arrow (truncated, a zip archive, Parquet,
 * random bytes) fails with an {@link IOException} naming it and saying what it is not.
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
  private ArrowFiles() {}

  /**
   * A reader over {@code file}, an IPC file (starting with the {@code ARROW1} magic) or stream,
   * checked against {@link ArrowReadLimits#DEFAULTS}. Closing the reader closes the file and
   * releases its buffers. An IPC file is read as the stream it holds, batch by batch.
   *
   * @throws IOException if the file cannot be opened or does not start like Arrow data; reading
   *     batches throws it too when a message is truncated, malformed or over a limit, naming the
   *     file, the byte offset and the cause
   */
  public static ArrowReader reader(Path file, BufferAllocator allocator) throws IOException {
    return reader(file, allocator, ArrowReadLimits.DEFAULTS);
  }

  /**
   * A reader over {@code file}, as {@link #reader(Path, BufferAllocator)}, checked against {@code
   * limits}.
   *
   * @throws IOException as {@link #reader(Path, BufferAllocator)}
   */
  public static ArrowReader reader(Path file, BufferAllocator allocator, ArrowReadLimits limits)
      throws IOException {
    Objects.requireNonNull(allocator, "allocator");
    Objects.requireNonNull(limits, "limits");
    ArrowRuntime.check();
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return CheckedIpcFile.open(channel, file.toString(), allocator, limits);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * A reader over {@code channel}, from its current position to its end: an IPC file or stream,
   * checked as {@link #reader(Path, BufferAllocator)} does. Closing the reader closes the channel.
   *
   * @throws IOException as {@link #reader(Path, BufferAllocator)}
   */
  public static ArrowReader reader(SeekableByteChannel channel, BufferAllocator allocator)
      throws IOException {
    Objects.requireNonNull(allocator, "allocator");
    ArrowRuntime.check();
    return CheckedIpcFile.open(channel, "the Arrow data", allocator, ArrowReadLimits.DEFAULTS);
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
