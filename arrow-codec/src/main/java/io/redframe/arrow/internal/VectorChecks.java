package io.redframe.arrow.internal;

import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthViewVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.validate.ValidateVectorBufferVisitor;
import org.apache.arrow.vector.validate.ValidateVectorDataVisitor;

/**
 * Checks a vector decoded from untrusted bytes before anyone reads it: buffer sizes against the
 * value count (Arrow's buffer visitor), then every offset buffer: non-negative, non-decreasing and
 * inside the data it indexes, recursively through nested types. Arrow's own data visitor cannot be
 * used throughout: it fails on fixed-size lists and half floats.
 */
final class VectorChecks {
  private VectorChecks() {}

  static void check(ValueVector vector) {
    vector.accept(new ValidateVectorBufferVisitor(), null);
    if (!vector.getField().isNullable()
        && !(vector instanceof org.apache.arrow.vector.NullVector)
        && vector.getNullCount() > 0) {
      throw new IllegalStateException(
          "Vector '"
              + vector.getField().getName()
              + "' is not nullable but holds "
              + vector.getNullCount()
              + " nulls");
    }
    checkData(vector);
  }

  private static void checkData(ValueVector vector) {
    int count = vector.getValueCount();
    if (vector instanceof BaseVariableWidthVector v) {
      offsets32(v.getOffsetBuffer(), count, v.getDataBuffer().capacity(), v);
    } else if (vector instanceof BaseLargeVariableWidthVector v) {
      offsets64(v.getOffsetBuffer(), count, v.getDataBuffer().capacity(), v);
    } else if (vector instanceof ListVector v) { // maps too
      offsets32(v.getOffsetBuffer(), count, v.getDataVector().getValueCount(), v);
      checkData(v.getDataVector());
    } else if (vector instanceof LargeListVector v) {
      offsets64(v.getOffsetBuffer(), count, v.getDataVector().getValueCount(), v);
      checkData(v.getDataVector());
    } else if (vector instanceof FixedSizeListVector v) {
      long needed = (long) count * v.getListSize();
      require(
          v.getDataVector().getValueCount() >= needed,
          v,
          "holds fewer child values than its lists need");
      checkData(v.getDataVector());
    } else if (vector instanceof StructVector v) {
      for (ValueVector child : v.getChildrenFromFields()) {
        require(child.getValueCount() >= count, v, "has a child shorter than itself");
        checkData(child);
      }
    } else if (vector instanceof BaseVariableWidthViewVector v) {
      views(v);
    } else if (!(vector instanceof org.apache.arrow.vector.BaseFixedWidthVector)
        && !(vector instanceof org.apache.arrow.vector.NullVector)) {
      vector.accept(new ValidateVectorDataVisitor(), null); // unions
    }
  }

  /**
   * Every non-null view of a UTF-8 or binary view vector: a length that is not negative, and a
   * value inline (at most 12 bytes) or inside one of the vector's data buffers. Arrow's own getters
   * allocate whatever length a view claims.
   */
  private static void views(BaseVariableWidthViewVector vector) {
    ArrowBuf views = vector.getDataBuffer();
    List<ArrowBuf> data = vector.getDataBuffers();
    int count = vector.getValueCount();
    require(
        views.capacity() >= (long) count * BaseVariableWidthViewVector.ELEMENT_SIZE,
        vector,
        "has a short view buffer");
    for (int i = 0; i < count; i++) {
      if (vector.isNull(i)) {
        continue;
      }
      long view = (long) i * BaseVariableWidthViewVector.ELEMENT_SIZE;
      int length = views.getInt(view);
      if (length < 0) { // messages are built only on failure: these loops run per value
        require(false, vector, "has a negative length at " + i);
      }
      if (length > BaseVariableWidthViewVector.INLINE_SIZE) {
        int buffer = views.getInt(view + 8);
        int offset = views.getInt(view + 12);
        if (buffer < 0 || buffer >= data.size()) {
          require(false, vector, "points to a missing data buffer at " + i);
        }
        if (offset < 0 || (long) offset + length > data.get(buffer).capacity()) {
          require(false, vector, "points past its data at " + i);
        }
      }
    }
  }

  private static void offsets32(ArrowBuf offsets, int count, long limit, ValueVector vector) {
    if (count == 0) {
      return;
    }
    require(offsets.capacity() >= 4L * (count + 1), vector, "has a short offset buffer");
    int previous = offsets.getInt(0);
    require(previous >= 0, vector, "has a negative first offset");
    for (int i = 1; i <= count; i++) {
      int next = offsets.getInt(4L * i);
      if (next < previous) { // the message is built only on failure: this runs per value
        require(false, vector, "has decreasing offsets at " + i);
      }
      previous = next;
    }
    require(
        previous <= limit, vector, "has offsets past its data (" + previous + " > " + limit + ")");
  }

  private static void offsets64(ArrowBuf offsets, int count, long limit, ValueVector vector) {
    if (count == 0) {
      return;
    }
    require(offsets.capacity() >= 8L * (count + 1), vector, "has a short offset buffer");
    long previous = offsets.getLong(0);
    require(previous >= 0, vector, "has a negative first offset");
    for (int i = 1; i <= count; i++) {
      long next = offsets.getLong(8L * i);
      if (next < previous) { // the message is built only on failure: this runs per value
        require(false, vector, "has decreasing offsets at " + i);
      }
      previous = next;
    }
    require(
        previous <= limit, vector, "has offsets past its data (" + previous + " > " + limit + ")");
  }

  private static void require(boolean ok, ValueVector vector, String problem) {
    if (!ok) {
      throw new IllegalStateException("Vector '" + vector.getField().getName() + "' " + problem);
    }
  }
}
