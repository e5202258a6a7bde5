package io.redframe.jdbc.internal;

import io.redframe.FrameKind;
import io.redframe.FrameStoreException;

/** A frame that SQL names holds an object, bytes or an array, not a table. */
final class NotATableException extends FrameStoreException {
  private static final long serialVersionUID = 1L;

  NotATableException(TableName table, FrameKind kind) {
    super(
        "Frame '"
            + table
            + "' holds "
            + kind.name().toLowerCase(java.util.Locale.ROOT)
            + ", not a table: SQL reads tabular frames only");
  }
}
