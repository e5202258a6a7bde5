package io.redframe.arrow.internal;

import io.redframe.ColumnSpec;
import io.redframe.CorruptFrameException;
import io.redframe.Manifest;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow schema in a manifest: readable {@code columns} for people, and the exact schema (types,
 * nesting, dictionary encodings, all metadata) as a base64 Arrow IPC schema message in {@code
 * properties.arrowSchema} for readers.
 */
public final class SchemaIO {
  public static final String SCHEMA = "arrowSchema";

  private SchemaIO() {}

  public static List<ColumnSpec> columns(Schema schema) {
    return schema.getFields().stream()
        .map(f -> new ColumnSpec(f.getName(), typeName(f), f.isNullable(), f.getMetadata()))
        .toList();
  }

  public static String typeName(Field field) {
    String type = field.getType().toString().toLowerCase(Locale.ROOT);
    return field.getDictionary() == null ? type : "dictionary<" + type + ">";
  }

  public static Map<String, Object> properties(Schema schema) {
    return Map.of(SCHEMA, Base64.getEncoder().encodeToString(schema.serializeAsMessage()));
  }

  /** The stored schema; the bytes are untrusted. */
  public static Schema schema(Manifest manifest) {
    String encoded = manifest.textProperty(SCHEMA);
    String where = "frame '" + manifest.name() + "' version " + manifest.version();
    if (encoded == null) {
      throw new CorruptFrameException("Manifest of " + where + " has no properties." + SCHEMA);
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(encoded);
      Schema schema = Schema.deserializeMessage(ByteBuffer.wrap(bytes));
      if (schema.getFields().size() != manifest.columns().size()) {
        throw new CorruptFrameException(
            "Schema of "
                + where
                + " has "
                + schema.getFields().size()
                + " fields, manifest lists "
                + manifest.columns().size()
                + " columns");
      }
      return schema;
    } catch (CorruptFrameException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CorruptFrameException(
          "Unreadable Arrow schema in the manifest of " + where + ": " + e, e);
    }
  }
}
