package io.redframe.tablesaw.internal;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.DictionaryMap;
import tech.tablesaw.columns.strings.NullDictionaryMap;

/**
 * String columns to Arrow. Tablesaw keeps strings in a dictionary (distinct values and one key per
 * row); a column with few distinct values goes out as an Arrow dictionary built from it: its keys
 * map to Arrow indexes, each distinct value is written once, and no row's string is read or hashed.
 * Other columns go out as plain UTF-8. Tablesaw's missing value, the empty string, becomes a null.
 */
final class StringColumns {
  private static final int UNSEEN = -1;
  private static final int MISSING = -2;

  private StringColumns() {}

  /**
   * Whether a column is worth a dictionary: Tablesaw keeps one (it gives it up for plain text past
   * about 65,000 distinct values; counting those would hash every row) and at most one distinct
   * value per two rows.
   */
  static boolean dictionaryWorthIt(StringColumn column) {
    return column.size() > 0
        && !(column.getDictionary() instanceof NullDictionaryMap)
        && (long) column.countUnique() * 2 <= column.size();
  }

  /** Rows {@code [from, from + count)} as plain UTF-8. */
  static void plain(StringColumn column, int from, int count, VarCharVector vector) {
    vector.allocateNew(Math.max(1, count) * 8L, count);
    for (int i = 0; i < count; i++) {
      String value = column.get(from + i);
      if (value.isEmpty()) {
        vector.setNull(i);
      } else {
        vector.setSafe(i, ColumnMapping.utf8(value));
      }
    }
    vector.setValueCount(count);
  }

  /**
   * A column as Arrow dictionary indexes: one pass over the rows' keys numbers the distinct values
   * in order of first appearance (missing values excluded); then any range of rows becomes indexes.
   */
  static final class Encoding {
    private final DictionaryMap map;
    private final KeyIndex indexOfKey;
    private final String[] values;

    Encoding(StringColumn column) {
      this.map = column.getDictionary();
      int rows = column.size();
      int least = Integer.MAX_VALUE;
      int most = Integer.MIN_VALUE;
      for (int i = 0; i < rows; i++) {
        int key = map.getKeyForIndex(i);
        least = Math.min(least, key);
        most = Math.max(most, key);
      }
      indexOfKey =
          rows > 0 && (long) most - least < Math.max(1 << 16, 4L * rows)
              ? new DenseKeyIndex(least, most)
              : new HashKeyIndex();
      String[] found = new String[16];
      int next = 0;
      for (int i = 0; i < rows; i++) {
        int key = map.getKeyForIndex(i);
        if (indexOfKey.get(key) == UNSEEN) {
          String value = map.getValueForKey(key);
          if (value.isEmpty()) {
            indexOfKey.put(key, MISSING);
          } else {
            if (next == found.length) {
              found = Arrays.copyOf(found, 2 * next);
            }
            found[next] = value;
            indexOfKey.put(key, next++);
          }
        }
      }
      values = Arrays.copyOf(found, next);
    }

    /** Fills the dictionary: every distinct value once, in index order. */
    void dictionary(VarCharVector vector) {
      vector.allocateNew(Math.max(1, values.length) * 8L, values.length);
      for (int d = 0; d < values.length; d++) {
        vector.setSafe(d, ColumnMapping.utf8(values[d]));
      }
      vector.setValueCount(values.length);
    }

    /** Rows {@code [from, from + count)} as indexes into the dictionary. */
    void indexes(int from, int count, IntVector vector, ColumnMapping.Scratch scratch) {
      vector.allocateNew(count);
      int[] indexes = scratch.ints(count);
      byte[] valid = new byte[Bitmaps.bytes(count)];
      for (int i = 0; i < count; i++) {
        int index = indexOfKey.get(map.getKeyForIndex(from + i));
        if (index < 0) {
          indexes[i] = 0;
        } else {
          indexes[i] = index;
          Bitmaps.set(valid, i);
        }
      }
      vector.getValidityBuffer().setBytes(0, valid);
      vector
          .getDataBuffer()
          .nioBuffer(0, count * 4)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asIntBuffer()
          .put(indexes, 0, count);
      vector.setValueCount(count);
    }
  }

  /** Tablesaw key to Arrow index. */
  private interface KeyIndex {
    int get(int key);

    void put(int key, int index);
  }

  /** Keys in a narrow range (Tablesaw hands them out consecutively): an array. */
  private static final class DenseKeyIndex implements KeyIndex {
    private final int least;
    private final int[] index;

    DenseKeyIndex(int least, int most) {
      this.least = least;
      this.index = new int[most - least + 1];
      Arrays.fill(index, UNSEEN);
    }

    @Override
    public int get(int key) {
      return index[key - least];
    }

    @Override
    public void put(int key, int value) {
      index[key - least] = value;
    }
  }

  private static final class HashKeyIndex implements KeyIndex {
    private final Int2IntOpenHashMap index = new Int2IntOpenHashMap();

    HashKeyIndex() {
      index.defaultReturnValue(UNSEEN);
    }

    @Override
    public int get(int key) {
      return index.get(key);
    }

    @Override
    public void put(int key, int value) {
      index.put(key, value);
    }
  }
}
