package io.redframe.arrow.internal;

import java.nio.ByteOrder;
import java.nio.IntBuffer;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;

/**
 * Checks that every index of a dictionary-encoded column points into its dictionary: a save must
 * not store a column no load can decode, and a load must not hand one to a caller that looks its
 * indexes up. One pass over the indexes; nulls are skipped.
 */
final class DictionaryIndexes {
  private DictionaryIndexes() {}

  /** The first row of {@code indexes} whose index is outside {@code [0, entries)}, else -1. */
  static int firstOutside(FieldVector indexes, int entries) {
    int count = indexes.getValueCount();
    boolean nulls = indexes.getNullCount() > 0;
    if (indexes instanceof IntVector ints) { // Arrow's default index type, read straight
      // one bounds check for the whole buffer, then a plain loop over an IntBuffer view (ArrowBuf's
      // getInt checks bounds and the reference count on every call)
      IntBuffer data =
          ints.getDataBuffer()
              .nioBuffer(0, Math.multiplyExact(count, 4))
              .order(ByteOrder.LITTLE_ENDIAN)
              .asIntBuffer();
      for (int i = 0; i < count; i++) {
        if (Integer.compareUnsigned(data.get(i), entries) >= 0 && !(nulls && ints.isNull(i))) {
          return i;
        }
      }
      return -1;
    }
    BaseIntVector any = (BaseIntVector) indexes;
    for (int i = 0; i < count; i++) {
      if (!(nulls && indexes.isNull(i))) {
        long index = any.getValueAsLong(i);
        if (index < 0 || index >= entries) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The index at {@code row}, as {@link #firstOutside} read it. */
  static long at(FieldVector indexes, int row) {
    return ((BaseIntVector) indexes).getValueAsLong(row);
  }
}
