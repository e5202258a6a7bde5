package io.redframe.arrow;

import io.redframe.FrameStore;
import io.redframe.SaveOptions;
import io.redframe.SaveResult;
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

  /** Arrays in {@code store}, saved as raw bytes. */
  public static NumericArrays of(FrameStore store, BufferAllocator allocator) {
    ArrowRuntime.check();
    return new NumericArrays(
        store, allocator, ArrayFormat.RAW, ArrowCompression.NONE, ArrowReadLimits.DEFAULTS);
  }

  /** The same, saving in {@code format}. */
  public NumericArrays format(ArrayFormat format) {
    return new NumericArrays(store, allocator, format, compression, limits);
  }

  /** The same, compressing the Arrow format with {@code compression}. */
  public NumericArrays compression(ArrowCompression compression) {
    return new NumericArrays(store, allocator, format, compression, limits);
  }

  /** The same, with these read limits for the Arrow format. */
  public NumericArrays limits(ArrowReadLimits limits) {
    return new NumericArrays(store, allocator, format, compression, limits);
  }

  /** Saves a 1-d array: double[], float[], long[], int[], short[], byte[] or boolean[]. */
  public SaveResult save(String name, Object values) {
    return save(name, NdArray.of(values), SaveOptions.defaults());
  }

  public SaveResult save(String name, NdArray array) {
    return save(name, array, SaveOptions.defaults());
  }

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

  /** The current version, whole. */
  public NdArray load(String name) {
    return load(name, 0, Long.MAX_VALUE);
  }

  /** Rows {@code [from, to)} of the first axis of the current version (cut at the end). */
  public NdArray load(String name, long from, long to) {
    return load(name, OptionalLong.empty(), from, to);
  }

  /** Rows {@code [from, to)} of the first axis of {@code version} (the current one if empty). */
  public NdArray load(String name, OptionalLong version, long from, long to) {
    return store.load(name, version, decoder(allocator, from, to, limits));
  }

  /** The format the current version of {@code name} is stored in. */
  public ArrayFormat formatOf(String name) {
    return ArrayCodecs.format(store.manifest(name));
  }
}
