package io.redframe.tablesaw;

/** How a table is stored. */
public enum TableFormat {
  /** Arrow IPC chunks: exact types, fast, compressible, column and row selective. */
  ARROW,
  /** JSON Table Schema, as pandas' {@code to_json(orient="table")}: readable anywhere. */
  JSON
}
