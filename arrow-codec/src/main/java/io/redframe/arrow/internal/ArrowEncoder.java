package io.redframe.arrow.internal;

import io.redframe.arrow.ArrowCompression;
import io.redframe.spi.ChunkSink;
import io.redframe.spi.CodecId;
import io.redframe.spi.EncodedFrame;
import io.redframe.spi.FrameEncoder;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.DictionaryUtility;

/**
 * Writes Arrow record batches as chunks. Each input batch is cut into row groups; each row group
 * into column groups; each (row group, column group) becomes one chunk holding one Arrow IPC
 * stream: its schema, the dictionaries its columns use, and one record batch. So every chunk
 * decodes alone, a load of some columns fetches only their chunks, and a load of some rows only the
 * row groups that cover them.
 *
 * <p>Row groups hold as many rows as fit the store's chunk size in the widest column (at most
 * {@code maxBatchRows}); narrow neighbouring columns share a chunk up to the chunk size.
 */
public final class ArrowEncoder implements FrameEncoder {
  public static final CodecId CODEC = new CodecId("arrow", 1);

  private final CodecId codec;
  private final Source source;
  private final ArrowCompression compression;
  private final int maxBatchRows;

  /** Where batches come from: a reader (streaming), one root, or an array. */
  interface Source {
    Schema schema() throws IOException;

    /** The next batch in {@link #root()}, or false at the end. */
    boolean next() throws IOException;

    VectorSchemaRoot root() throws IOException;

    DictionaryProvider dictionaries();
  }

  private ArrowEncoder(
      CodecId codec, Source source, ArrowCompression compression, int maxBatchRows) {
    this.codec = codec;
    this.source = source;
    this.compression = compression;
    this.maxBatchRows = maxBatchRows;
  }

  /** Encodes every batch {@code source} yields, recording {@code codec} in the manifest. */
  static ArrowEncoder of(
      CodecId codec, Source source, ArrowCompression compression, int maxBatchRows) {
    return new ArrowEncoder(codec, source, compression, maxBatchRows);
  }

  /** Encodes every batch {@code reader} yields; the reader is not closed. */
  public static ArrowEncoder of(
      ArrowReader reader, ArrowCompression compression, int maxBatchRows) {
    return new ArrowEncoder(
        CODEC,
        new Source() {
          @Override
          public Schema schema() throws IOException {
            return reader.getVectorSchemaRoot().getSchema();
          }

          @Override
          public boolean next() throws IOException {
            return reader.loadNextBatch();
          }

          @Override
          public VectorSchemaRoot root() throws IOException {
            return reader.getVectorSchemaRoot();
          }

          @Override
          public DictionaryProvider dictionaries() {
            return reader;
          }
        },
        compression,
        maxBatchRows);
  }

  /** Encodes one root; {@code provider} holds its dictionaries (may be null if it has none). */
  public static ArrowEncoder of(
      VectorSchemaRoot root,
      DictionaryProvider provider,
      ArrowCompression compression,
      int maxBatchRows) {
    DictionaryProvider dictionaries =
        provider != null ? provider : new DictionaryProvider.MapDictionaryProvider();
    return new ArrowEncoder(
        CODEC,
        new Source() {
          private boolean done;

          @Override
          public Schema schema() {
            return root.getSchema();
          }

          @Override
          public boolean next() {
            boolean first = !done;
            done = true;
            return first;
          }

          @Override
          public VectorSchemaRoot root() {
            return root;
          }

          @Override
          public DictionaryProvider dictionaries() {
            return dictionaries;
          }
        },
        compression,
        maxBatchRows);
  }

  @Override
  public CodecId codec() {
    return codec;
  }

  @Override
  public EncodedFrame encode(ChunkSink sink) throws IOException {
    ArrowRuntime.check();
    Schema schema = messageFormat(source.schema());
    long rows = 0;
    while (source.next()) {
      VectorSchemaRoot batch = source.root();
      rows = writeBatch(batch, rows, sink);
    }
    return new EncodedFrame(
        rows, SchemaIO.columns(schema), compression.id(), SchemaIO.properties(schema));
  }

  /** The schema as IPC writes it: dictionary-encoded fields carry their value type. */
  private Schema messageFormat(Schema memory) {
    List<Field> fields = new ArrayList<>();
    for (Field field : memory.getFields()) {
      fields.add(DictionaryUtility.toMessageFormat(field, source.dictionaries(), new HashSet<>()));
    }
    return new Schema(fields, memory.getCustomMetadata());
  }

  private long writeBatch(VectorSchemaRoot batch, long firstRow, ChunkSink sink)
      throws IOException {
    int count = batch.getRowCount();
    int columns = batch.getFieldVectors().size();
    if (count == 0 || columns == 0) {
      return firstRow + count;
    }
    double[] bytesPerRow = new double[columns];
    double widest = 1;
    for (int c = 0; c < columns; c++) {
      bytesPerRow[c] = Math.max(1.0 / 8, (double) batch.getVector(c).getBufferSize() / count);
      widest = Math.max(widest, bytesPerRow[c]);
    }
    checkDictionaryIndexes(batch, firstRow);
    int groupRows = groupRows((int) Math.max(1, Math.min(maxBatchRows, sink.chunkSize() / widest)));
    List<List<Integer>> groups = columnGroups(bytesPerRow, groupRows, sink.chunkSize());
    for (int offset = 0; offset < count; offset += groupRows) {
      int length = Math.min(groupRows, count - offset);
      try (VectorSchemaRoot slice =
          offset == 0 && length == count ? null : batch.slice(offset, length)) {
        VectorSchemaRoot rowGroup = slice == null ? batch : slice;
        for (List<Integer> group : groups) {
          sink.write(firstRow + offset, length, group, stream(rowGroup, group, length));
        }
      }
    }
    return firstRow + count;
  }

