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
  public TableLoadOptions {
    if (fromRow < 0 || toRow < fromRow) {
      throw new IllegalArgumentException(
          "Row range must have 0 <= from <= to: " + fromRow + ":" + toRow);
    }
    columns = columns == null ? null : List.copyOf(columns);
  }

  public static TableLoadOptions all() {
    return new TableLoadOptions(OptionalLong.empty(), null, 0, Long.MAX_VALUE);
  }

  public TableLoadOptions version(long version) {
    return new TableLoadOptions(OptionalLong.of(version), columns, fromRow, toRow);
  }

  public TableLoadOptions columns(String... columns) {
    return new TableLoadOptions(version, List.of(columns), fromRow, toRow);
  }

  public TableLoadOptions rows(long from, long to) {
    return new TableLoadOptions(version, columns, from, to);
  }
}
