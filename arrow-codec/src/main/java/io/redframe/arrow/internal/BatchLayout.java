package io.redframe.arrow.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BufferLayout;
import org.apache.arrow.vector.BufferLayout.BufferType;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What a record batch of a schema must look like: its field nodes in depth-first order, each with
 * its parent and the buffers it owns, and how large each buffer must at least be.
 *
 * @param nodes one per field node, depth-first
 * @param bufferCount buffers the batch must have, besides the variadic buffers of view types
 * @param viewNodes nodes of view types: each is followed by as many data buffers as the batch's
 *     variadic buffer count for it says
 */
record BatchLayout(List<Node> nodes, int bufferCount, int viewNodes) {

  /**
   * A field node.
   *
   * @param parent index of the parent node, -1 for a column
   * @param perParent values this node needs per value of its parent (struct 1, fixed-size list n)
   * @param needs its buffers
   * @param variadic whether variadic data buffers follow them (view types)
   * @param list whether its offsets index its one child (list, large list, map)
   */
  record Node(int parent, long perParent, List<Need> needs, boolean variadic, boolean list) {}

  /** One buffer and what it needs. */
  record Need(BufferType type, int bitWidth, boolean fixedWidthData) {
    /**
     * The least size of this buffer for {@code values} values with {@code nulls} nulls, given its
     * size in the batch: a validity bitmap may be left out (size 0) when no value or every value is
     * null, but Arrow's loader uses one that is there, however short.
     */
    long leastBytes(long values, long nulls, long size) {
      return switch (type) {
        case VALIDITY -> nulls > 0 || size > 0 ? (values + 7) / 8 : 0;
        case OFFSET -> values > 0 ? (values + 1) * bitWidth / 8 : 0;
        case DATA -> fixedWidthData ? (values * bitWidth + 7) / 8 : 0;
        case TYPE -> values;
        case VIEWS -> values * 16;
        default -> 0;
      };
    }
  }

  static BatchLayout ofRecordBatch(Schema schema) {
    Builder builder = new Builder();
    for (Field field : schema.getFields()) {
      builder.add(field, -1, 1, true);
    }
    return builder.build();
  }

  /**
   * The layout of dictionary {@code id}'s batches, or null if the schema has no such dictionary.
   */
  static BatchLayout ofDictionary(Schema schema, long id) {
    Field field = find(schema.getFields(), id);
    if (field == null) {
      return null;
    }
    Builder builder = new Builder();
    builder.add(field, -1, 1, false);
    return builder.build();
  }

  private static Field find(List<Field> fields, long id) {
    for (Field field : fields) {
      if (field.getDictionary() != null && field.getDictionary().getId() == id) {
        return field;
      }
      Field child = find(field.getChildren(), id);
      if (child != null) {
        return child;
      }
    }
    return null;
  }

  private static final class Builder {
    private final List<Node> nodes = new ArrayList<>();
    private int buffers;
    private int views;

    /** Adds a field; {@code encoded}: a dictionary-encoded field appears as its index type. */
    void add(Field field, int parent, long perParent, boolean encoded) {
      boolean asIndex = encoded && field.getDictionary() != null;
      ArrowType type = asIndex ? field.getDictionary().getIndexType() : field.getType();
      TypeLayout layout = TypeLayout.getTypeLayout(type);
      boolean fixedWidth =
          layout.getBufferLayouts().stream()
              .noneMatch(b -> b.getType() == BufferType.OFFSET || b.getType() == BufferType.VIEWS);
      List<Need> needs = new ArrayList<>();
      for (BufferLayout buffer : layout.getBufferLayouts()) {
        needs.add(
            new Need(buffer.getType(), buffer.getTypeBitWidth(), fixedWidth && isFixedData(type)));
      }
      boolean variadic = !layout.isFixedBufferCount();
      if (variadic) {
        views++;
      }
      buffers += needs.size();
      int index = nodes.size();
      boolean offsetsIndexChild =
          !asIndex
              && (type instanceof ArrowType.List
                  || type instanceof ArrowType.LargeList
                  || type instanceof ArrowType.Map);
      nodes.add(new Node(parent, perParent, needs, variadic, offsetsIndexChild));
      if (asIndex) {
        return;
      }
      long childPer =
          type instanceof ArrowType.FixedSizeList list
              ? list.getListSize()
              : type instanceof ArrowType.Struct ? 1 : 0;
      for (Field child : field.getChildren()) {
        add(child, index, childPer, encoded);
      }
    }

    private static boolean isFixedData(ArrowType type) {
      return !(type instanceof ArrowType.Struct
          || type instanceof ArrowType.FixedSizeList
          || type instanceof ArrowType.Union
          || type instanceof ArrowType.Null
          || type instanceof ArrowType.RunEndEncoded);
    }

    BatchLayout build() {
      return new BatchLayout(List.copyOf(nodes), buffers, views);
    }
  }
}
