package io.redframe.arrow.spi;

import io.redframe.Manifest;
import io.redframe.arrow.ArrowLoadOptions;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.CodecId;
import java.io.IOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Opens the frames of a tabular codec other than Arrow IPC as Arrow readers, so that {@link
 * io.redframe.arrow.ArrowFrames#load} and {@link io.redframe.arrow.ArrowFrames#decoder} (and what
 * is built on them, such as a SQL engine) read every tabular frame, whatever module wrote it. The
 * Arrow codec never depends on the module that implements this: implementations register through
 * {@link java.util.ServiceLoader} ({@code provides io.redframe.arrow.spi.TabularDecoder with ...}
 * in {@code module-info.java}, and {@code META-INF/services/io.redframe.arrow.spi.TabularDecoder}
 * for the class path). The Tablesaw adapter registers one for {@code json-table}.
 *
 * <p>Implementations are stateless and thread-safe, and keep the decoder contract of {@link
 * io.redframe.spi.FrameDecoder#decode}: bad stored bytes surface as {@link
 * io.redframe.CorruptFrameException} or {@link io.redframe.LimitExceededException}.
 */
public interface TabularDecoder {

  /** Whether this reads frames written by {@code codec}. */
  boolean accepts(CodecId codec);

  /**
   * The Arrow schema frames of this codec read as, from the manifest alone. By default the one in
   * {@code properties.arrowSchema} ({@link ArrowSchemas#read}).
   *
   * @throws io.redframe.CorruptFrameException if the manifest does not describe a schema
   */
  default Schema schema(Manifest manifest) {
    return ArrowSchemas.read(manifest);
  }

  /**
   * The rows and columns {@code options} select (its version and limits already applied by the
   * caller to pick {@code manifest}) as a reader of batches in {@code allocator}, whose schema is
   * {@link #schema} projected to the selected columns. The caller closes the reader.
   *
   * @throws IllegalArgumentException if a selected column does not exist
   * @throws io.redframe.CorruptFrameException if the stored bytes do not decode
   * @throws io.redframe.LimitExceededException if a size is over {@code options.limits()}
   * @throws IOException if fetching chunks fails (reported as corruption by the store)
   */
  ArrowReader decode(
      Manifest manifest, ChunkSource source, BufferAllocator allocator, ArrowLoadOptions options)
      throws IOException;
}
