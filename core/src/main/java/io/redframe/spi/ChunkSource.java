package io.redframe.spi;

import io.redframe.ChunkEntry;
import java.util.List;

/**
 * Fetches chunks of the version being decoded. Every chunk handed out has been checked against its
 * manifest entry (length and CRC-32C); a mismatch or a missing chunk throws {@link
 * io.redframe.CorruptFrameException} or {@link io.redframe.FrameNotFoundException} naming the
 * frame, version and chunk.
 */
public interface ChunkSource {

  /** The frame's name. */
  String frame();

  /** The version being read. */
  long version();

  /**
   * Opens a stream over {@code chunks}, fetched in order, a bounded window at a time, with the next
   * window fetched in the background while the caller decodes the current one. The caller closes
   * the stream; it stays usable after {@code decode} returns.
   */
  ChunkStream open(List<ChunkEntry> chunks);
}
