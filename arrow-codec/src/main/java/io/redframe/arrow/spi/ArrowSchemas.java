package io.redframe.arrow.spi;

import io.redframe.ColumnSpec;
import io.redframe.Manifest;
import io.redframe.arrow.internal.SchemaIO;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow schema of a tabular frame as its manifest records it, for codecs other than Arrow IPC
 * that want their frames to read as Arrow (see {@link TabularDecoder}): {@code columns[].type} is
 * the Arrow type name of each field, and {@code properties.arrowSchema} the exact schema (types,
 * nesting, dictionary encodings, metadata) as the base64 of an Arrow IPC schema message.
 *
 * <pre>{@code
 * Schema schema = ...; // what the codec's frames read as
 * return new EncodedFrame(rows, ArrowSchemas.columns(schema), "none", ArrowSchemas.properties(schema));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ArrowSchemas {
  /** The manifest property holding the schema: {@value}. */
  public static final String PROPERTY = SchemaIO.SCHEMA;

  private ArrowSchemas() {}

  /** The manifest columns of {@code schema}: name, Arrow type name, nullability, metadata. */
  public static List<ColumnSpec> columns(Schema schema) {
    return SchemaIO.columns(schema);
  }

  /**
   * The Arrow type name a manifest records for {@code field}, as {@code docs/FORMAT.md} lists them:
   * {@code int64}, {@code float64}, {@code utf8}, {@code date32[day]}, {@code time32[ms]}, {@code
   * timestamp[ms, tz=UTC]}, {@code dictionary<utf8>}; for other types, Arrow Java's type name in
   * lower case.
   */
  public static String typeName(Field field) {
    return SchemaIO.typeName(field);
  }

  /** The manifest properties that record {@code schema} ({@value #PROPERTY}). */
  public static Map<String, Object> properties(Schema schema) {
    return SchemaIO.properties(schema);
  }

  /**
   * The schema recorded in {@code manifest}. The bytes are untrusted and checked.
   *
   * @throws io.redframe.CorruptFrameException if the manifest has no schema, or one that does not
   *     parse or does not match its columns
   */
  public static Schema read(Manifest manifest) {
    return SchemaIO.schema(manifest);
  }
}
