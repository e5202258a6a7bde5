package io.redframe.jdbc.internal;

import io.redframe.FrameStoreException;
import io.redframe.Manifest;

/** A prepared statement's frame now has other columns than when it was prepared. */
final class SchemaChangedException extends FrameStoreException {
  private static final long serialVersionUID = 1L;

  SchemaChangedException(TableName table, Manifest prepared, Manifest now) {
    super(
        "Frame '"
            + table
            + "' changed its columns since the statement was prepared (version "
            + prepared.version()
            + " then, "
            + now.version()
            + " now): prepare the statement again");
  }
}
