package io.redframe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The description of one stored version of a frame: what a person reads with {@code redis-cli HGET
 * <version key> manifest}, and what a loader reads before it fetches any data. See {@code
 * docs/FORMAT.md} for the field-by-field layout.
 *
 * @param layout the storage layout version ({@link #LAYOUT})
 * @param name the frame's name
 * @param version the version number, 1 for the first save of a name; grows with every save
 * @param codec the codec that wrote the chunks, such as {@code json}, {@code yaml}, {@code bytes}
 *     or {@code arrow}
 * @param codecVersion the codec's own format version
 * @param compression the compression inside the chunks ({@code none} if none)
 * @param rows rows of a table or elements of an array; 0 for objects and byte payloads
 * @param bytes total bytes of all chunks
 * @param columns the schema: one entry per column, in order (empty for objects and bytes)
 * @param chunks the chunk index, in order
 * @param created when the writer built this manifest
 * @param writer library version, host and process of the writer
 * @param tags user tags given at save
 * @param properties codec-specific facts (never needed to find chunks)
 */
@JsonPropertyOrder({
  "layout",
  "name",
  "version",
  "codec",
  "codecVersion",
  "compression",
  "rows",
  "bytes",
  "created",
  "writer",
  "tags",
  "columns",
  "properties",
  "chunks"
})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Manifest(
    int layout,
    String name,
    long version,
    String codec,
    int codecVersion,
    String compression,
    long rows,
    long bytes,
    List<ColumnSpec> columns,
    List<ChunkEntry> chunks,
    Instant created,
    String writer,
    Map<String, String> tags,
    JsonNode properties) {

  /** The storage layout this library writes and reads. */
  public static final int LAYOUT = 1;

  public Manifest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(codec, "codec");
    compression = compression == null ? "none" : compression;
    columns = columns == null ? List.of() : List.copyOf(columns);
    chunks = chunks == null ? List.of() : List.copyOf(chunks);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    properties = properties == null ? JsonNodeFactory.instance.objectNode() : properties;
  }

  /** The position of the column named {@code column}, or -1. */
  public int columnIndex(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }
}
