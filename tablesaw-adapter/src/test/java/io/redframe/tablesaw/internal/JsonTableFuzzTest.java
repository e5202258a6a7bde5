package io.redframe.tablesaw.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.ChunkEntry;
import io.redframe.CorruptFrameException;
import io.redframe.LimitExceededException;
import io.redframe.Manifest;
import io.redframe.spi.Checksums;
import io.redframe.spi.Chunk;
import io.redframe.spi.ChunkSink;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.ChunkStream;
import io.redframe.spi.EncodedFrame;
import io.redframe.tablesaw.testing.Tables;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import tech.tablesaw.api.Table;

/**
 * Random and mutated bytes into the JSON Table Schema chunk decoder: documented exceptions only.
 */
class JsonTableFuzzTest {
  private static final List<byte[]> CHUNKS = new ArrayList<>();
  private static final List<ChunkEntry> ENTRIES = new ArrayList<>();
  private static EncodedFrame frame;

  static {
    try {
      Table table = Tables.random(40, 4, 3);
      frame =
          JsonTableCodec.encoder(table)
              .encode(
                  new ChunkSink() {
                    @Override
                    public int chunkSize() {
                      return 512;
                    }

                    @Override
                    public void write(
                        long firstRow, long rows, List<Integer> columns, byte[] bytes) {
                      ENTRIES.add(
                          new ChunkEntry(
                              "c:" + CHUNKS.size(),
                              firstRow,
                              rows,
                              List.of(),
                              bytes.length,
                              Checksums.crc32c(bytes)));
                      CHUNKS.add(bytes);
                    }

                    @Override
                    public void write(
                        long firstRow,
                        long rows,
                        List<Integer> columns,
                        byte[] bytes,
                        int offset,
                        int length) {
                      write(
                          firstRow,
                          rows,
                          columns,
                          java.util.Arrays.copyOfRange(bytes, offset, offset + length));
                    }
                  });
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static Table decode(List<byte[]> chunks, long from, long to) throws IOException {
    long total = chunks.stream().mapToLong(c -> c.length).sum();
    Manifest manifest =
        new Manifest(
            1,
            "f",
            1,
            "",
            "json-table",
            1,
            "none",
            frame.rows(),
            total,
            frame.columns(),
            ENTRIES,
            Instant.EPOCH,
            "test",
            Map.of(),
            null);
    ChunkSource source =
        new ChunkSource() {
          @Override
          public String frame() {
            return "f";
          }

          @Override
          public long version() {
            return 1;
          }

          @Override
          public ChunkStream open(List<ChunkEntry> wanted) {
            Iterator<ChunkEntry> it = wanted.iterator();
            return new ChunkStream() {
              @Override
              public boolean hasNext() {
                return it.hasNext();
              }

              @Override
              public Chunk next() {
                ChunkEntry entry = it.next();
                return new Chunk(entry, chunks.get(Integer.parseInt(entry.field().substring(2))));
              }

              @Override
              public void close() {}
            };
          }
        };
    return JsonTableCodec.decoder(null, from, to).decode(manifest, source);
  }

  @Property(tries = 1500)
  void mutatedChunksDecodeOrAreRejectedAsCorrupt(
      @ForAll @IntRange(min = 0, max = 1000) int which,
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll byte value,
      @ForAll @IntRange(min = 0, max = 45) int from)
      throws IOException {
    List<byte[]> chunks = new ArrayList<>(CHUNKS);
    byte[] chunk = chunks.get(which % chunks.size()).clone();
    chunk[position % chunk.length] = value;
    chunks.set(which % chunks.size(), chunk);
    try {
      Table table = decode(chunks, from, from + 10);
      assertThat(table.rowCount()).isLessThanOrEqualTo(10);
    } catch (CorruptFrameException | LimitExceededException expected) {
      assertThat(expected.getMessage()).contains("frame 'f' version 1");
    }
  }

  @Property(tries = 500)
  void randomChunksAreRejectedAsCorrupt(
      @ForAll @Size(min = 3, max = 3) List<@Size(max = 200) byte[]> random) throws IOException {
    List<byte[]> chunks = new ArrayList<>(CHUNKS);
    for (int i = 0; i < random.size() && i < chunks.size(); i++) {
      chunks.set(i, random.get(i));
    }
    try {
      decode(chunks, 0, Long.MAX_VALUE);
    } catch (CorruptFrameException | LimitExceededException expected) {
      assertThat(expected.getMessage()).contains("frame 'f' version 1");
    }
  }
}
