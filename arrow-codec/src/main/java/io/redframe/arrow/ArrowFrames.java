package io.redframe.arrow;

import io.redframe.FrameStore;
import io.redframe.SaveOptions;
import io.redframe.SaveResult;
import io.redframe.arrow.internal.ArrowDecoder;
import io.redframe.arrow.internal.ArrowEncoder;
import io.redframe.arrow.internal.ArrowRuntime;
import io.redframe.arrow.internal.SchemaIO;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow data in a {@link FrameStore}: save a {@link VectorSchemaRoot} or everything an {@link
 * ArrowReader} yields (an Arrow IPC file or stream from pyarrow, say), load it back as a stream of
 * batches in the caller's allocator, all columns or some, all rows or a range.
 *
 * <pre>{@code
 * ArrowFrames arrow = ArrowFrames.of(store).compression(ArrowCompression.ZSTD);
 * arrow.save("trades", root);
 * try (BufferAllocator allocator = new RootAllocator(1L << 30);
 *     ArrowReader reader = arrow.load("trades", allocator, ArrowLoadOptions.all().columns("px"))) {
 *   while (reader.loadNextBatch()) {
 *     VectorSchemaRoot batch = reader.getVectorSchemaRoot();
 *   }
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe. Every Arrow type the Java IPC writer supports round-trips, nested
 * types and dictionaries included, with schema and field metadata. Needs {@code
 * --add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED} on JDK 17+ (a clear
 * exception says so if it is missing).
 */
public final class ArrowFrames {
  /** Rows in one written record batch at most: many moderate batches write fastest. */
  public static final int DEFAULT_MAX_BATCH_ROWS = 1 << 20;

  private final FrameStore store;
  private final ArrowCompression compression;
  private final int maxBatchRows;

  private ArrowFrames(FrameStore store, ArrowCompression compression, int maxBatchRows) {
    this.store = Objects.requireNonNull(store, "store");
    this.compression = Objects.requireNonNull(compression, "compression");
    if (maxBatchRows < 1) {
      throw new IllegalArgumentException("maxBatchRows must be >= 1: " + maxBatchRows);
    }
    this.maxBatchRows = maxBatchRows;
  }

  /** Arrow frames in {@code store}, written with the default compression. */
  public static ArrowFrames of(FrameStore store) {
    ArrowRuntime.check();
    return new ArrowFrames(store, ArrowCompression.NONE, DEFAULT_MAX_BATCH_ROWS);
  }

  /** The same, writing with {@code compression}. */
  public ArrowFrames compression(ArrowCompression compression) {
    return new ArrowFrames(store, compression, maxBatchRows);
  }

  /** The same, writing record batches of at most {@code rows} rows. */
  public ArrowFrames maxBatchRows(int rows) {
    return new ArrowFrames(store, compression, rows);
  }

  public ArrowCompression compression() {
    return compression;
  }

  /** Saves {@code root} (its current rows) as a new version of {@code name}. */
  public SaveResult save(String name, VectorSchemaRoot root) {
    return save(name, root, null, SaveOptions.defaults());
  }

  /**
   * Saves {@code root} as a new version of {@code name}; {@code dictionaries} holds the
   * dictionaries of its dictionary-encoded columns (null if none).
   */
  public SaveResult save(
      String name, VectorSchemaRoot root, DictionaryProvider dictionaries, SaveOptions options) {
    return store.save(
        name, ArrowEncoder.of(root, dictionaries, compression, maxBatchRows), options);
  }

  /**
   * Saves every batch {@code reader} yields, batch by batch, so a source larger than the heap
   * streams through. The reader is read to its end and not closed.
   */
  public SaveResult save(String name, ArrowReader reader, SaveOptions options) {
    return store.save(name, ArrowEncoder.of(reader, compression, maxBatchRows), options);
  }

  /** The current version, all of it, as a reader of batches in {@code allocator}; close it. */
  public ArrowReader load(String name, BufferAllocator allocator) {
    return load(name, allocator, ArrowLoadOptions.all());
  }

  /**
   * What {@code options} select, as a reader of batches in {@code allocator}. Only the chunks
   * holding the wanted columns and rows are fetched, a few at a time as batches are loaded. The
   * caller closes the reader.
   */
  public ArrowReader load(String name, BufferAllocator allocator, ArrowLoadOptions options) {
    return load(name, allocator, options, bytes -> {});
  }

  /**
   * As {@link #load(String, BufferAllocator, ArrowLoadOptions)}, calling {@code progress} with the
   * chunk bytes fetched so far as each window arrives (for progress bars).
   */
  public ArrowReader load(
      String name, BufferAllocator allocator, ArrowLoadOptions options, LongConsumer progress) {
    return store.load(name, options.version(), new ArrowDecoder(allocator, options), progress);
  }

  /** The stored schema of the current version, from the manifest alone. */
  public Schema schema(String name) {
    return SchemaIO.schema(store.manifest(name));
  }

  public FrameStore store() {
    return store;
  }
}
