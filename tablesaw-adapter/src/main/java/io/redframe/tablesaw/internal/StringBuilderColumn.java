package io.redframe.tablesaw.internal;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.IntDictionaryMap;

/**
 * Builds a Tablesaw string column directly as its dictionary: keys per row plus the distinct
 * values. An Arrow dictionary-encoded batch costs one hash lookup per distinct value and an array
 * lookup per row; a plain UTF-8 batch one lookup per row. Follows Tablesaw's own key conventions
 * (keys from {@code Integer.MIN_VALUE + 1}, the missing value "" under {@code Integer.MAX_VALUE}).
 */
final class StringBuilderColumn {
  private static final int MISSING = Integer.MAX_VALUE;
  private static final int NONE = Integer.MIN_VALUE;

  private final String name;
  private final IntArrayList keys = new IntArrayList();
  private final Int2ObjectOpenHashMap<String> keyToValue = new Int2ObjectOpenHashMap<>();
  private final Object2IntOpenHashMap<String> valueToKey = new Object2IntOpenHashMap<>();
  private final Int2IntOpenHashMap keyToCount = new Int2IntOpenHashMap();
  private int lastKey = NONE;

  StringBuilderColumn(String name) {
    this.name = name;
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
    for (int i = 0; i < vector.getValueCount(); i++) {
      add(vector.isNull(i) ? keyOf(null) : keyOf(new String(text.get(i), StandardCharsets.UTF_8)));
    }
  }

  /** Appends a batch of dictionary indexes into {@code dictionary}. */
  void appendEncoded(FieldVector indexes, Dictionary dictionary) {
    ValueVector values = dictionary.getVector();
    VariableWidthFieldVector text = (VariableWidthFieldVector) values;
    int[] keyOfIndex = new int[values.getValueCount()];
    for (int d = 0; d < keyOfIndex.length; d++) {
      keyOfIndex[d] =
          values.isNull(d) ? keyOf(null) : keyOf(new String(text.get(d), StandardCharsets.UTF_8));
    }
    BaseIntVector ints = (BaseIntVector) indexes;
    for (int i = 0; i < indexes.getValueCount(); i++) {
      if (indexes.isNull(i)) {
        add(keyOf(null));
      } else {
        long index = ints.getValueAsLong(i);
        if (index < 0 || index >= keyOfIndex.length) {
          throw new IllegalStateException(
              "Column '"
                  + name
                  + "' row "
                  + keys.size()
                  + " points past its dictionary ("
                  + index
                  + ")");
        }
        add(keyOfIndex[(int) index]);
      }
    }
  }

  StringColumn build() {
    IntDictionaryMap dictionary =
        new IntDictionaryMap.IntDictionaryBuilder()
            .setNextIndex(lastKey)
            .setKeyToValue(keyToValue)
            .setValueToKey(valueToKey)
            .setKeyToCount(keyToCount)
            .setValues(keys.toIntArray())
            .build();
    return StringColumn.createInternal(name, dictionary);
  }
}
