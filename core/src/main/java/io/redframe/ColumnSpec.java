package io.redframe;

import java.util.Map;
import java.util.Objects;

/**
 * One column of a frame's schema as the manifest records it.
 *
 * @param name the column name (any text)
 * @param type the codec's type name, such as {@code float64}, {@code utf8}, {@code date32}
 * @param nullable whether the column may hold missing values
 * @param metadata key/value metadata of the column
 */
public record ColumnSpec(String name, String type, boolean nullable, Map<String, String> metadata) {
  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
