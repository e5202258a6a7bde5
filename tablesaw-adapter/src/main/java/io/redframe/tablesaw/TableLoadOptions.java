package io.redframe.tablesaw;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a table load reads: a version (default the current one), some columns (default all) and a
 * row range (default all). Immutable; each method returns a copy.
 *
 * @param version the version, or empty for the current one
 * @param columns the wanted columns in order, or null for all
 * @param fromRow first row
 * @param toRow end row (exclusive); cut at the end of the table
 */
public record TableLoadOptions(
    OptionalLong version, List<String> columns, long fromRow, long toRow) {
  /**
   * The options.
   *
   * @throws IllegalArgumentException if not {@code 0 <= fromRow <= toRow}
   * @throws NullPointerException if a column name is null
   */
  public TableLoadOptions {
    if (fromRow < 0 || toRow < fromRow) {
      throw new IllegalArgumentException(
          "Row range must have 0 <= from <= to: " + fromRow + ":" + toRow);
    }
    columns = columns == null ? null : List.copyOf(columns);
  }

  /** The current version, every column and row. */
  public static TableLoadOptions all() {
    return new TableLoadOptions(OptionalLong.empty(), null, 0, Long.MAX_VALUE);
  }

  /** The same, reading {@code version}. */
  public TableLoadOptions version(long version) {
    return new TableLoadOptions(OptionalLong.of(version), columns, fromRow, toRow);
  }

  /**
   * The same, reading only these columns, in this order. A name the frame lacks, none or a repeated
   * one fails the load with an {@link IllegalArgumentException}.
   *
   * @throws NullPointerException if a name is null
   */
  public TableLoadOptions columns(String... columns) {
    return new TableLoadOptions(version, List.of(columns), fromRow, toRow);
  }

  /**
   * The same, reading only rows {@code [from, to)} (cut at the end of the table).
   *
   * @throws IllegalArgumentException if not {@code 0 <= from <= to}
   */
  public TableLoadOptions rows(long from, long to) {
    return new TableLoadOptions(version, columns, from, to);
  }
}
