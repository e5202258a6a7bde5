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
   * Decodes the frame. Stored bytes are untrusted: every length and count must be checked before
   * memory is allocated, and bad bytes reported as {@link io.redframe.CorruptFrameException}.
   */
  T decode(Manifest manifest, ChunkSource source) throws IOException;
}
