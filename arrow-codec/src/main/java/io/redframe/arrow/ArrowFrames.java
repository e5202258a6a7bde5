package io.redframe.arrow;

import io.redframe.CodecMismatchException;
import io.redframe.CorruptFrameException;
import io.redframe.FrameNotFoundException;
import io.redframe.FrameStore;
import io.redframe.FrameStoreException;
import io.redframe.LimitExceededException;
import io.redframe.Manifest;
import io.redframe.SaveOptions;
import io.redframe.SaveResult;
import io.redframe.StoreConnectionException;
import io.redframe.arrow.internal.ArrowEncoder;
import io.redframe.arrow.internal.ArrowRuntime;
import io.redframe.arrow.internal.TabularDecoders;
import io.redframe.spi.CodecId;
import io.redframe.spi.FrameDecoder;
import io.redframe.spi.FrameEncoder;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow data in a {@link FrameStore}: save a {@link VectorSchemaRoot} or everything an {@link
 * ArrowReader} yields (an Arrow IPC file or stream from pyarrow, say, opened with {@link
 * ArrowFiles#reader}), load it back as a stream of batches in the caller's allocator, all columns
 * or some, all rows or a range. Every tabular frame loads this way, whatever its codec: Arrow
 * frames, and the JSON Table Schema frames of the Tablesaw adapter when that module is on the class
 * or module path (see {@link io.redframe.arrow.spi.TabularDecoder}).
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
 * --add-opens=java.base/java.nio=ALL-UNNAMED} on JDK 17+ with the jars on the class path, {@code
 * --add-opens=java.base/java.nio=org.apache.arrow.memory.core} on the module path (a clear
 * exception says which if it is missing).
 */
public final class ArrowFrames {
  /** The codec of Arrow frames, as their manifests record it: {@code arrow} version 1. */
  public static final CodecId CODEC = ArrowEncoder.CODEC;

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

  /**
   * Arrow frames in {@code store}, written with the default compression.
   *
   * @throws FrameStoreException if Arrow cannot reach direct memory in this JVM (the message names
   *     the {@code --add-opens} flag to add)
   * @throws NullPointerException if {@code store} is null
   */
  public static ArrowFrames of(FrameStore store) {
    ArrowRuntime.check();
    return new ArrowFrames(store, ArrowCompression.NONE, DEFAULT_MAX_BATCH_ROWS);
  }

  /**
   * The same, writing with {@code compression}.
   *
   * @throws NullPointerException if {@code compression} is null
   */
  public ArrowFrames compression(ArrowCompression compression) {
    return new ArrowFrames(store, compression, maxBatchRows);
  }

  /**
   * The same, writing record batches of at most {@code rows} rows.
   *
   * @throws IllegalArgumentException if {@code rows} is below 1
   */
  public ArrowFrames maxBatchRows(int rows) {
    return new ArrowFrames(store, compression, rows);
  }

  public ArrowCompression compression() {
    return compression;
  }

  /**
   * Saves {@code root} (its current rows) as a new version of {@code name}.
   *
   * @see #save(String, VectorSchemaRoot, DictionaryProvider, SaveOptions)
   */
  public SaveResult save(String name, VectorSchemaRoot root) {
    return save(name, root, null, SaveOptions.defaults());
  }

  /**
   * Saves {@code root} as a new version of {@code name}; {@code dictionaries} holds the
   * dictionaries of its dictionary-encoded columns (null if none).
   *
   * @throws IllegalArgumentException if a dictionary-encoded column's dictionary is not in {@code
   *     dictionaries} (Arrow's message names its id), or one of its indexes is outside its
   *     dictionary (the message names the column and the row); nothing becomes visible
   * @see FrameStore#save(String, io.redframe.spi.FrameEncoder, SaveOptions) for the store's own
   *     exceptions (a version conflict, a limit, the connection)
   */
  public SaveResult save(
      String name, VectorSchemaRoot root, DictionaryProvider dictionaries, SaveOptions options) {
    return store.save(name, encoder(root, dictionaries, compression, maxBatchRows), options);
  }

  /**
   * Saves every batch {@code reader} yields, batch by batch, so a source larger than the heap
   * streams through. The reader is read to its end and not closed.
   *
   * @throws FrameStoreException if the reader fails (its {@code IOException} is the cause); nothing
   *     becomes visible
   * @throws IllegalArgumentException if a dictionary index of a batch is outside its dictionary
   *     (the message names the column and the row); nothing becomes visible
   * @see FrameStore#save(String, io.redframe.spi.FrameEncoder, SaveOptions) for the store's own
   *     exceptions
   */
  public SaveResult save(String name, ArrowReader reader, SaveOptions options) {
    return store.save(name, encoder(reader, compression, maxBatchRows), options);
  }

  /**
   * Encodes {@code root} (its current rows) as an Arrow frame, for a store's {@link
   * FrameStore#save(String, FrameEncoder, SaveOptions)} or an in-memory sink; {@code dictionaries}
   * holds the dictionaries of its dictionary-encoded columns (null if none). {@link #save} uses it.
   */
  public static FrameEncoder encoder(
      VectorSchemaRoot root,
      DictionaryProvider dictionaries,
      ArrowCompression compression,
      int maxBatchRows) {
    ArrowRuntime.check();
    return ArrowEncoder.of(root, dictionaries, compression, checkBatchRows(maxBatchRows));
  }

  /**
   * Encodes every batch {@code reader} yields as an Arrow frame, batch by batch; the reader is read
   * to its end when the encoder runs, and not closed.
   */
  public static FrameEncoder encoder(
      ArrowReader reader, ArrowCompression compression, int maxBatchRows) {
    ArrowRuntime.check();
    return ArrowEncoder.of(reader, compression, checkBatchRows(maxBatchRows));
  }

  private static int checkBatchRows(int maxBatchRows) {
    if (maxBatchRows < 1) {
      throw new IllegalArgumentException("maxBatchRows must be >= 1: " + maxBatchRows);
    }
    return maxBatchRows;
  }

  /**
   * The decoder {@link #load} uses: any tabular frame as a reader of the batches {@code options}
   * select (its version is not used: the caller resolves the manifest), in {@code allocator}. For
   * {@link FrameStore#load(io.redframe.FrameRef, FrameDecoder)} and in-memory sources. Frames of a
   * codec that is neither Arrow nor another module's tabular codec are refused with {@link
   * io.redframe.CodecMismatchException}.
   */
  public static FrameDecoder<ArrowReader> decoder(
      BufferAllocator allocator, ArrowLoadOptions options) {
    ArrowRuntime.check();
    return TabularDecoders.decoder(
        Objects.requireNonNull(allocator, "allocator"), Objects.requireNonNull(options, "options"));
  }

  /**
   * The Arrow schema that a tabular frame with this manifest loads as, from the manifest alone.
   *
   * @throws io.redframe.CodecMismatchException if the frame is not tabular
   * @throws io.redframe.CorruptFrameException if the manifest's schema is unreadable
   */
  public static Schema schema(Manifest manifest) {
    return TabularDecoders.schema(manifest);
  }

  /**
   * The current version, all of it, as a reader of batches in {@code allocator}; close it.
   *
   * @see #load(String, BufferAllocator, ArrowLoadOptions, LongConsumer)
   */
  public ArrowReader load(String name, BufferAllocator allocator) {
    return load(name, allocator, ArrowLoadOptions.all());
  }

  /**
   * What {@code options} select, as a reader of batches in {@code allocator}. Only the chunks
   * holding the wanted columns and rows are fetched, a few at a time as batches are loaded. The
   * caller closes the reader.
   *
   * @see #load(String, BufferAllocator, ArrowLoadOptions, LongConsumer)
   */
  public ArrowReader load(String name, BufferAllocator allocator, ArrowLoadOptions options) {
    return load(name, allocator, options, bytes -> {});
  }

  /**
   * As {@link #load(String, BufferAllocator, ArrowLoadOptions)}, calling {@code progress} with the
   * chunk bytes fetched so far as each window arrives (for progress bars).
   *
   * <p>The reader is lazy: its {@link ArrowReader#loadNextBatch()} fetches and decodes the next
   * chunks, and keeps the same contract, throwing (unchecked) {@link CorruptFrameException} for a
   * chunk that fails its checks or does not decode, {@link LimitExceededException} for a size over
   * {@code options.limits()}, and {@link FrameStoreException} for Redis; it never returns values
   * that fail Arrow's own checks (offsets, buffer sizes, dictionary indexes).
   *
   * @throws IllegalArgumentException if {@code options} names a column the frame lacks
   * @throws FrameNotFoundException if the frame or the version does not exist
   * @throws CodecMismatchException if the frame is not tabular (an object, bytes, a raw or JSON
   *     array)
   * @throws CorruptFrameException if the manifest or its Arrow schema fails its checks
   * @throws LimitExceededException if the columns, rows or bytes to load are over {@code
   *     options.limits()}
   * @throws StoreConnectionException if Redis cannot be reached
   * @throws FrameStoreException for any other failure of Redis
   */
  public ArrowReader load(
      String name, BufferAllocator allocator, ArrowLoadOptions options, LongConsumer progress) {
    return store.load(name, options.version(), decoder(allocator, options), progress);
  }

  /**
   * The stored schema of the current version, from the manifest alone.
   *
   * @throws FrameNotFoundException if the frame does not exist
   * @throws CodecMismatchException if the frame is not tabular
   * @throws CorruptFrameException if the manifest holds no readable Arrow schema (it is damaged)
   * @throws StoreConnectionException if Redis cannot be reached
   */
  public Schema schema(String name) {
    return schema(store.manifest(name));
  }

  public FrameStore store() {
    return store;
  }
}
