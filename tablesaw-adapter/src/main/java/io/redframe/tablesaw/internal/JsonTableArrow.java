package io.redframe.tablesaw.internal;

import io.redframe.ColumnSpec;
import io.redframe.CorruptFrameException;
import io.redframe.Manifest;
import io.redframe.arrow.ArrowLoadOptions;
import io.redframe.arrow.spi.ArrowSchemas;
import io.redframe.arrow.spi.TabularDecoder;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.CodecId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import tech.tablesaw.api.Table;

/**
 * {@code json-table} frames as Arrow, for {@code ArrowFrames.load} (registered with {@link
 * java.util.ServiceLoader}): the selected rows and columns are parsed into a table, then handed out
 * as Arrow batches with plain (not dictionary-encoded) strings, in the schema the manifest records.
 *
 * <p>Frames written before manifests recorded Arrow schemas (no {@code properties.arrowSchema};
 * {@code columns[].type} holds the Tablesaw type in lower case) still read: their schema is derived
 * from those types, without the table name in its metadata.
 */
public final class JsonTableArrow implements TabularDecoder {
  /** Rows of the batches handed out: about a chunk of the widest column. */
  private static final int BATCH_BYTES = 1 << 20;

  @Override
  public boolean accepts(CodecId codec) {
    return JsonTableCodec.CODEC.equals(codec);
  }

  @Override
  public Schema schema(Manifest manifest) {
    if (manifest.properties().containsKey(ArrowSchemas.PROPERTY)) {
      return ArrowSchemas.read(manifest);
    }
    return legacySchema(manifest);
  }

  @Override
  public ArrowReader decode(
      Manifest manifest, ChunkSource source, BufferAllocator allocator, ArrowLoadOptions options)
      throws IOException {
    Schema stored = schema(manifest);
    Table table =
        JsonTableCodec.decoder(options.columns(), options.fromRow(), options.toRow())
            .decode(manifest, source);
    table.setName(stored.getCustomMetadata().get(TableReader.TABLE_NAME));
    checkTypes(manifest, stored, table);
    int batchRows =
        Math.min(TableReader.batchRows(table, BATCH_BYTES), options.limits().maxBatchRows());
    return new TableReader(table, allocator, batchRows, false);
  }

  /** The document's column types must be the ones the manifest promises. */
  private static void checkTypes(Manifest manifest, Schema stored, Table table) {
    Schema decoded = TableReader.plainSchema(table);
    Map<String, Field> byName = new HashMap<>();
    stored.getFields().forEach(field -> byName.putIfAbsent(field.getName(), field));
    for (Field field : decoded.getFields()) {
      Field expected = byName.get(field.getName()); // Schema.findField throws for a missing name
      if (expected == null || !expected.getType().equals(field.getType())) {
        throw new CorruptFrameException(
            where(manifest)
                + ": column '"
                + field.getName()
                + "' is "
                + field.getType()
                + " in the document, "
                + (expected == null ? "absent" : expected.getType().toString())
                + " in the manifest");
      }
    }
  }

  private static Schema legacySchema(Manifest manifest) {
    List<Field> fields = new ArrayList<>();
    for (ColumnSpec column : manifest.columns()) {
      fields.add(
          new Field(
              column.name(),
              FieldType.nullable(legacyMapping(manifest, column).arrowType()),
              null));
    }
    return new Schema(fields, Map.of());
  }

  /** The mapping of a column type as frames written before Arrow schemas name it. */
  private static ColumnMapping legacyMapping(Manifest manifest, ColumnSpec column) {
    // Written with the default locale's lower case: a Turkish one wrote a dotless i.
    String type = column.type().replace('\u0131', 'i');
    for (ColumnMapping mapping : ColumnMapping.values()) {
      if (mapping.type().name().toLowerCase(Locale.ROOT).equals(type)) {
        return mapping;
      }
    }
    throw new CorruptFrameException(
        "Manifest of "
            + where(manifest)
            + " has no properties."
            + ArrowSchemas.PROPERTY
            + ", and column '"
            + column.name()
            + "' has type '"
            + column.type()
            + "', which is not a Tablesaw column type");
  }

  private static String where(Manifest manifest) {
    return "frame '" + manifest.name() + "' version " + manifest.version();
  }
}
