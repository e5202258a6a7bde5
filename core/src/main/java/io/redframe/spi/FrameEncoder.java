package io.redframe.spi;

import java.io.IOException;

/**
 * Turns one value into chunks. A codec module implements this for its data type; the store calls
 * {@link #encode} once per save, on the caller's thread, and writes each chunk to Redis as soon as
 * the encoder hands it over, so a frame larger than the heap can be saved from a stream.
 *
 * <p>Chunks should be independently decodable and about {@link ChunkSink#chunkSize()} bytes, so
 * that loads can fetch only the chunks they need.
 */
public interface FrameEncoder {

  /** The codec id and format version recorded in the manifest. */
  CodecId codec();

  /**
   * Writes the value's chunks to {@code sink} in order and describes what was written.
   *
   * @throws IOException if the source of the value fails; the save is abandoned and nothing becomes
   *     visible
   */
  EncodedFrame encode(ChunkSink sink) throws IOException;
}
