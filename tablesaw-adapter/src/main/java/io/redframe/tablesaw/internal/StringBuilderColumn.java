package io.redframe.tablesaw.internal;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.ByteDictionaryMap;
import tech.tablesaw.columns.strings.IntDictionaryMap;
import tech.tablesaw.columns.strings.NoKeysAvailableException;
import tech.tablesaw.columns.strings.NullDictionaryMap;

/**
 * Builds a Tablesaw string column directly as its dictionary: keys per row plus the distinct
 * values. An Arrow dictionary-encoded batch costs one hash lookup per distinct value and an array
 * lookup per row (row counts are tallied per dictionary entry, then added to Tablesaw's counts once
 * per entry); a plain UTF-8 batch one lookup per row. Follows Tablesaw's own key conventions (keys
 * from {@code Integer.MIN_VALUE + 1}, the missing value "" under {@code Integer.MAX_VALUE}).
 *
 * <p>Past {@value #TEXT_AFTER} distinct values a dictionary no longer pays, and Tablesaw's own
 * {@code append} gives it up at the same point (its short-key map promotes to plain text): from
 * then on the column is collected as plain strings and built as Tablesaw's text column.
 */
final class StringBuilderColumn {
  private static final int MISSING = Integer.MAX_VALUE;
  private static final int NONE = Integer.MIN_VALUE;
  static final int TEXT_AFTER = 65_535;

  private final String name;
  private final IntArrayList keys;
  private final Int2ObjectOpenHashMap<String> keyToValue = new Int2ObjectOpenHashMap<>();
  private final Object2IntOpenHashMap<String> valueToKey = new Object2IntOpenHashMap<>();
  private final Int2IntOpenHashMap keyToCount = new Int2IntOpenHashMap();
  private int lastKey = NONE;
  private byte[][] lastContents;
  private int[] lastKeys;
  private List<String> texts;

  StringBuilderColumn(String name, int reserve) {
    this.name = name;
    this.keys = new IntArrayList(reserve);
    valueToKey.defaultReturnValue(NONE);
    keyToCount.defaultReturnValue(0);
  }

  private int keyOf(String value) {
    if (value == null || value.isEmpty()) {
      keyToValue.putIfAbsent(MISSING, "");
      return MISSING;
    }
    int key = valueToKey.getInt(value);
    if (key == NONE) {
      key = ++lastKey;
      valueToKey.put(value, key);
      keyToValue.put(key, value);
    }
    return key;
  }

  private void add(int key) {
    keys.add(key);
    keyToCount.addTo(key, 1);
  }

  /** Appends a batch of a plain UTF-8 (or large/view UTF-8) vector. */
  void appendPlain(FieldVector vector) {
    VariableWidthFieldVector text = (VariableWidthFieldVector) vector;
    if (texts == null && valueToKey.size() > TEXT_AFTER) {
      switchToText();
    }
    for (int i = 0; i < vector.getValueCount(); i++) {
      String value = vector.isNull(i) ? null : new String(text.get(i), StandardCharsets.UTF_8);
      if (texts != null) {
        texts.add(value == null ? "" : value);
      } else {
        add(keyOf(value));
      }
    }
  }

  /** From here on, rows are kept as strings; the rows so far are turned back into strings. */
  private void switchToText() {
    texts = new ArrayList<>(Math.max(keys.size() * 2, keys.size() + 1024));
    for (int r = 0; r < keys.size(); r++) {
      texts.add(keyToValue.get(keys.getInt(r)));
    }
    keys.clear();
    keyToValue.clear();
    valueToKey.clear();
    keyToCount.clear();
    lastContents = null; // the keys they mapped to are gone
    lastKeys = null;
  }

  /** Appends a batch of dictionary indexes into {@code dictionary}. */
  void appendEncoded(FieldVector indexes, Dictionary dictionary) {
    ValueVector values = dictionary.getVector();
    int entries = values.getValueCount();
    int[] keyOfIndex = keysOf(values);
    if (texts != null) {
      appendAsText(indexes, keyOfIndex, entries);
      return;
    }
    int[] rows = indexesOf(indexes);
    int[] tally = new int[entries];
    int missing = rowsToKeys(indexes, rows, keyOfIndex, tally);
    keys.addElements(keys.size(), rows);
    for (int d = 0; d < entries; d++) {
      if (tally[d] > 0) {
        keyToCount.addTo(keyOfIndex[d], tally[d]);
      }
    }
    if (missing > 0) {
      keyOf(null);
      keyToCount.addTo(MISSING, missing);
    }
  }

  /** Appends a batch of a column already collected as text: each row's dictionary value. */
  private void appendAsText(FieldVector indexes, int[] keyOfIndex, int entries) {
    BaseIntVector ints = (BaseIntVector) indexes;
    for (int i = 0; i < indexes.getValueCount(); i++) {
      if (indexes.isNull(i)) {
        texts.add("");
        continue;
      }
      long index = ints.getValueAsLong(i);
      if (index < 0 || index >= entries) {
        throw new IllegalArgumentException(
            "Column '"
                + name
                + "' row "
                + texts.size()
                + " holds dictionary index "
                + index
                + ", outside its dictionary of "
                + entries
                + " entries");
      }
      texts.add(keyToValue.get(keyOfIndex[(int) index]));
    }
  }

