package io.redframe.tablesaw.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw table as Arrow: a root with one vector per column, in order, and the dictionaries of
 * its dictionary-encoded string columns. The table name is in the schema metadata. Closing it
 * releases every vector.
 */
public final class ArrowTable implements AutoCloseable {
  /** Schema metadata key holding the Tablesaw table name. */
  public static final String TABLE_NAME = "tablesaw.table";

  private final VectorSchemaRoot root;
  private final DictionaryProvider.MapDictionaryProvider dictionaries;

  private ArrowTable(VectorSchemaRoot root, DictionaryProvider.MapDictionaryProvider dictionaries) {
    this.root = root;
    this.dictionaries = dictionaries;
  }

  public static ArrowTable of(Table table, BufferAllocator allocator) {
    List<FieldVector> vectors = new ArrayList<>();
    DictionaryProvider.MapDictionaryProvider dictionaries =
        new DictionaryProvider.MapDictionaryProvider();
    try {
      long id = 0;
      for (Column<?> column : table.columns()) {
        ColumnMapping mapping = ColumnMapping.of(column);
        if (mapping != ColumnMapping.STRING) {
          vectors.add(mapping.toArrow(column, allocator));
        } else if (StringColumns.dictionaryWorthIt((StringColumn) column)) {
          StringColumns.Encoded encoded =
              StringColumns.encoded((StringColumn) column, id++, allocator);
          dictionaries.put(encoded.dictionary());
          vectors.add(encoded.indexes());
        } else {
          vectors.add(StringColumns.plain((StringColumn) column, allocator));
        }
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      dictionaries.getDictionaryIds().forEach(d -> dictionaries.lookup(d).getVector().close());
      throw e;
    }
    List<Field> fields = vectors.stream().map(FieldVector::getField).toList();
    Map<String, String> metadata =
        table.name() == null ? Map.of() : Map.of(TABLE_NAME, table.name());
    VectorSchemaRoot root =
        new VectorSchemaRoot(new Schema(fields, metadata), vectors, table.rowCount());
    return new ArrowTable(root, dictionaries);
  }

  public VectorSchemaRoot root() {
    return root;
  }

  public DictionaryProvider dictionaries() {
    return dictionaries;
  }

  @Override
  public void close() {
    root.close();
    for (long id : dictionaries.getDictionaryIds()) {
      dictionaries.lookup(id).getVector().close();
    }
  }
}
