package io.redframe.arrow;

import io.redframe.CodecMismatchException;
import io.redframe.CorruptFrameException;
import io.redframe.FrameNotFoundException;
import io.redframe.FrameStore;
import io.redframe.FrameStoreException;
import io.redframe.LimitExceededException;
import io.redframe.SaveOptions;
import io.redframe.SaveResult;
import io.redframe.StoreConnectionException;
import io.redframe.arrow.internal.ArrayCodecs;
import io.redframe.arrow.internal.ArrowRuntime;
import io.redframe.spi.FrameDecoder;
import io.redframe.spi.FrameEncoder;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Numeric arrays (1-d Java arrays and N-d {@link NdArray}s) in a {@link FrameStore}, in one of
 * three formats: {@link ArrayFormat#RAW} little-endian bytes in numpy order (the fastest; {@code
 * numpy.frombuffer} reads it), {@link ArrayFormat#ARROW} (one column, shape in the metadata) or
 * {@link ArrayFormat#JSON} (nested lists). Arrays are cut into chunks as they are written and
 * filled chunk by chunk as they are read; a slice of the first axis fetches only the chunks that
 * hold it (in C order, for raw and Arrow).
 *
 * <pre>{@code
 * NumericArrays arrays = NumericArrays.of(store, allocator);
 * arrays.save("weights", NdArray.of(values, NdArray.Order.C, 1000, 64));
 * NdArray rows = arrays.load("weights", 100, 200); // rows 100..199 only
 * }</pre>
 *
 * <p>Immutable and thread-safe. The allocator (the caller's) serves the Arrow format only.
 */
public final class NumericArrays {
  private final FrameStore store;
  private final BufferAllocator allocator;
  private final ArrayFormat format;
  private final ArrowCompression compression;
  private final ArrowReadLimits limits;

  private NumericArrays(
      FrameStore store,
      BufferAllocator allocator,
      ArrayFormat format,
      ArrowCompression compression,
      ArrowReadLimits limits) {
    this.store = Objects.requireNonNull(store, "store");
    this.allocator = Objects.requireNonNull(allocator, "allocator");
    this.format = Objects.requireNonNull(format, "format");
    this.compression = Objects.requireNonNull(compression, "compression");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Arrays in {@code store}, saved as raw bytes.
   *
   * @throws FrameStoreException if Arrow cannot reach direct memory in this JVM (the message names
   *     the {@code --add-opens} flag to add)
   * @throws NullPointerException if an argument is null
   */
  public static NumericArrays of(FrameStore store, BufferAllocator allocator) {
    ArrowRuntime.check();
    return new NumericArrays(
        store, allocator, ArrayFormat.RAW, ArrowCompression.NONE, ArrowReadLimits.DEFAULTS);
  }

  /**
   * The same, saving in {@code format}.
   *
   * @throws NullPointerException if {@code format} is null
   */
  public NumericArrays format(ArrayFormat format) {
    return new NumericArrays(store, allocator, format, compression, limits);
  }

  /**
   * The same, compressing the Arrow format with {@code compression}.
   *
   * @throws NullPointerException if {@code compression} is null
   */
  public NumericArrays compression(ArrowCompression compression) {
    return new NumericArrays(store, allocator, format, compression, limits);
  }

  /**
   * The same, with these read limits: all of them for the Arrow format, {@code maxBufferBytes} (the
   * bytes of the loaded array) for every format.
   *
   * @throws NullPointerException if {@code limits} is null
   */
  public NumericArrays limits(ArrowReadLimits limits) {
    return new NumericArrays(store, allocator, format, compression, limits);
  }

  /**
   * Saves a 1-d array: double[], float[], long[], int[], short[], byte[] or boolean[].
   *
   * @throws IllegalArgumentException if {@code values} is not one of those arrays
   * @see #save(String, NdArray, SaveOptions)
   */
  public SaveResult save(String name, Object values) {
    return save(name, NdArray.of(values), SaveOptions.defaults());
  }

  /**
   * Saves {@code array} as a new version of {@code name}, with default options.
   *
   * @see #save(String, NdArray, SaveOptions)
   */
  public SaveResult save(String name, NdArray array) {
    return save(name, array, SaveOptions.defaults());
  }

  /**
   * Saves {@code array} as a new version of {@code name}, in this instance's format.
   *
   * @throws FrameStoreException if encoding fails (nothing becomes visible)
   * @see FrameStore#save(String, io.redframe.spi.FrameEncoder, SaveOptions) for the store's own
   *     exceptions (a version conflict, a limit, the connection)
   */
  public SaveResult save(String name, NdArray array, SaveOptions options) {
    return store.save(name, encoder(array, format, allocator, compression), options);
  }

  /**
   * Encodes {@code array} in {@code format}, for a store's {@link FrameStore#save(String,
   * FrameEncoder, SaveOptions)} or an in-memory sink ({@link #save} uses it). The allocator serves
   * the Arrow format only.
   */
  public static FrameEncoder encoder(
      NdArray array, ArrayFormat format, BufferAllocator allocator, ArrowCompression compression) {
    ArrowRuntime.check();
    return ArrayCodecs.encoder(
        Objects.requireNonNull(array, "array"),
        Objects.requireNonNull(format, "format"),
        Objects.requireNonNull(allocator, "allocator"),
        Objects.requireNonNull(compression, "compression"),
        ArrowFrames.DEFAULT_MAX_BATCH_ROWS);
  }

  /**
   * Decodes rows {@code [from, to)} of the first axis (cut at the end) of an array in any of the
   * formats ({@link #load} uses it). Also loads a one-column numeric Arrow table as a 1-d array.
   */
  public static FrameDecoder<NdArray> decoder(
      BufferAllocator allocator, long from, long to, ArrowReadLimits limits) {
    checkSlice(from, to);
    return ArrayCodecs.decoder(
        Objects.requireNonNull(allocator, "allocator"),
        from,
        to,
        Objects.requireNonNull(limits, "limits"));
  }

  private static void checkSlice(long from, long to) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("Slice must have 0 <= from <= to: " + from + ":" + to);
    }
  }

  /**
   * The current version, whole.
   *
   * @see #load(String, OptionalLong, long, long)
   */
  public NdArray load(String name) {
    return load(name, 0, Long.MAX_VALUE);
  }

  /**
   * Rows {@code [from, to)} of the first axis of the current version (cut at the end).
   *
   * @see #load(String, OptionalLong, long, long)
   */
  public NdArray load(String name, long from, long to) {
    return load(name, OptionalLong.empty(), from, to);
  }

  /**
   * Rows {@code [from, to)} of the first axis of {@code version} (the current one if empty), from
   * any of the three formats. An Arrow frame of one numeric column without array metadata (saved by
   * {@link ArrowFrames} or pyarrow, say) loads as a 1-d array.
   *
   * @throws IllegalArgumentException if not {@code 0 <= from <= to}
   * @throws FrameNotFoundException if the frame or the version does not exist
   * @throws CodecMismatchException if the frame is not an array (an object, bytes, a table of other
   *     than one numeric column)
   * @throws CorruptFrameException if stored bytes fail their checks or do not decode
   * @throws LimitExceededException if the slice is over {@code limits().maxBufferBytes()} (or, for
   *     the Arrow format, another of the read limits)
   * @throws StoreConnectionException if Redis cannot be reached
   * @throws FrameStoreException for any other failure of Redis
   */
  public NdArray load(String name, OptionalLong version, long from, long to) {
    return store.load(name, version, decoder(allocator, from, to, limits));
  }

  /**
   * The format the current version of {@code name} is stored in, from its manifest.
   *
   * @throws FrameNotFoundException if the frame does not exist
   * @throws CodecMismatchException if the frame is not stored in an array format
   * @throws StoreConnectionException if Redis cannot be reached
   */
  public ArrayFormat formatOf(String name) {
    return ArrayCodecs.format(store.manifest(name));
  }
}
