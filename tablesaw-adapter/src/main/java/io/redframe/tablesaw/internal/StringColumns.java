package io.redframe.tablesaw.internal;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.DictionaryMap;

/**
 * String columns to Arrow. Tablesaw keeps strings in a dictionary (distinct values and one key per
 * row); a column with few distinct values goes out as an Arrow dictionary built from it: its keys
 * map to Arrow indexes, each distinct value is written once, and no row's string is read or hashed.
 * Other columns go out as plain UTF-8. Tablesaw's missing value, the empty string, becomes a null.
 */
final class StringColumns {
  private StringColumns() {}

  /** Whether a column is worth a dictionary: at most one distinct value per two rows. */
  static boolean dictionaryWorthIt(StringColumn column) {
    return column.size() > 0 && (long) column.countUnique() * 2 <= column.size();
  }

  static FieldVector plain(StringColumn column, BufferAllocator allocator) {
    VarCharVector vector =
        (VarCharVector)
            new Field(column.name(), FieldType.nullable(ArrowType.Utf8.INSTANCE), null)
                .createVector(allocator);
    vector.allocateNew(Math.max(1, column.size()) * 8L, column.size());
    ColumnMapping.plainStrings(column, vector);
    return vector;
  }

  /**
   * The column as dictionary indexes plus its dictionary (id {@code id}); the caller owns both
   * vectors.
   */
  static Encoded encoded(StringColumn column, long id, BufferAllocator allocator) {
    DictionaryMap map = column.getDictionary();
    int rows = column.size();
    Int2IntOpenHashMap indexOfKey = new Int2IntOpenHashMap();
    indexOfKey.defaultReturnValue(-1);
    VarCharVector values = new VarCharVector(column.name() + ".dictionary", allocator);
    values.allocateNew();
    DictionaryEncoding encoding = new DictionaryEncoding(id, false, new ArrowType.Int(32, true));
    IntVector indexes =
        (IntVector)
            new Field(column.name(), new FieldType(true, encoding.getIndexType(), encoding), null)
                .createVector(allocator);
    indexes.allocateNew(rows);
    int next = 0;
    for (int i = 0; i < rows; i++) {
      int key = map.getKeyForIndex(i);
      int index = indexOfKey.get(key);
      if (index == -1) {
        String value = map.getValueForKey(key);
        index = value.isEmpty() ? -2 : next++;
        if (index >= 0) {
          values.setSafe(index, ColumnMapping.utf8(value));
        }
        indexOfKey.put(key, index);
      }
      if (index == -2) {
        indexes.setNull(i);
      } else {
        indexes.set(i, index);
      }
    }
    values.setValueCount(next);
    indexes.setValueCount(rows);
    return new Encoded(indexes, new Dictionary(values, encoding));
  }

  /** Dictionary indexes and the dictionary they point into. */
  record Encoded(FieldVector indexes, Dictionary dictionary) {}
}
