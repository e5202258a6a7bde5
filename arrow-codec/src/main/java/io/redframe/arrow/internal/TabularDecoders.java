package io.redframe.arrow.internal;

import io.redframe.ChunkEntry;
import io.redframe.CodecMismatchException;
import io.redframe.LimitExceededException;
import io.redframe.Manifest;
import io.redframe.arrow.ArrowLoadOptions;
import io.redframe.arrow.ArrowReadLimits;
import io.redframe.arrow.spi.TabularDecoder;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.CodecId;
import io.redframe.spi.FrameDecoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Every tabular frame as Arrow: Arrow IPC frames through {@link ArrowDecoder}, the frames of other
 * tabular codecs through the {@link TabularDecoder}s that modules register with {@link
 * ServiceLoader} (loaded once; immutable after that, so thread-safe).
 */
public final class TabularDecoders {
  static final String LOADER = "the Arrow loader";

  private TabularDecoders() {}

  /** The decoder behind {@code ArrowFrames.load}: any tabular codec, as Arrow batches. */
  public static FrameDecoder<ArrowReader> decoder(
      BufferAllocator allocator, ArrowLoadOptions options) {
    return new FrameDecoder<>() {
      @Override
      public boolean accepts(CodecId codec) {
        return ArrowDecoder.isArrow(codec) || provider(codec).isPresent();
      }

      @Override
      public String name() {
        return LOADER;
      }

      @Override
      public ArrowReader decode(Manifest manifest, ChunkSource source) throws IOException {
        CodecId codec = codecOf(manifest);
        if (ArrowDecoder.isArrow(codec)) {
          return new ArrowDecoder(allocator, options).decode(manifest, source);
        }
        checkLimits(manifest, options);
        return provider(codec)
            .orElseThrow(() -> mismatch(manifest))
            .decode(manifest, source, allocator, options);
      }
    };
  }

  /** The Arrow schema of any tabular frame, from its manifest. */
  public static Schema schema(Manifest manifest) {
    CodecId codec = codecOf(manifest);
    if (ArrowDecoder.isArrow(codec)) {
      return SchemaIO.schema(manifest);
    }
    return provider(codec).orElseThrow(() -> mismatch(manifest)).schema(manifest);
  }

  private static CodecId codecOf(Manifest manifest) {
    return new CodecId(manifest.codec(), manifest.codecVersion());
  }

  private static CodecMismatchException mismatch(Manifest manifest) {
    return new CodecMismatchException(
        "frame '" + manifest.name() + "' version " + manifest.version(),
        codecOf(manifest),
        manifest.kind(),
        LOADER);
  }

  private static Optional<TabularDecoder> provider(CodecId codec) {
    return Providers.ALL.stream().filter(p -> p.accepts(codec)).findFirst();
  }

  /**
   * The limits an Arrow load checks before fetching, for codecs whose decoders cannot check them
   * chunk by chunk: columns, rows, and the bytes of the chunks a row range touches.
   */
  private static void checkLimits(Manifest manifest, ArrowLoadOptions options) {
    ArrowReadLimits limits = options.limits();
    String where = "frame '" + manifest.name() + "' version " + manifest.version();
    if (manifest.columns().size() > limits.maxColumns()) {
      throw new LimitExceededException(
          "Column count of " + where, "maxColumns", manifest.columns().size(), limits.maxColumns());
    }
    long from = Math.min(options.fromRow(), manifest.rows());
    long to = Math.min(options.toRow(), manifest.rows());
    if (to - from > limits.maxRows()) {
      throw new LimitExceededException(
          "Rows to load of " + where, "maxRows", to - from, limits.maxRows());
    }
    long bytes = 0;
    for (ChunkEntry chunk : manifest.chunks()) {
      if (chunk.rows() == 0 || chunk.overlapsRows(from, to)) {
        bytes += chunk.bytes();
      }
    }
    if (bytes > limits.maxBytes()) {
      throw new LimitExceededException(
          "Bytes to fetch of " + where, "maxBytes", bytes, limits.maxBytes());
    }
  }

  private static final class Providers {
    static final List<TabularDecoder> ALL = load();

    private static List<TabularDecoder> load() {
      List<TabularDecoder> all = new ArrayList<>();
      List<Class<?>> seen = new ArrayList<>();
      ClassLoader mine = TabularDecoder.class.getClassLoader();
      for (ServiceLoader<TabularDecoder> loader :
          List.of(
              ServiceLoader.load(TabularDecoder.class, mine),
              ServiceLoader.load(TabularDecoder.class))) {
        for (TabularDecoder decoder : loader) {
          if (!seen.contains(decoder.getClass())) {
            seen.add(decoder.getClass());
            all.add(decoder);
          }
        }
      }
      return List.copyOf(all);
    }
  }
}
