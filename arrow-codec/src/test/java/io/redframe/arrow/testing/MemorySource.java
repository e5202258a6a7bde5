package io.redframe.arrow.testing;

import io.redframe.ChunkEntry;
import io.redframe.spi.Chunk;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.ChunkStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A chunk source over chunks in memory (no checksums): for decoder tests without Redis. */
public final class MemorySource implements ChunkSource {
  private final Map<String, byte[]> chunks;

  public MemorySource(List<ChunkEntry> entries, List<byte[]> bytes) {
    this.chunks =
        java.util.stream.IntStream.range(0, entries.size())
            .boxed()
            .collect(Collectors.toMap(i -> entries.get(i).field(), bytes::get));
  }

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
    Iterator<ChunkEntry> entries = wanted.iterator();
    Function<ChunkEntry, Chunk> fetch = e -> new Chunk(e, chunks.get(e.field()));
    return new ChunkStream() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public Chunk next() {
        return fetch.apply(entries.next());
      }

      @Override
      public void close() {}
    };
  }
}
