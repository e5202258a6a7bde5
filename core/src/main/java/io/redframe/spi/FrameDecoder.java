package io.redframe.spi;

import io.redframe.Manifest;
import java.io.IOException;

/**
 * Rebuilds a value from a manifest and its chunks. The decoder chooses which chunks to fetch (all,
 * or those holding some columns or rows) and may return a lazy value that pulls further chunks from
 * an open {@link ChunkStream} after {@code decode} returns; it then owns that stream and closes it.
 *
 * @param <T> the decoded type
 */
public interface FrameDecoder<T> {

  /** Whether this decoder reads chunks written by {@code codec}. */
  boolean accepts(CodecId codec);

  /**
   * The loader's name for messages, such as "the Tablesaw table loader": a {@link
   * io.redframe.CodecMismatchException} says that it does not read a frame's codec.
   */
  default String name() {
    return getClass().getSimpleName();
  }

  /**
   * Decodes the frame. Stored bytes are untrusted: every length and count must be checked before
   * memory is allocated. The contract every decoder keeps, and that {@link io.redframe.FrameStore}
   * promises its callers: bad bytes are reported as {@link io.redframe.CorruptFrameException} (or
   * {@link io.redframe.LimitExceededException} when a size is over a configured limit), never as
   * another runtime exception; an {@link IOException} thrown here is reported as corruption too.
   *
   * @throws io.redframe.CorruptFrameException if the stored bytes do not decode
   * @throws io.redframe.LimitExceededException if a size is over a configured limit
   * @throws IOException if the bytes do not decode (reported as corruption by the store)
   */
  T decode(Manifest manifest, ChunkSource source) throws IOException;
}
