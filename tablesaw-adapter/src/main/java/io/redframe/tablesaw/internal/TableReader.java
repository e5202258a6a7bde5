package io.redframe.tablesaw.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw table read as Arrow, one batch of rows at a time: one vector per column, in order,
 * missing values as nulls; string columns with few distinct values dictionary-encoded (the
 * dictionary built once from Tablesaw's own and shared by every batch). The table name is in the
 * schema metadata. Only one batch is in Arrow memory at a time, so converting a table costs a batch
 * of off-heap memory, not a copy of the table; and each batch can be encoded and sent while the
 * next is converted.
 */
public final class TableReader extends ArrowReader {
  /** Schema metadata key holding the Tablesaw table name. */
  public static final String TABLE_NAME = "tablesaw.table";

  private static final int MOST_BATCH_ROWS = 1 << 20;

  private final Table table;
  private final int batchRows;
  private final List<ColumnMapping> mappings = new ArrayList<>();
  private final Map<Integer, StringColumns.Encoding> encodings = new HashMap<>();
  private final Map<Integer, Long> dictionaryIds = new HashMap<>();
  private final ColumnMapping.Scratch scratch = new ColumnMapping.Scratch();
  private boolean dictionariesFilled;
  private int next;

  /**
   * Reads {@code table} in batches of {@code batchRows} rows (rounded down to a multiple of 64, so
   * each batch starts on whole bytes of its bitmaps).
   */
  public TableReader(Table table, BufferAllocator allocator, int batchRows) {
    this(table, allocator, batchRows, true);
  }

  /**
   * As {@link #TableReader(Table, BufferAllocator, int)}; without {@code dictionaries}, every
   * string column is plain UTF-8 and the schema is {@link #plainSchema(Table)}.
   */
  public TableReader(Table table, BufferAllocator allocator, int batchRows, boolean dictionaries) {
    super(allocator);
    this.table = table;
    int rows = Math.max(64, Math.min(MOST_BATCH_ROWS, batchRows));
    this.batchRows = rows & ~63;
    long id = 0;
    for (int c = 0; c < table.columnCount(); c++) {
      Column<?> column = table.column(c);
      ColumnMapping mapping = ColumnMapping.of(column);
      mappings.add(mapping);
      if (dictionaries
          && mapping == ColumnMapping.STRING
          && StringColumns.dictionaryWorthIt((StringColumn) column)) {
        dictionaryIds.put(c, id++);
      }
    }
  }

  /**
   * Rows per batch so that the widest column of a batch fills about {@code chunkSize} bytes: one
   * batch is one row group of the stored frame, and no batch has to be cut.
   */
  public static int batchRows(Table table, int chunkSize) {
    double widest = 1;
    for (Column<?> column : table.columns()) {
      widest = Math.max(widest, bytesPerRow(column));
    }
    return (int) Math.max(64, Math.min(MOST_BATCH_ROWS, chunkSize / widest)) & ~63;
  }

  /** Estimated Arrow bytes per row of a column, its validity bit included. */
  private static double bytesPerRow(Column<?> column) {
    double validity = 1.0 / 8;
    return validity
        + switch (ColumnMapping.of(column)) {
          case BOOLEAN -> 1.0 / 8;
          case SHORT -> 2;
          case INTEGER, FLOAT, LOCAL_DATE, LOCAL_TIME -> 4;
          case LONG, DOUBLE, LOCAL_DATE_TIME, INSTANT -> 8;
          case STRING -> {
            StringColumn strings = (StringColumn) column;
            if (StringColumns.dictionaryWorthIt(strings)) {
              yield 4;
            }
            // plain UTF-8: a 32-bit offset plus the average length of up to 1,000 sampled rows
            int rows = strings.size();
            int samples = Math.min(rows, 1000);
            long bytes = 0;
            for (int s = 0; s < samples; s++) {
              bytes += ColumnMapping.utf8(strings.get((int) ((long) s * rows / samples))).length;
            }
            yield 4 + (samples == 0 ? 0 : (double) bytes / samples);
          }
        };
  }

  @Override
  protected Schema readSchema() {
    return schema(table, dictionaryIds);
  }

  /** The schema of {@code table} without dictionary encodings: what a JSON table reads as. */
  public static Schema plainSchema(Table table) {
    return schema(table, Map.of());
  }

  private static Schema schema(Table table, Map<Integer, Long> dictionaryIds) {
    List<Field> fields = new ArrayList<>();
    for (int c = 0; c < table.columnCount(); c++) {
      Column<?> column = table.column(c);
      Long id = dictionaryIds.get(c);
      DictionaryEncoding encoding =
          id == null ? null : new DictionaryEncoding(id, false, new ArrowType.Int(32, true));
      fields.add(
          new Field(
              column.name(),
              new FieldType(true, ColumnMapping.of(column).arrowType(), encoding),
              null));
    }
    Map<String, String> metadata =
        table.name() == null ? Map.of() : Map.of(TABLE_NAME, table.name());
    return new Schema(fields, metadata);
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    VectorSchemaRoot root = getVectorSchemaRoot();
    if (!dictionariesFilled) {
      fillDictionaries();
    }
    int rows = table.rowCount();
    if (next >= rows) {
      root.setRowCount(0);
      return false;
    }
    int count = Math.min(batchRows, rows - next);
    for (int c = 0; c < table.columnCount(); c++) {
      Column<?> column = table.column(c);
      FieldVector vector = root.getVector(c);
      ColumnMapping mapping = mappings.get(c);
      if (mapping != ColumnMapping.STRING) {
        mapping.fill(column, next, count, vector, scratch);
      } else if (dictionaryIds.containsKey(c)) {
        encodings.get(c).indexes(next, count, (IntVector) vector, scratch);
      } else {
        StringColumns.plain((StringColumn) column, next, count, (VarCharVector) vector);
      }
    }
    root.setRowCount(count);
    next += count;
    return true;
  }

  private void fillDictionaries() {
    for (Map.Entry<Integer, Long> entry : dictionaryIds.entrySet()) {
      StringColumns.Encoding encoding =
          new StringColumns.Encoding((StringColumn) table.column(entry.getKey()));
      encodings.put(entry.getKey(), encoding);
      encoding.dictionary((VarCharVector) lookup(entry.getValue()).getVector());
    }
    dictionariesFilled = true;
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  protected void closeReadSource() {}
}