  /**
   * Each row's dictionary index as an int: -1 where it does not fit one, anything where the row is
   * null. A plain int vector is copied in bulk.
   */
  private static int[] indexesOf(FieldVector indexes) {
    int count = indexes.getValueCount();
    int[] rows = new int[count];
    if (indexes instanceof IntVector ints && count > 0) {
      ints.getDataBuffer()
          .nioBuffer(0, count * 4)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asIntBuffer()
          .get(rows);
    } else {
      BaseIntVector ints = (BaseIntVector) indexes;
      for (int i = 0; i < count; i++) {
        long index = indexes.isNull(i) ? 0 : ints.getValueAsLong(i);
        rows[i] = index < 0 || index > Integer.MAX_VALUE ? -1 : (int) index;
      }
    }
    return rows;
  }

  /**
   * Replaces each row's dictionary index by its Tablesaw key ({@code MISSING} for a null row) and
   * tallies the rows of each dictionary entry; returns the number of null rows.
   */
  private int rowsToKeys(FieldVector indexes, int[] rows, int[] keyOfIndex, int[] tally) {
    int missing = 0;
    boolean nulls = indexes.getNullCount() > 0;
    for (int i = 0; i < rows.length; i++) {
      if (nulls && indexes.isNull(i)) {
        rows[i] = MISSING;
        missing++;
        continue;
      }
      int index = rows[i];
      if (index < 0 || index >= tally.length) {
        throw new IllegalArgumentException(
            "Column '"
                + name
                + "' row "
                + (keys.size() + i)
                + " holds dictionary index "
                + index
                + ", outside its dictionary of "
                + tally.length
                + " entries");
      }
      tally[index]++;
      rows[i] = keyOfIndex[index];
    }
    return missing;
  }

  /**
   * The Tablesaw key of each entry of a batch's dictionary. Each chunk carries its own copy of a
   * dictionary, usually the same as the last batch's: when its buffers are byte for byte the last
   * one's, the keys are reused instead of hashing every entry again.
   */
  private int[] keysOf(ValueVector values) {
    byte[][] contents = contents(values);
    if (contents != null && lastKeys != null && Arrays.deepEquals(contents, lastContents)) {
      return lastKeys;
    }
    VariableWidthFieldVector text = (VariableWidthFieldVector) values;
    int[] keyOfIndex = new int[values.getValueCount()];
    for (int d = 0; d < keyOfIndex.length; d++) {
      keyOfIndex[d] =
          values.isNull(d) ? keyOf(null) : keyOf(new String(text.get(d), StandardCharsets.UTF_8));
    }
    lastContents = contents;
    lastKeys = keyOfIndex;
    return keyOfIndex;
  }

  /**
   * A plain or large UTF-8 vector's value count, validity bits, offsets and data, for comparison;
   * null for other layouts (never reused).
   */
  private static byte[][] contents(ValueVector values) {
    int count = values.getValueCount();
    long offsetWidth;
    long dataBytes;
    if (values instanceof BaseVariableWidthVector plain) {
      offsetWidth = BaseVariableWidthVector.OFFSET_WIDTH;
      dataBytes = count == 0 ? 0 : plain.getOffsetBuffer().getInt((long) count * offsetWidth);
    } else if (values instanceof BaseLargeVariableWidthVector large) {
      offsetWidth = BaseLargeVariableWidthVector.OFFSET_WIDTH;
      dataBytes = count == 0 ? 0 : large.getOffsetBuffer().getLong((long) count * offsetWidth);
    } else {
      return null;
    }
    FieldVector vector = (FieldVector) values;
    return new byte[][] {
      Integer.toString(count).getBytes(StandardCharsets.US_ASCII),
      bytes(vector.getValidityBuffer(), (count + 7) / 8),
      bytes(vector.getOffsetBuffer(), count == 0 ? 0 : (count + 1) * offsetWidth),
      bytes(vector.getDataBuffer(), dataBytes)
    };
  }

  private static byte[] bytes(ArrowBuf buffer, long length) {
    byte[] bytes = new byte[(int) length];
    buffer.getBytes(0, bytes);
    return bytes;
  }

  StringColumn build() {
    if (texts != null) {
      NullDictionaryMap text = new NullDictionaryMap(new ByteDictionaryMap());
      try {
        for (String value : texts) {
          text.append(value);
        }
      } catch (NoKeysAvailableException e) {
        throw new IllegalStateException("Tablesaw's text column refused a value", e);
      }
      return StringColumn.createInternal(name, text);
    }
    IntDictionaryMap dictionary =
        Columns.keys(
                new IntDictionaryMap.IntDictionaryBuilder()
                    .setNextIndex(lastKey)
                    .setKeyToValue(keyToValue)
                    .setValueToKey(valueToKey)
                    .setKeyToCount(keyToCount),
                keys)
            .build();
    return StringColumn.createInternal(name, dictionary);
  }
}
