package io.redframe.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.redframe.ColumnSpec;
import java.util.List;

/**
 * What an encoder reports once all chunks are written; the store adds the chunk index, name,
 * version, time and writer to make the manifest.
 *
 * @param rows rows (or elements) of the value; 0 for objects and byte payloads
 * @param columns the schema, in column order
 * @param compression the compression used inside the chunks, {@code none} if none
 * @param properties codec-specific facts to keep in the manifest (may be null)
 */
public record EncodedFrame(
    long rows, List<ColumnSpec> columns, String compression, JsonNode properties) {
  public EncodedFrame {
    columns = columns == null ? List.of() : List.copyOf(columns);
    compression = compression == null ? "none" : compression;
  }
}
