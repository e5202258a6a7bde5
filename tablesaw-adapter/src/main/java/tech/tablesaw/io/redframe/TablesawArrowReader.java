package tech.tablesaw.io.redframe;

import io.redframe.arrow.ArrowFiles;
import io.redframe.tablesaw.ArrowTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.DataReader;
import tech.tablesaw.io.Source;

/**
 * Reads Arrow IPC files ({@code ARROW1} magic: {@code .arrow}, {@code .feather}) and streams
 * ({@code .arrows}) into Tablesaw tables, with the same type mapping as redframe frames. Registered
 * for those extensions and for {@link ArrowFileReadOptions}. The Arrow buffers live only during the
 * read, in an allocator scoped to it.
 */
public final class TablesawArrowReader implements DataReader<ArrowFileReadOptions> {
  private static final TablesawArrowReader INSTANCE = new TablesawArrowReader();

  static {
    register();
  }

  private TablesawArrowReader() {}

  /** Registers the reader for its options and extensions (idempotent). */
  public static void register() {
    Table.defaultReaderRegistry.registerOptions(ArrowFileReadOptions.class, INSTANCE);
    for (String extension : new String[] {"arrow", "feather", "arrows"}) {
      Table.defaultReaderRegistry.registerExtension(extension, INSTANCE);
    }
  }

  /**
   * Reads the Arrow file or stream {@code options} name, whole.
   *
   * @throws UncheckedIOException if it cannot be read or is not Arrow IPC data
   * @throws IllegalArgumentException if a column's Arrow type has no Tablesaw counterpart, or a
   *     value does not fit Tablesaw (a time of day past midnight, more rows than a column holds)
   */
  @Override
  public Table read(ArrowFileReadOptions options) {
    return read(options.source(), options.tableName());
  }

  /**
   * Reads the Arrow file or stream of {@code source}, named after its file.
   *
   * @throws UncheckedIOException if it cannot be read or is not Arrow IPC data
   * @throws IllegalArgumentException if a column's Arrow type has no Tablesaw counterpart, or a
   *     value does not fit Tablesaw
   */
  @Override
  public Table read(Source source) {
    return read(source, source.file() != null ? source.file().getName() : "arrow");
  }

  private Table read(Source source, String name) {
    try (BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE);
        SeekableByteChannel channel = channel(source);
        ArrowReader reader = reader(channel, allocator)) {
      return ArrowTables.table(reader, name);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Arrow data from " + describe(source), e);
    }
  }

  private static SeekableByteChannel channel(Source source) throws IOException {
    if (source.file() != null) {
      return FileChannel.open(source.file().toPath(), StandardOpenOption.READ);
    }
    try (InputStream in = source.inputStream()) {
      return new ByteArrayReadableSeekableByteChannel(in.readAllBytes());
    }
  }

  /**
   * An Arrow reader over {@code channel}: the file format if it starts with the {@code ARROW1}
   * magic, else the stream format. The caller closes it (which closes the channel).
   *
   * @throws IOException if the channel cannot be read
   * @see ArrowFiles#reader(SeekableByteChannel, BufferAllocator)
   */
  public static ArrowReader reader(SeekableByteChannel channel, BufferAllocator allocator)
      throws IOException {
    return ArrowFiles.reader(channel, allocator);
  }

  private static String describe(Source source) {
    return source.file() != null ? source.file().toString() : "a stream";
  }
}
