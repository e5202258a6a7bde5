package io.redframe.arrow.testing;

import io.redframe.spi.ChunkSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A chunk sink that keeps chunks in memory: for codec tests and benchmarks without Redis. */
public final class MemorySink implements ChunkSink {
  private final int chunkSize;
  private final List<byte[]> chunks = new ArrayList<>();
  private final List<long[]> rows = new ArrayList<>();
  private final List<List<Integer>> columns = new ArrayList<>();

  public MemorySink(int chunkSize) {
    this.chunkSize = chunkSize;
  }

  @Override
  public int chunkSize() {
    return chunkSize;
  }

  @Override
  public void write(long firstRow, long rowCount, List<Integer> columnIndexes, byte[] bytes) {
    chunks.add(bytes);
    rows.add(new long[] {firstRow, rowCount});
    columns.add(List.copyOf(columnIndexes));
  }

  @Override
  public void write(
      long firstRow,
      long rowCount,
      List<Integer> columnIndexes,
      byte[] bytes,
      int offset,
      int length) {
    write(firstRow, rowCount, columnIndexes, Arrays.copyOfRange(bytes, offset, offset + length));
  }

  public List<Long> firstRows() {
    return rows.stream().map(r -> r[0]).toList();
  }

  public List<Long> rowCounts() {
    return rows.stream().map(r -> r[1]).toList();
  }

  /** Each chunk's column indexes, in the order written. */
  public List<List<Integer>> columnIndexes() {
    return columns;
  }

  public List<byte[]> chunks() {
    return chunks;
  }

  public long bytes() {
    return chunks.stream().mapToLong(c -> c.length).sum();
  }
}
