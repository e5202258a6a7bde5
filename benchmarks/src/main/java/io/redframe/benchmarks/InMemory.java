package io.redframe.benchmarks;

import io.redframe.ChunkEntry;
import io.redframe.Manifest;
import io.redframe.spi.Checksums;
import io.redframe.spi.Chunk;
import io.redframe.spi.ChunkSink;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.ChunkStream;
import io.redframe.spi.EncodedFrame;
import io.redframe.spi.FrameDecoder;
import io.redframe.spi.FrameEncoder;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A codec run against memory instead of Redis: the chunks an encoder writes, the manifest the store
 * would make of them, and a source that hands them back to a decoder. So the JMH benchmarks time
 * encoding and decoding alone, through the same encoders and decoders the store runs.
 */
final class InMemory {
  private InMemory() {}

  /** An encoded frame: its manifest and its chunks, in order. */
  record Encoded(Manifest manifest, List<byte[]> chunks) {
    long bytes() {
      return manifest.bytes();
    }

    <T> T decode(FrameDecoder<T> decoder) throws IOException {
      List<byte[]> stored = chunks;
      return decoder.decode(
          manifest,
          new ChunkSource() {
            @Override
            public String frame() {
              return manifest.name();
            }

            @Override
            public long version() {
              return manifest.version();
            }

            @Override
            public ChunkStream open(List<ChunkEntry> entries) {
              Iterator<ChunkEntry> wanted = entries.iterator();
              return new ChunkStream() {
                @Override
                public boolean hasNext() {
                  return wanted.hasNext();
                }

                @Override
                public Chunk next() {
                  ChunkEntry entry = wanted.next();
                  int index =
                      Integer.parseInt(entry.field().substring(entry.field().indexOf(':') + 1));
                  return new Chunk(entry, stored.get(index));
                }

                @Override
                public void close() {}
              };
            }
          });
    }
  }

  /** Runs {@code encoder} into memory with chunks of about {@code chunkSize} bytes. */
  static Encoded encode(FrameEncoder encoder, int chunkSize) throws IOException {
    Sink sink = new Sink(chunkSize);
    EncodedFrame frame = encoder.encode(sink);
    Manifest manifest =
        new Manifest(
            Manifest.LAYOUT,
            "benchmark",
            1,
            "",
            encoder.codec().id(),
            encoder.codec().version(),
            frame.compression(),
            frame.rows(),
            sink.bytes,
            frame.columns(),
            sink.entries,
            Instant.EPOCH,
            "benchmark",
            Map.of(),
            frame.properties());
    return new Encoded(manifest, sink.chunks);
  }

  private static final class Sink implements ChunkSink {
    private final int chunkSize;
    private final List<byte[]> chunks = new ArrayList<>();
    private final List<ChunkEntry> entries = new ArrayList<>();
    private long bytes;

    Sink(int chunkSize) {
      this.chunkSize = chunkSize;
    }

    @Override
    public int chunkSize() {
      return chunkSize;
    }

    @Override
    public void write(long firstRow, long rows, List<Integer> columns, byte[] chunk) {
      entries.add(
          new ChunkEntry(
              "c:" + chunks.size(),
              firstRow,
              rows,
              columns,
              chunk.length,
              Checksums.crc32c(chunk)));
      chunks.add(chunk);
      bytes += chunk.length;
    }

    @Override
    public void write(
        long firstRow, long rows, List<Integer> columns, byte[] chunk, int offset, int length) {
      write(firstRow, rows, columns, Arrays.copyOfRange(chunk, offset, offset + length));
    }
  }
}
