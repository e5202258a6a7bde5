package io.redframe.spi;

import io.redframe.ColumnSpec;
import io.redframe.FrameKind;
import java.util.List;
import java.util.Map;

/**
 * What an encoder reports once all chunks are written; the store adds the chunk index, name,
 * version, identity, time and writer to make the manifest.
 *
 * @param rows rows (or elements) of the value; 0 for objects and byte payloads
 * @param columns the schema, in column order; for {@link FrameKind#TABLE tables} each column's
 *     {@link ColumnSpec#type()} is its Arrow type name
 * @param compression the compression used inside the chunks, {@code none} if none
 * @param properties codec-specific facts to keep in the manifest, as JSON values ({@code String},
 *     {@code Number}, {@code Boolean}, {@code List}, {@code Map}); may be null
 */
public record EncodedFrame(
    long rows, List<ColumnSpec> columns, String compression, Map<String, Object> properties) {
  public EncodedFrame {
    columns = columns == null ? List.of() : List.copyOf(columns);
    compression = compression == null ? "none" : compression;
    properties = properties == null ? Map.of() : properties;
  }
}
