package io.redframe.arrow.internal;

import io.redframe.ChunkEntry;
import io.redframe.CorruptFrameException;
import io.redframe.LimitExceededException;
import io.redframe.Manifest;
import io.redframe.arrow.ArrowLoadOptions;
import io.redframe.arrow.ArrowReadLimits;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.CodecId;
import io.redframe.spi.FrameDecoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Plans an Arrow load: resolves the wanted columns, picks the chunks that hold them and overlap the
 * wanted rows, checks the read limits, and returns a reader that fetches and decodes those chunks
 * one row group at a time into the caller's allocator.
 */
public final class ArrowDecoder implements FrameDecoder<ArrowReader> {
  private final BufferAllocator allocator;
  private final ArrowLoadOptions options;

  public ArrowDecoder(BufferAllocator allocator, ArrowLoadOptions options) {
    this.allocator = allocator;
    this.options = options;
  }

  /** Whether chunks of {@code codec} are Arrow IPC streams: tables and Arrow arrays. */
  static boolean isArrow(CodecId codec) {
    return ArrowEncoder.CODEC.equals(codec) || ArrowArrays.CODEC.equals(codec);
  }

  @Override
  public boolean accepts(CodecId codec) {
    return isArrow(codec);
  }

  @Override
  public String name() {
    return "the Arrow frame loader";
  }

  @Override
  public ArrowReader decode(Manifest manifest, ChunkSource source) {
    ArrowRuntime.check();
    ArrowReadLimits limits = options.limits();
    String where = "frame '" + manifest.name() + "' version " + manifest.version();
    if (manifest.columns().size() > limits.maxColumns()) {
      throw new LimitExceededException(
          "Column count of " + where, "maxColumns", manifest.columns().size(), limits.maxColumns());
    }
    Schema stored = SchemaIO.schema(manifest);
    int[] wanted = wantedColumns(stored, where);
    long from = Math.min(options.fromRow(), manifest.rows());
    long to = Math.min(options.toRow(), manifest.rows());
    if (to - from > limits.maxRows()) {
      throw new LimitExceededException(
          "Rows to load of " + where, "maxRows", to - from, limits.maxRows());
    }
    List<Field> fields = new ArrayList<>(wanted.length);
    for (int column : wanted) {
      fields.add(stored.getFields().get(column));
    }
    Schema projected = new Schema(fields, stored.getCustomMetadata());
    List<RowGroup> groups = rowGroups(manifest, wanted, from, to, limits, where);
    long bytes =
        groups.stream().flatMap(g -> g.chunks().stream()).mapToLong(ChunkEntry::bytes).sum();
    if (bytes > limits.maxBytes()) {
      throw new LimitExceededException(
          "Bytes to fetch of " + where, "maxBytes", bytes, limits.maxBytes());
    }
    return open(
        new ChunkedArrowReader(allocator, projected, wanted, groups, source, limits, where));
  }

  /**
   * The reader with its vectors made from the stored schema now, so that a type no vector can have
   * fails here as corruption, not in the caller's first {@code loadNextBatch}.
   */
  private static ArrowReader open(ChunkedArrowReader reader) {
    try {
      reader.getVectorSchemaRoot();
      return reader;
    } catch (IOException | RuntimeException e) {
      try {
        reader.close();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new CorruptFrameException(
          "The Arrow schema of " + reader.where() + " does not make vectors: " + e, e);
    }
  }

  private int[] wantedColumns(Schema stored, String where) {
    List<Field> fields = stored.getFields();
    if (options.columns() == null) {
      int[] all = new int[fields.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] wanted = new int[options.columns().size()];
    for (int i = 0; i < wanted.length; i++) {
      String name = options.columns().get(i);
      wanted[i] = indexOf(fields, name);
      if (wanted[i] < 0) {
        throw new IllegalArgumentException(
            "No column '"
                + name
                + "' in "
                + where
                + "; columns: "
                + fields.stream().map(Field::getName).toList());
      }
    }
    return wanted;
  }

  private static int indexOf(List<Field> fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).getName().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A run of rows and the chunks that hold the wanted columns for it, in chunk order. */
  record RowGroup(long firstRow, long rows, long from, long to, List<ChunkEntry> chunks) {}

  private static List<RowGroup> rowGroups(
      Manifest manifest, int[] wanted, long from, long to, ArrowReadLimits limits, String where) {
    Map<Long, List<ChunkEntry>> byFirstRow = new LinkedHashMap<>();
    Map<Long, Long> rowsOf = new LinkedHashMap<>();
    for (ChunkEntry chunk : manifest.chunks()) {
      if (!chunk.overlapsRows(from, to) || !holdsAny(chunk, wanted)) {
        continue;
      }
      if (chunk.rows() > limits.maxBatchRows()) {
        throw new LimitExceededException(
            "Rows of chunk " + chunk.field() + " of " + where,
            "maxBatchRows",
            chunk.rows(),
            limits.maxBatchRows());
      }
      Long previous = rowsOf.putIfAbsent(chunk.firstRow(), chunk.rows());
      if (previous != null && previous != chunk.rows()) {
        throw new CorruptFrameException(
            "Manifest of "
                + where
                + ": chunks at row "
                + chunk.firstRow()
                + " disagree on their row count");
      }
      byFirstRow.computeIfAbsent(chunk.firstRow(), k -> new ArrayList<>()).add(chunk);
    }
    List<RowGroup> groups = new ArrayList<>();
    long expected = -1;
    for (Map.Entry<Long, List<ChunkEntry>> entry : byFirstRow.entrySet()) {
      long first = entry.getKey();
      long rows = rowsOf.get(first);
      if (expected >= 0 && first != expected) {
        throw new CorruptFrameException(
            "Manifest of " + where + ": no chunks for rows " + expected + " to " + first);
      }
      expected = first + rows;
      groups.add(
          new RowGroup(
              first, rows, Math.max(from, first), Math.min(to, first + rows), entry.getValue()));
    }
    return groups;
  }

  private static boolean holdsAny(ChunkEntry chunk, int[] wanted) {
    for (int column : wanted) {
      if (chunk.holdsColumn(column)) {
        return true;
      }
    }
    return false;
  }
}
