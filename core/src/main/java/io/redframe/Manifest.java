package io.redframe;

import io.redframe.internal.codec.CodecRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The description of one stored version of a frame: what a person reads with {@code redis-cli HGET
 * <version key> manifest}, and what a loader reads before it fetches any data. See {@code
 * docs/FORMAT.md} for the field-by-field layout.
 *
 * @param layout the storage layout version: {@link #LAYOUT} (every chunk in the version's hash) or
 *     {@link #LAYOUT_SEGMENTED} (chunks in segment keys spread over a cluster's slots)
 * @param name the frame's name
 * @param version the version number, 1 for the first save of a name; grows with every save while
 *     the frame lives (a frame that expired or was deleted starts again at 1)
 * @param id the version's identity: 32 random lowercase hex digits drawn at save, never reused, so
 *     that a {@link FrameRef} can tell this content from a later version with the same number
 * @param codec the codec that wrote the chunks, such as {@code json}, {@code yaml}, {@code bytes},
 *     {@code arrow} or {@code json-table}
 * @param codecVersion the codec's own format version
 * @param compression the compression inside the chunks ({@code none} if none)
 * @param rows rows of a table or elements of an array; 0 for objects and byte payloads
 * @param bytes total bytes of all chunks
 * @param columns the schema: one entry per column, in order (empty for objects and bytes)
 * @param chunks the chunk index, in order
 * @param created when the writer built this manifest
 * @param writer library version, host and process of the writer
 * @param tags user tags given at save
 * @param properties codec-specific facts (never needed to find chunks), as JSON values: {@code
 *     String}, {@code Number}, {@code Boolean}, {@code List}, {@code Map} with String keys, or
 *     null; unmodifiable, and so is every map and list within
 * @param segments for layout 2, the number of segment keys chunk {@code c:i} is spread over (it
 *     lives in segment {@code i % segments}); 0 for layout 1
 */
public record Manifest(
    int layout,
    String name,
    long version,
    String id,
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
    Map<String, Object> properties,
    int segments) {

  /** The storage layout of a version whose chunks are all in its own hash. */
  public static final int LAYOUT = 1;

  /** The storage layout of a version whose chunks are in segment keys (on Redis Cluster). */
  public static final int LAYOUT_SEGMENTED = 2;

  /** A manifest of layout 1 (no segments). */
  public Manifest(
      int layout,
      String name,
      long version,
      String id,
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
      Map<String, Object> properties) {
    this(
        layout,
        name,
        version,
        id,
        codec,
        codecVersion,
        compression,
        rows,
        bytes,
        columns,
        chunks,
        created,
        writer,
        tags,
        properties,
        0);
  }

  public Manifest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(codec, "codec");
    id = id == null ? "" : id;
    compression = compression == null ? "none" : compression;
    columns = columns == null ? List.of() : List.copyOf(columns);
    chunks = chunks == null ? List.of() : List.copyOf(chunks);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    // Not Map.copyOf: JSON values may be null. Frozen all the way down, so no caller can change
    // what another one (or the load cache) reads: a raw array's shape is a list in here.
    properties = properties == null ? Map.of() : frozenMap(properties);
  }

  /** What the frame holds, as the codec registered for {@link #codec()} says. */
  public FrameKind kind() {
    return CodecRegistry.kind(codec);
  }

  /** The durable reference to this version ({@link FrameRef#of}). */
  public FrameRef ref() {
    return FrameRef.of(this);
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

  /** Property {@code key} as text, or {@code null} if absent or not text. */
  public String textProperty(String key) {
    return properties.get(key) instanceof String text ? text : null;
  }

  private static Map<String, Object> frozenMap(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      copy.put(String.valueOf(entry.getKey()), frozen(entry.getValue()));
    }
    return Collections.unmodifiableMap(copy);
  }

  /** A JSON value with every map and list in it copied and unmodifiable. */
  private static Object frozen(Object value) {
    if (value instanceof Map<?, ?> map) {
      return frozenMap(map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object element : list) {
        copy.add(frozen(element));
      }
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
