package io.redframe.arrow.internal;

import io.redframe.CodecMismatchException;
import io.redframe.FrameStoreException;
import io.redframe.Manifest;
import io.redframe.arrow.ArrayFormat;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowReadLimits;
import io.redframe.arrow.NdArray;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.CodecId;
import io.redframe.spi.FrameDecoder;
import io.redframe.spi.FrameEncoder;
import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;

/** Numeric arrays in the three formats: one encoder per format, one decoder for all. */
public final class ArrayCodecs {
  /** The decoder's name in messages. */
  static final String NAME = "the numeric array loader";

  private ArrayCodecs() {}

  public static FrameEncoder encoder(
      NdArray array,
      ArrayFormat format,
      BufferAllocator allocator,
      ArrowCompression compression,
      int batchRows) {
    return switch (format) {
      case RAW -> RawArrays.encoder(array);
      case JSON -> JsonArrays.encoder(array);
      case ARROW -> ArrowArrays.encoder(array, allocator, compression, batchRows);
    };
  }

  /** Rows {@code [from, to)} of the first axis (cut at the end), from any of the formats. */
  public static FrameDecoder<NdArray> decoder(
      BufferAllocator allocator, long from, long to, ArrowReadLimits limits) {
    return new FrameDecoder<>() {
      @Override
      public boolean accepts(CodecId codec) {
        return codec.equals(RawArrays.CODEC)
            || codec.equals(JsonArrays.CODEC)
            || codec.equals(ArrowArrays.CODEC)
            || codec.equals(ArrowEncoder.CODEC);
      }

      @Override
      public String name() {
        return NAME;
      }

      @Override
      public NdArray decode(Manifest manifest, ChunkSource source) throws IOException {
        String where = "frame '" + manifest.name() + "' version " + manifest.version();
        return switch (manifest.codec()) {
          case "raw" ->
              RawArrays.decode(manifest, source, from, to, limits.maxBufferBytes(), where);
          case "json-array" ->
              JsonArrays.decode(manifest, source, from, to, limits.maxBufferBytes(), where);
          case "arrow-array", "arrow" ->
              ArrowArrays.decode(manifest, source, allocator, from, to, limits, where);
          default ->
              throw new FrameStoreException(where + " is not an array: codec " + manifest.codec());
        };
      }
    };
  }

  /**
   * The format a manifest's codec stands for.
   *
   * @throws CodecMismatchException if the frame's codec is none of the array formats
   */
  public static ArrayFormat format(Manifest manifest) {
    return switch (manifest.codec()) {
      case "raw" -> ArrayFormat.RAW;
      case "json-array" -> ArrayFormat.JSON;
      case "arrow-array", "arrow" -> ArrayFormat.ARROW;
      default ->
          throw new CodecMismatchException(
              "frame '" + manifest.name() + "' version " + manifest.version(),
              new CodecId(manifest.codec(), manifest.codecVersion()),
              manifest.kind(),
              NAME);
    };
  }
}
