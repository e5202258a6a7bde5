package io.redframe.arrow;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What an Arrow load reads: a version (default: the current one), some columns (default: all, in
 * stored order) and a row range (default: all rows). Only the chunks holding the wanted columns and
 * rows are fetched. Immutable; each method returns a copy.
 *
 * <pre>{@code
 * ArrowLoadOptions.all().columns("price", "qty").rows(1_000, 2_000)
 * }</pre>
 */
public final class ArrowLoadOptions {
  private static final ArrowLoadOptions ALL =
      new ArrowLoadOptions(OptionalLong.empty(), null, 0, Long.MAX_VALUE, ArrowReadLimits.DEFAULTS);

  private final OptionalLong version;
  private final List<String> columns;
  private final long fromRow;
  private final long toRow;
  private final ArrowReadLimits limits;

  private ArrowLoadOptions(
      OptionalLong version,
      List<String> columns,
      long fromRow,
      long toRow,
      ArrowReadLimits limits) {
    this.version = version;
    this.columns = columns;
    this.fromRow = fromRow;
    this.toRow = toRow;
    this.limits = limits;
  }

  /** The current version, every column and row, default limits. */
  public static ArrowLoadOptions all() {
    return ALL;
  }

  public ArrowLoadOptions version(long version) {
    return new ArrowLoadOptions(OptionalLong.of(version), columns, fromRow, toRow, limits);
  }

  /**
   * Only these columns, in this order.
   *
   * @throws IllegalArgumentException if no column is given or one is given twice
   */
  public ArrowLoadOptions columns(String... columns) {
    return columns(List.of(columns));
  }

  /**
   * Only these columns, in this order. A name the frame lacks fails the load.
   *
   * @throws IllegalArgumentException if no column is given or one is given twice
   */
  public ArrowLoadOptions columns(List<String> columns) {
    if (columns.isEmpty() || columns.stream().distinct().count() != columns.size()) {
      throw new IllegalArgumentException("Columns must be distinct and at least one: " + columns);
    }
    return new ArrowLoadOptions(version, List.copyOf(columns), fromRow, toRow, limits);
  }

  /**
   * Only rows {@code [from, to)}; a range past the end is cut at the end.
   *
   * @throws IllegalArgumentException if not {@code 0 <= from <= to}
   */
  public ArrowLoadOptions rows(long from, long to) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("Row range must have 0 <= from <= to: " + from + ":" + to);
    }
    return new ArrowLoadOptions(version, columns, from, to, limits);
  }

  /**
   * These read limits instead of {@link ArrowReadLimits#DEFAULTS}.
   *
   * @throws NullPointerException if {@code limits} is null
   */
  public ArrowLoadOptions limits(ArrowReadLimits limits) {
    return new ArrowLoadOptions(
        version, columns, fromRow, toRow, Objects.requireNonNull(limits, "limits"));
  }

  public OptionalLong version() {
    return version;
  }

  /** The wanted columns, or null for all. */
  public List<String> columns() {
    return columns;
  }

  public long fromRow() {
    return fromRow;
  }

  public long toRow() {
    return toRow;
  }

  public ArrowReadLimits limits() {
    return limits;
  }
}