  /**
   * A row group's rows, rounded down to a multiple of 8 where that leaves any: then every row group
   * starts on a byte of the validity and boolean bitmaps, and Arrow's slice shares their bytes
   * instead of copying them bit by bit (which took most of a save's time from Arrow memory).
   */
  static int groupRows(int fit) {
    return fit >= 8 ? fit & ~7 : fit;
  }

  /**
   * Every index of a dictionary-encoded column points into its dictionary: such a column would be
   * stored, and then no load could decode it. (A dictionary missing from the provider is left to
   * Arrow's writer, which names its id.)
   */
  private void checkDictionaryIndexes(VectorSchemaRoot batch, long firstRow) {
    for (FieldVector vector : batch.getFieldVectors()) {
      DictionaryEncoding encoding = vector.getField().getDictionary();
      Dictionary dictionary =
          encoding == null ? null : source.dictionaries().lookup(encoding.getId());
      if (dictionary == null) {
        continue;
      }
      int entries = dictionary.getVector().getValueCount();
      int row = DictionaryIndexes.firstOutside(vector, entries);
      if (row >= 0) {
        throw new IllegalArgumentException(
            "Column '"
                + vector.getName()
                + "' row "
                + (firstRow + row)
                + " holds dictionary index "
                + DictionaryIndexes.at(vector, row)
                + ", outside its dictionary (id "
                + encoding.getId()
                + ") of "
                + entries
                + " entries");
      }
    }
  }

  /** Consecutive columns packed while their bytes for {@code rows} rows fit one chunk. */
  private static List<List<Integer>> columnGroups(double[] bytesPerRow, int rows, int chunkSize) {
    List<List<Integer>> groups = new ArrayList<>();
    List<Integer> group = new ArrayList<>();
    double bytes = 0;
    for (int c = 0; c < bytesPerRow.length; c++) {
      double column = bytesPerRow[c] * rows;
      if (!group.isEmpty() && bytes + column > chunkSize) {
        groups.add(group);
        group = new ArrayList<>();
        bytes = 0;
      }
      group.add(c);
      bytes += column;
    }
    groups.add(group);
    return groups;
  }

  private byte[] stream(VectorSchemaRoot rowGroup, List<Integer> group, int rows)
      throws IOException {
    List<Field> fields = new ArrayList<>(group.size());
    List<FieldVector> vectors = new ArrayList<>(group.size());
    long estimate = 1024;
    for (int c : group) {
      FieldVector vector = rowGroup.getVector(c);
      fields.add(vector.getField());
      vectors.add(vector);
      estimate += vector.getBufferSize();
      if (vector.getField().getDictionary() != null) {
        Dictionary dictionary =
            source.dictionaries().lookup(vector.getField().getDictionary().getId());
        if (dictionary != null) {
          estimate += dictionary.getVector().getBufferSize() + 512;
        }
      }
    }
    // Not closed: the vectors belong to the row group.
    VectorSchemaRoot chunk = new VectorSchemaRoot(fields, vectors, rows);
    int capacity = (int) Math.min(estimate, 1 << 30);
    if (compression == ArrowCompression.NONE) {
      // Without compression, writing is cheap to measure: a first pass only counts the bytes, so
      // the second writes into an array of the exact size (no final copy of every chunk).
      ByteArrayChannels.Counting counted = new ByteArrayChannels.Counting();
      write(chunk, counted);
      if (counted.size() <= 1 << 30) {
        capacity = (int) counted.size();
      }
    }
    ByteArrayChannels.Writing out = new ByteArrayChannels.Writing(capacity);
    write(chunk, out);
    return out.toByteArray();
  }

  private void write(VectorSchemaRoot chunk, WritableByteChannel out) throws IOException {
    try (ArrowStreamWriter writer =
        new OneBatchWriter(
            chunk,
            source.dictionaries(),
            out,
            IpcOption.DEFAULT,
            CodecFactory.INSTANCE,
            compression.codecType(),
            Optional.empty())) {
      writer.start();
      writer.writeBatch();
      writer.end();
    }
  }

  /**
   * A stream writer for a chunk's one record batch. Arrow's writer keeps a copy of every dictionary
   * it writes, made value by value, to tell whether a later batch changed it; a chunk has no later
   * batch, so this one writes each dictionary its columns use and keeps nothing.
   */
  private static final class OneBatchWriter extends ArrowStreamWriter {
    OneBatchWriter(
        VectorSchemaRoot root,
        DictionaryProvider dictionaries,
        WritableByteChannel out,
        IpcOption option,
        CompressionCodec.Factory codecs,
        CompressionUtil.CodecType codec,
        Optional<Integer> level) {
      super(root, dictionaries, out, option, codecs, codec, level);
    }

    @Override
    protected void ensureDictionariesWritten(DictionaryProvider provider, Set<Long> used)
        throws IOException {
      for (long id : used) {
        Dictionary dictionary = provider.lookup(id);
        if (dictionary == null) { // the constructor already refused a missing one
          throw new IllegalStateException("No dictionary with id " + id);
        }
        writeDictionaryBatch(dictionary);
      }
    }
  }
}
