package io.redframe;

import java.util.Map;
import java.util.Objects;

/**
 * One column of a frame's schema as the manifest records it.
 *
 * @param name the column name (any text)
 * @param type for tables, the column's Arrow type, whatever the codec (see {@code docs/FORMAT.md}:
 *     {@code int64}, {@code float64}, {@code utf8}, {@code date32[day]}, ...); for arrays, the
 *     element type
 * @param nullable whether the column may hold missing values
 * @param metadata key/value metadata of the column
 * @param codecType the codec's own, richer type where it has one (Tablesaw's column type, such as
 *     {@code LOCAL_DATE_TIME}), else null
 */
public record ColumnSpec(
    String name, String type, boolean nullable, Map<String, String> metadata, String codecType) {
  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** A column whose codec has no type richer than {@code type}. */
  public ColumnSpec(String name, String type, boolean nullable, Map<String, String> metadata) {
    this(name, type, nullable, metadata, null);
  }
}
