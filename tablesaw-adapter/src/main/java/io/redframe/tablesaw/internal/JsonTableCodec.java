package io.redframe.tablesaw.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.redframe.ChunkEntry;
import io.redframe.ColumnSpec;
import io.redframe.CorruptFrameException;
import io.redframe.FrameStoreException;
import io.redframe.Manifest;
import io.redframe.arrow.spi.ArrowSchemas;
import io.redframe.spi.ChunkInputStream;
import io.redframe.spi.ChunkSink;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.CodecId;
import io.redframe.spi.EncodedFrame;
import io.redframe.spi.FrameDecoder;
import io.redframe.spi.FrameEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Schema;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tables as JSON Table Schema frames (codec {@code json-table}). The document is cut at record
 * boundaries: chunk 0 is the header (schema up to {@code "data":[}), then chunks of whole records,
 * each with the rows it holds, then the closing {@code ]}} chunk. Joined in order, the chunks are
 * the document pandas reads; a row range fetches the header and only the chunks that cover it.
 */
public final class JsonTableCodec {
  public static final CodecId CODEC = new CodecId("json-table", 1);

  private JsonTableCodec() {}

  public static FrameEncoder encoder(Table table) {
    return new FrameEncoder() {
      @Override
      public CodecId codec() {
        return CODEC;
      }

      @Override
      public EncodedFrame encode(ChunkSink sink) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(sink.chunkSize() + 4096);
        try (JsonGenerator json = JsonTables.JSON.createGenerator(buffer)) {
          JsonTables.writeHeader(json, table);
          json.flush();
          emit(sink, buffer, 0, 0);
          int first = 0;
          JsonTables.RecordWriter records = new JsonTables.RecordWriter(table);
          for (int row = 0; row < table.rowCount(); row++) {
            records.write(json, row);
            // a chunk ends after the record that fills it (what Jackson still buffers counts)
            if (buffer.size() + json.getOutputBuffered() >= sink.chunkSize()
                || row == table.rowCount() - 1) {
              json.flush();
              emit(sink, buffer, first, row + 1 - first);
              first = row + 1;
            }
          }
          json.writeEndArray();
          json.writeEndObject();
          json.flush();
          emit(sink, buffer, table.rowCount(), 0);
        }
        Schema schema = TableReader.plainSchema(table);
        return new EncodedFrame(
            table.rowCount(), columns(table, schema), "none", ArrowSchemas.properties(schema));
      }
    };
  }

  /**
   * The manifest's columns: each one's Arrow type (what the frame reads as through {@code
   * ArrowFrames}) and, as its codec type, its Tablesaw column type.
   */
  private static List<ColumnSpec> columns(Table table, Schema schema) {
    List<ColumnSpec> columns = new ArrayList<>();
    for (int c = 0; c < table.columnCount(); c++) {
      Column<?> column = table.column(c);
      columns.add(
          new ColumnSpec(
              column.name(),
              ArrowSchemas.typeName(schema.getFields().get(c)),
              true,
              Map.of(),
              ColumnMapping.of(column).type().name()));
    }
    return columns;
  }

  private static void emit(ChunkSink sink, ByteArrayOutputStream buffer, long firstRow, long rows)
      throws IOException {
    sink.write(firstRow, rows, List.of(), buffer.toByteArray());
    buffer.reset();
  }

  /** Rows {@code [from, to)} of {@code columns} (all if null). */
  public static FrameDecoder<Table> decoder(List<String> columns, long from, long to) {
    return new FrameDecoder<>() {
      @Override
      public boolean accepts(CodecId codec) {
        return CODEC.equals(codec);
      }

      @Override
      public String name() {
        return "the JSON Table Schema loader";
      }

      @Override
      public Table decode(Manifest manifest, ChunkSource source) throws IOException {
        String where = "frame '" + manifest.name() + "' version " + manifest.version();
        if (columns != null) {
          for (String column : columns) {
            if (manifest.columnIndex(column) < 0) {
              throw new IllegalArgumentException(
                  "No column '"
                      + column
                      + "' in "
                      + where
                      + "; columns: "
                      + manifest.columns().stream().map(c -> c.name()).toList());
            }
          }
        }
        List<ChunkEntry> chunks = manifest.chunks();
        if (chunks.size() < 2) {
          throw new CorruptFrameException(where + " lacks its header or closing chunk");
        }
        long end = Math.min(to, manifest.rows());
        long start = Math.min(from, end);
        List<ChunkEntry> wanted = new ArrayList<>();
        wanted.add(chunks.get(0));
        long firstFetched = -1;
        for (ChunkEntry chunk : chunks.subList(1, chunks.size() - 1)) {
          if (chunk.overlapsRows(start, end)) {
            wanted.add(chunk);
            firstFetched = firstFetched < 0 ? chunk.firstRow() : firstFetched;
          }
        }
        wanted.add(chunks.get(chunks.size() - 1)); // the closing chunk: read and checked too
        long offset = firstFetched < 0 ? 0 : firstFetched;
        Set<String> keep = columns == null ? null : Set.copyOf(columns);
        try (InputStream in = document(source, wanted)) {
          Table table = JsonTables.read(in, manifest.name(), keep, start - offset, end - offset);
          return columns == null ? table : table.selectColumns(columns.toArray(String[]::new));
        } catch (FrameStoreException e) {
          throw e;
        } catch (IOException | RuntimeException e) {
          throw new CorruptFrameException(
              where + " is not a valid JSON Table Schema document: " + e.getMessage(), e);
        }
      }
    };
  }

  /**
   * The header, the wanted record chunks (the first one's leading comma dropped) and the closing
   * chunk, as one stream: a valid document whatever records were skipped.
   */
  private static InputStream document(ChunkSource source, List<ChunkEntry> wanted) {
    ChunkInputStream chunks = new ChunkInputStream(source.open(wanted));
    return new LeadingCommaFilter(chunks, wanted.get(0).bytes());
  }

  /** Drops the comma that starts the first record chunk after the header (if any). */
  private static final class LeadingCommaFilter extends java.io.FilterInputStream {
    private long untilRecords;
    private boolean checked;

    LeadingCommaFilter(InputStream in, long headerBytes) {
      super(in);
      this.untilRecords = headerBytes;
    }

    @Override
    public int read() throws IOException {
      while (true) {
        int b = super.read();
        if (untilRecords > 0) {
          untilRecords--;
          return b;
        }
        if (!checked) {
          checked = true;
          if (b == ',') {
            continue;
          }
        }
        return b;
      }
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (untilRecords > 0 || !checked) {
        int b = read();
        if (b < 0) {
          return -1;
        }
        bytes[offset] = (byte) b;
        return 1;
      }
      return super.read(bytes, offset, length);
    }
  }
}
