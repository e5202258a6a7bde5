package io.redframe;

import java.util.List;
import java.util.Objects;

/**
 * One chunk in a manifest's chunk index: where it is, which part of the frame it holds, and how to
 * check it.
 *
 * @param field the hash field holding the chunk's bytes, such as {@code c:0}
 * @param firstRow the first row (or element) the chunk holds
 * @param rows how many rows it holds
 * @param columns indexes into the manifest's columns that the chunk holds; empty means all
 * @param bytes the exact length of the stored chunk
 * @param crc32c CRC-32C of the stored bytes, 8 lowercase hex digits
 */
public record ChunkEntry(
    String field, long firstRow, long rows, List<Integer> columns, long bytes, String crc32c) {
  public ChunkEntry {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(crc32c, "crc32c");
    columns = columns == null ? List.of() : List.copyOf(columns);
  }

  /** Whether this chunk holds column {@code index}. */
  public boolean holdsColumn(int index) {
    return columns.isEmpty() || columns.contains(index);
  }

  /** Whether this chunk holds any row of {@code [from, to)}. */
  public boolean overlapsRows(long from, long to) {
    return firstRow < to && firstRow + rows > from;
  }
}
