package io.redframe.internal.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.redframe.ChunkEntry;
import io.redframe.ColumnSpec;
import io.redframe.CorruptFrameException;
import io.redframe.LimitExceededException;
import io.redframe.Manifest;
import io.redframe.StoreOption;
import io.redframe.spi.Checksums;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes manifests as indented JSON (readable with {@code redis-cli HGET}) and reads them back as
 * untrusted input: size and nesting are bounded while parsing, and every length, count and index is
 * checked before anything is allocated from it.
 */
public final class ManifestJson {
  /** The field order of stored manifests, kept out of the public record. */
  @JsonPropertyOrder({
    "layout",
    "name",
    "version",
    "id",
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
    "segments",
    "chunks"
  })
  @JsonInclude(JsonInclude.Include.ALWAYS)
  private abstract static class ManifestOrder {
    /** Written only for layout 2, so layout 1 manifests stay as they were. */
    @SuppressWarnings("UnusedMethod") // read by Jackson as a mix-in
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonSetter(nulls = Nulls.AS_EMPTY, contentNulls = Nulls.FAIL)
    abstract int segments();
  }

  /** A column's codec type is written only where the codec has one. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  private abstract static class ColumnOrder {}

  /** The most segment keys a layout 2 version may have. */
  public static final int MAX_SEGMENTS = 4096;

  private static final Pattern ID = Pattern.compile("([0-9a-f]{32})?");
  private static final Pattern FIELD = Pattern.compile("c:\\d{1,10}");
  private static final Pattern CRC = Pattern.compile("[0-9a-f]{8}");

  private final ObjectMapper mapper;
  private final int maxChunks;
  private final long maxChunkBytes;

  public ManifestJson(long maxManifestBytes, int maxChunks, long maxChunkBytes) {
    this.maxChunks = maxChunks;
    this.maxChunkBytes = maxChunkBytes;
    this.mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addMixIn(Manifest.class, ManifestOrder.class)
            .addMixIn(ColumnSpec.class, ColumnOrder.class)
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxDocumentLength(maxManifestBytes)
                .maxNestingDepth(64)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxManifestBytes))
                .build());
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public byte[] write(Manifest manifest) {
    try {
      return mapper.writeValueAsBytes(manifest);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses and validates a stored manifest.
   *
   * @param where "frame 'x' version 3", for messages
   */
  public Manifest read(byte[] json, String crc32c, String where) {
    if (!Checksums.crc32c(json).equals(crc32c)) {
      throw new CorruptFrameException(
          "Corrupt manifest of "
              + where
              + ": CRC-32C is "
              + Checksums.crc32c(json)
              + ", the stored checksum is '"
              + crc32c
              + "'");
    }
    Manifest manifest;
    try {
      manifest = mapper.readValue(json, Manifest.class);
    } catch (IOException | RuntimeException e) {
      throw new CorruptFrameException(
          "Corrupt manifest of " + where + ": not a valid manifest (" + e.getMessage() + ")", e);
    }
    validate(manifest, where);
    return manifest;
  }

  private void validate(Manifest m, String where) {
    if (m.layout() != Manifest.LAYOUT && m.layout() != Manifest.LAYOUT_SEGMENTED) {
      throw new CorruptFrameException(
          "Manifest of "
              + where
              + " has layout "
              + m.layout()
              + "; this redframe reads layouts "
              + Manifest.LAYOUT
              + " and "
              + Manifest.LAYOUT_SEGMENTED
              + (m.layout() > Manifest.LAYOUT_SEGMENTED ? " (written by a newer redframe?)" : ""));
    }
    check(
        m.layout() == Manifest.LAYOUT
            ? m.segments() == 0
            : m.segments() >= 1 && m.segments() <= MAX_SEGMENTS,
        where,
        "layout " + m.layout() + " with " + m.segments() + " segments");
    if (m.chunks().size() > maxChunks) {
      throw new LimitExceededException(
          "Chunk count of " + where, StoreOption.MAX_CHUNKS.key(), m.chunks().size(), maxChunks);
    }
    check(ID.matcher(m.id()).matches(), where, "malformed version id '" + m.id() + "'");
    check(m.rows() >= 0 && m.bytes() >= 0 && m.codecVersion() >= 1, where, "negative counts");
    long total = 0;
    Set<String> fields = new HashSet<>();
    for (ChunkEntry c : m.chunks()) {
      String chunk = "chunk " + c.field();
      check(FIELD.matcher(c.field()).matches() && fields.add(c.field()), where, "bad field name");
      check(CRC.matcher(c.crc32c()).matches(), where, chunk + " has a malformed checksum");
      check(c.bytes() >= 0 && c.firstRow() >= 0 && c.rows() >= 0, where, chunk + " is negative");
      check(c.firstRow() <= m.rows() - c.rows(), where, chunk + " covers rows past the end");
      for (int column : c.columns()) {
        check(column >= 0 && column < m.columns().size(), where, chunk + " names a bad column");
      }
      if (c.bytes() > maxChunkBytes) {
        throw new LimitExceededException(
            "Size of " + chunk + " of " + where,
            StoreOption.MAX_CHUNK_BYTES.key(),
            c.bytes(),
            maxChunkBytes);
      }
      total += c.bytes();
    }
    check(total == m.bytes(), where, "chunk sizes add up to " + total + ", not " + m.bytes());
  }

  private static void check(boolean ok, String where, String problem) {
    if (!ok) {
      throw new CorruptFrameException("Corrupt manifest of " + where + ": " + problem);
    }
  }
}
