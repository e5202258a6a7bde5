package io.redframe.tablesaw;

import io.redframe.CodecMismatchException;
import io.redframe.CorruptFrameException;
import io.redframe.FrameNotFoundException;
import io.redframe.FrameStore;
import io.redframe.FrameStoreException;
import io.redframe.LimitExceededException;
import io.redframe.SaveOptions;
import io.redframe.SaveResult;
import io.redframe.StoreConnectionException;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowFrames;
import io.redframe.spi.ChunkSink;
import io.redframe.spi.CodecId;
import io.redframe.spi.EncodedFrame;
import io.redframe.spi.FrameDecoder;
import io.redframe.spi.FrameEncoder;
import io.redframe.tablesaw.internal.JsonTableCodec;
import io.redframe.tablesaw.internal.TableDecoder;
import io.redframe.tablesaw.internal.TableReader;
import java.io.IOException;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.apache.arrow.memory.BufferAllocator;
import tech.tablesaw.api.Table;

/**
 * Tablesaw tables in a {@link FrameStore}: saved under a name, loaded back equal (every column
 * type, missing values where they were, column names and order, the table name), in Arrow or JSON
 * Table Schema, in any JVM.
 *
 * <pre>{@code
 * TablesawFrames tables = TablesawFrames.of(store, allocator);
 * tables.save("weather", weather);
 * Table rain = tables.load("weather", TableLoadOptions.all().columns("date", "precipitation"));
 * }</pre>
 *
 * <p>Immutable and thread-safe. The allocator (the caller's) holds Arrow buffers only while a table
 * is converted, about one chunk's rows of every column at a time; loaded tables live on the heap.
 */
public final class TablesawFrames {
  private final FrameStore store;
  private final BufferAllocator allocator;
  private final TableFormat format;
  private final ArrowCompression compression;

  private TablesawFrames(
      FrameStore store,
      BufferAllocator allocator,
      TableFormat format,
      ArrowCompression compression) {
    this.store = Objects.requireNonNull(store, "store");
    this.allocator = Objects.requireNonNull(allocator, "allocator");
    this.format = Objects.requireNonNull(format, "format");
    this.compression = Objects.requireNonNull(compression, "compression");
  }

  /**
   * Tables in {@code store}, saved as Arrow without compression.
   *
   * @throws NullPointerException if an argument is null
   */
  public static TablesawFrames of(FrameStore store, BufferAllocator allocator) {
    return new TablesawFrames(store, allocator, TableFormat.ARROW, ArrowCompression.NONE);
  }

  /**
   * The same, saving in {@code format}.
   *
   * @throws NullPointerException if {@code format} is null
   */
  public TablesawFrames format(TableFormat format) {
    return new TablesawFrames(store, allocator, format, compression);
  }

  /**
   * The same, compressing the Arrow format with {@code compression}.
   *
   * @throws NullPointerException if {@code compression} is null
   */
  public TablesawFrames compression(ArrowCompression compression) {
    return new TablesawFrames(store, allocator, format, compression);
  }

  /**
   * Saves {@code table} as a new version of {@code name}, with default options.
   *
   * @see #save(String, Table, SaveOptions)
   */
  public SaveResult save(String name, Table table) {
    return save(name, table, SaveOptions.defaults());
  }

  /**
   * Saves {@code table} as a new version of {@code name}, in this instance's format.
   *
   * @throws IllegalArgumentException if a column has a type redframe cannot store (naming it)
   * @throws FrameStoreException if encoding fails (nothing becomes visible)
   * @throws UncheckedIOException if releasing the Arrow view of the table fails
   * @see FrameStore#save(String, io.redframe.spi.FrameEncoder, SaveOptions) for the store's own
   *     exceptions (a version conflict, a limit, the connection)
   */
  public SaveResult save(String name, Table table, SaveOptions options) {
    return store.save(name, encoder(table, format, allocator, compression), options);
  }

  /**
   * Encodes {@code table} in {@code format}, for a store's {@link FrameStore#save(String,
   * FrameEncoder, SaveOptions)} or an in-memory sink ({@link #save} uses it). In Arrow, batches of
   * about the sink's chunk size pass through {@code allocator} one at a time; {@code compression}
   * applies to Arrow only.
   */
  public static FrameEncoder encoder(
      Table table, TableFormat format, BufferAllocator allocator, ArrowCompression compression) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(allocator, "allocator");
    Objects.requireNonNull(compression, "compression");
    if (Objects.requireNonNull(format, "format") == TableFormat.JSON) {
      return JsonTableCodec.encoder(table);
    }
    return new FrameEncoder() {
      @Override
      public CodecId codec() {
        return ArrowFrames.CODEC;
      }

      @Override
      public EncodedFrame encode(ChunkSink sink) throws IOException {
        int batchRows = TableReader.batchRows(table, sink.chunkSize());
        try (TableReader reader = new TableReader(table, allocator, batchRows)) {
          return ArrowFrames.encoder(reader, compression, ArrowFrames.DEFAULT_MAX_BATCH_ROWS)
              .encode(sink);
        }
      }
    };
  }

  /**
   * Decodes the rows and columns {@code options} select from a table frame in either format into a
   * table ({@link #load} uses it; the version in {@code options} is not used: the caller resolves
   * the manifest). Arrow buffers pass through {@code allocator} about a chunk at a time.
   */
  public static FrameDecoder<Table> decoder(BufferAllocator allocator, TableLoadOptions options) {
    return new TableDecoder(
        Objects.requireNonNull(allocator, "allocator"), Objects.requireNonNull(options, "options"));
  }

  /**
   * The current version, whole.
   *
   * @see #load(String, TableLoadOptions, LongConsumer)
   */
  public Table load(String name) {
    return load(name, TableLoadOptions.all());
  }

  /**
   * What {@code options} select; only the chunks holding those columns and rows are fetched.
   *
   * @see #load(String, TableLoadOptions, LongConsumer)
   */
  public Table load(String name, TableLoadOptions options) {
    return load(name, options, bytes -> {});
  }

  /**
   * As {@link #load(String, TableLoadOptions)}, reporting the chunk bytes fetched so far. Reads a
   * table stored in either format, and any Arrow frame whose column types Tablesaw has (an Arrow
   * array loads as a table of one column, {@code values}).
   *
   * @throws IllegalArgumentException if {@code options} name a column the frame lacks, name none or
   *     one twice, or select a column whose Arrow type has no Tablesaw counterpart (select others)
   * @throws FrameNotFoundException if the frame or the version does not exist
   * @throws CodecMismatchException if the frame is not a table (an object, bytes, a raw or JSON
   *     array)
   * @throws CorruptFrameException if stored bytes fail their checks or do not decode as a table
   * @throws LimitExceededException if the rows to load are more than a Tablesaw column holds, or a
   *     size is over a read limit
   * @throws StoreConnectionException if Redis cannot be reached
   * @throws FrameStoreException for any other failure of Redis
   */
  public Table load(String name, TableLoadOptions options, LongConsumer progress) {
    return store.load(name, options.version(), decoder(allocator, options), progress);
  }

  public FrameStore store() {
    return store;
  }
}
