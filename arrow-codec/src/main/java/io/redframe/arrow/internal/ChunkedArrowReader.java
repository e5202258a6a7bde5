package io.redframe.arrow.internal;

import io.redframe.ChunkEntry;
import io.redframe.CorruptFrameException;
import io.redframe.FrameStoreException;
import io.redframe.arrow.ArrowReadLimits;
import io.redframe.arrow.internal.ArrowDecoder.RowGroup;
import io.redframe.spi.Chunk;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.ChunkStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * An {@link ArrowReader} over a frame's chunks: each {@link #loadNextBatch()} fetches the chunks of
 * the next row group (the store prefetches the following window meanwhile), checks each IPC stream
 * ({@link ChunkDecoding}: framing, sizes and vectors checked before use), and moves the wanted
 * columns (sliced to the wanted rows) into this reader's root without copying. Dictionaries are
 * replaced batch by batch, as in an IPC stream.
 *
 * <p>Not thread-safe. The caller closes it; closing releases every buffer it allocated.
 */
final class ChunkedArrowReader extends ArrowReader {
  private final Schema schema;
  private final int[] wanted;
  private final List<RowGroup> groups;
  private final ChunkStream chunks;
  private final ArrowReadLimits limits;
  private final String where;
  private int nextGroup;
  private long bytesRead;

  ChunkedArrowReader(
      BufferAllocator allocator,
      Schema schema,
      int[] wanted,
      List<RowGroup> groups,
      ChunkSource source,
      ArrowReadLimits limits,
      String where) {
    super(allocator, CodecFactory.INSTANCE);
    this.schema = schema;
    this.wanted = wanted;
    this.groups = groups;
    this.limits = limits;
    this.where = where;
    List<ChunkEntry> all = new ArrayList<>();
    groups.forEach(g -> all.addAll(g.chunks()));
    this.chunks = source.open(all);
  }

  @Override
  protected Schema readSchema() {
    return schema;
  }

  /** "frame 'x' version 3", for messages. */
  String where() {
    return where;
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    VectorSchemaRoot root = getVectorSchemaRoot();
    if (nextGroup >= groups.size()) {
      root.setRowCount(0);
      return false;
    }
    RowGroup group = groups.get(nextGroup++);
    int rows = (int) (group.to() - group.from()); // a group has at most maxBatchRows rows
    int start = (int) (group.from() - group.firstRow());
    boolean[] filled = new boolean[wanted.length];
    for (int i = 0; i < group.chunks().size(); i++) {
      if (!chunks.hasNext()) {
        throw new CorruptFrameException(where + ": chunks ended before row " + group.firstRow());
      }
      Chunk chunk = chunks.next();
      bytesRead += chunk.bytes().length;
      load(chunk, group, start, rows, root, filled);
    }
    for (int i = 0; i < wanted.length; i++) {
      if (!filled[i]) {
        throw new CorruptFrameException(
            where
                + ": no chunk holds column '"
                + schema.getFields().get(i).getName()
                + "' for rows from "
                + group.firstRow());
      }
    }
    root.setRowCount(rows);
    return true;
  }

  private void load(
      Chunk chunk, RowGroup group, int start, int rows, VectorSchemaRoot root, boolean[] filled)
      throws IOException {
    String chunkWhere = "chunk " + chunk.entry().field() + " of " + where;
    try (ArrowStreamReader reader =
        ChunkDecoding.open(chunk.bytes(), allocator, limits, chunkWhere)) {
      VectorSchemaRoot decoded = reader.getVectorSchemaRoot();
      if (decoded.getRowCount() != group.rows()) {
        throw new CorruptFrameException(
            chunkWhere
                + " holds "
                + decoded.getRowCount()
                + " rows, manifest says "
                + group.rows());
      }
      List<Integer> columns = chunk.entry().columns();
      if (!columns.isEmpty() && columns.size() != decoded.getFieldVectors().size()) {
        throw new CorruptFrameException(
            chunkWhere
                + " holds "
                + decoded.getFieldVectors().size()
                + " columns, manifest says "
                + columns.size());
      }
      for (int position = 0; position < decoded.getFieldVectors().size(); position++) {
        int column = columns.isEmpty() ? position : columns.get(position);
        for (int out = 0; out < wanted.length; out++) {
          if (wanted[out] == column) {
            move(reader, decoded.getVector(position), root.getVector(out), start, rows, chunkWhere);
            filled[out] = true;
          }
        }
      }
    } catch (FrameStoreException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CorruptFrameException(chunkWhere + " does not decode: " + e, e);
    }
  }

  private void move(
      ArrowStreamReader reader,
      FieldVector from,
      FieldVector to,
      int start,
      int rows,
      String chunkWhere)
      throws IOException {
    Field expected = to.getField();
    if (!from.getField().getType().equals(expected.getType())) {
      throw new CorruptFrameException(
          chunkWhere
              + ": column '"
              + expected.getName()
              + "' is "
              + from.getField().getType()
              + ", schema says "
              + expected.getType());
    }
    TransferPair pair = from.makeTransferPair(to);
    if (start == 0 && rows == from.getValueCount()) {
      pair.transfer();
    } else {
      pair.splitAndTransfer(start, rows);
    }
    if (expected.getDictionary() != null) {
      long id = expected.getDictionary().getId();
      Dictionary decoded = reader.lookup(id);
      Dictionary mine = dictionaries.get(id);
      if (decoded == null || mine == null) {
        throw new CorruptFrameException(chunkWhere + ": dictionary " + id + " is missing");
      }
      decoded.getVector().makeTransferPair(mine.getVector()).transfer();
      checkIndexes(to, mine.getVector().getValueCount(), chunkWhere);
    }
  }

  /**
   * Every index of a dictionary-encoded column points into its dictionary, so that a caller (or
   * {@code DictionaryEncoder.decode}) can look each one up. One pass over the indexes.
   */
  private static void checkIndexes(FieldVector indexes, int entries, String chunkWhere) {
    int row = DictionaryIndexes.firstOutside(indexes, entries);
    if (row >= 0) {
      throw pastDictionary(indexes, row, DictionaryIndexes.at(indexes, row), entries, chunkWhere);
    }
  }

  private static CorruptFrameException pastDictionary(
      FieldVector indexes, int row, long index, int entries, String chunkWhere) {
    return new CorruptFrameException(
        chunkWhere
            + ": column '"
            + indexes.getName()
            + "' row "
            + row
            + " of the batch points past its dictionary of "
            + entries
            + " entries ("
            + index
            + ")");
  }

  @Override
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  protected void closeReadSource() {
    chunks.close();
  }
}
