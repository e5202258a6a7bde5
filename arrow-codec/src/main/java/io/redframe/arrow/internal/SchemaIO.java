package io.redframe.arrow.internal;

import io.redframe.ColumnSpec;
import io.redframe.CorruptFrameException;
import io.redframe.FrameKind;
import io.redframe.Manifest;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
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

  /**
   * The short type name of {@code docs/FORMAT.md}: {@code int64}, {@code float64}, {@code utf8},
   * {@code date32[day]}, {@code timestamp[ms, tz=UTC]}, {@code dictionary<utf8>}; for other types,
   * Arrow Java's type name in lower case.
   */
  public static String typeName(Field field) {
    String type = typeName(field.getType());
    return field.getDictionary() == null ? type : "dictionary<" + type + ">";
  }

  private static String typeName(ArrowType type) {
    if (type instanceof ArrowType.Bool) {
      return "bool";
    }
    if (type instanceof ArrowType.Int integer) {
      return (integer.getIsSigned() ? "int" : "uint") + integer.getBitWidth();
    }
    if (type instanceof ArrowType.FloatingPoint floating) {
      return switch (floating.getPrecision()) {
        case HALF -> "float16";
        case SINGLE -> "float32";
        case DOUBLE -> "float64";
      };
    }
    if (type instanceof ArrowType.Utf8) {
      return "utf8";
    }
    if (type instanceof ArrowType.Date date) {
      return date.getUnit() == DateUnit.DAY ? "date32[day]" : "date64[ms]";
    }
    if (type instanceof ArrowType.Time time) {
      return "time" + time.getBitWidth() + "[" + unit(time.getUnit()) + "]";
    }
    if (type instanceof ArrowType.Timestamp timestamp) {
      String zone = timestamp.getTimezone() == null ? "" : ", tz=" + timestamp.getTimezone();
      return "timestamp[" + unit(timestamp.getUnit()) + zone + "]";
    }
    return type.toString().toLowerCase(Locale.ROOT);
  }

  private static String unit(TimeUnit unit) {
    return switch (unit) {
      case SECOND -> "s";
      case MILLISECOND -> "ms";
      case MICROSECOND -> "us";
      case NANOSECOND -> "ns";
    };
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
      for (int i = 0; i < schema.getFields().size(); i++) {
        String field = schema.getFields().get(i).getName();
        String column = manifest.columns().get(i).name();
        if (!field.equals(column)) { // columns are chosen by the manifest's names
          throw new CorruptFrameException(
              "Schema of "
                  + where
                  + " names field "
                  + i
                  + " '"
                  + field
                  + "', manifest '"
                  + column
                  + "'");
        }
        checkType(manifest, schema.getFields().get(i), manifest.columns().get(i), where);
      }
      return schema;
    } catch (CorruptFrameException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CorruptFrameException(
          "Unreadable Arrow schema in the manifest of " + where + ": " + e, e);
    }
  }

  /** A table's columns[].type must name its schema's type: readers may go by either. */
  private static void checkType(Manifest manifest, Field field, ColumnSpec column, String where) {
    if (manifest.kind() != FrameKind.TABLE) {
      return; // an array's columns[].type is its element type
    }
    String type = typeName(field);
    if (!type.equals(column.type())) {
      throw new CorruptFrameException(
          "Schema of "
              + where
              + " types column '"
              + column.name()
              + "' "
              + type
              + ", manifest "
              + column.type());
    }
  }
}
