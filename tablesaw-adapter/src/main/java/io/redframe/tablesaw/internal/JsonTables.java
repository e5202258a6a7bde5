package io.redframe.tablesaw.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.columns.instant.PackedInstant;
import tech.tablesaw.columns.times.PackedLocalTime;

/**
 * Tables as JSON Table Schema, the layout pandas writes with {@code to_json(orient="table")}:
 * {@code {"schema":{"fields":[...]},"data":[{...},{...}]}}, written and read with Jackson's
 * streaming API. Field types follow pandas ({@code integer}, {@code number}, {@code boolean},
 * {@code string}, {@code datetime} with {@code tz} for instants); each field also names its
 * Tablesaw type under {@code tablesaw}, which pandas ignores, so a table comes back with exactly
 * its column types.
 */
public final class JsonTables {
  static final JsonFactory JSON =
      JsonFactory.builder()
          // No string length limit on reading, as there is none on writing: what saves loads
          // (a chunk's size is checked against maxChunkBytes before it is parsed).
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(64)
                  .maxStringLength(Integer.MAX_VALUE)
                  .build())
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .build();

  /**
   * For years outside 1–9999: ISO-8601's proleptic year ({@code uuuu}: {@code 0000}, {@code -0001},
   * {@code +10000}), not the year of the era ({@code yyyy}, which prints year 0 as 0001).
   */
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

  private JsonTables() {}

  /** Writes the schema: everything up to and including {@code "data":[}. */
  static void writeHeader(JsonGenerator json, Table table) throws IOException {
    json.writeStartObject();
    json.writeObjectFieldStart("schema");
    json.writeArrayFieldStart("fields");
    for (Column<?> column : table.columns()) {
      ColumnMapping mapping = ColumnMapping.of(column);
      json.writeStartObject();
      json.writeStringField("name", column.name());
      json.writeStringField("type", jsonType(mapping, column.countMissing() > 0));
      if (mapping == ColumnMapping.INSTANT) {
        json.writeStringField("tz", "UTC");
      }
      json.writeStringField("tablesaw", mapping.type().name());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeStringField("pandas_version", "1.4.0");
    if (table.name() != null) {
      json.writeStringField("tablesaw.table", table.name());
    }
    json.writeEndObject();
    json.writeArrayFieldStart("data");
  }

  /**
   * The pandas type. Integer and boolean columns with missing values are {@code number} (pandas:
   * float64 with NaN) and {@code any} (object with None), as pandas itself writes them: its reader
   * cannot cast missing values to int64 or keep them in bool.
   */
  private static String jsonType(ColumnMapping mapping, boolean hasMissing) {
    return switch (mapping) {
      case BOOLEAN -> hasMissing ? "any" : "boolean";
      case SHORT, INTEGER, LONG -> hasMissing ? "number" : "integer";
      case FLOAT, DOUBLE -> "number";
      case STRING, LOCAL_TIME -> "string";
      case LOCAL_DATE, LOCAL_DATE_TIME, INSTANT -> "datetime";
    };
  }

  /**
   * Writes a table's rows as records. Each column's mapping is looked up once; date-times are
   * formatted by {@link IsoDateTimes} (the same text the formatters below give, which remain for
   * years outside 1–9999). Not thread-safe.
   */
  static final class RecordWriter {
    private final Column<?>[] columns;
    private final ColumnMapping[] mappings;
    private final IsoDateTimes[] texts;

    RecordWriter(Table table) {
      int count = table.columnCount();
      columns = new Column<?>[count];
      mappings = new ColumnMapping[count];
      texts = new IsoDateTimes[count];
      for (int c = 0; c < count; c++) {
        columns[c] = table.column(c);
        mappings[c] = ColumnMapping.of(columns[c]);
        texts[c] = new IsoDateTimes();
      }
    }

    /** Writes row {@code row} as a record. */
    void write(JsonGenerator json, int row) throws IOException {
      json.writeStartObject();
      for (int c = 0; c < columns.length; c++) {
        Column<?> column = columns[c];
        json.writeFieldName(column.name());
        if (column.isMissing(row)) {
          json.writeNull();
          continue;
        }
        switch (mappings[c]) {
          case BOOLEAN -> json.writeBoolean(((BooleanColumn) column).get(row));
          case SHORT -> json.writeNumber(((ShortColumn) column).getShort(row));
          case INTEGER -> json.writeNumber(((IntColumn) column).getInt(row));
          case LONG -> json.writeNumber(((LongColumn) column).getLong(row));
          case FLOAT -> json.writeNumber(((FloatColumn) column).getFloat(row));
          case DOUBLE -> json.writeNumber(((DoubleColumn) column).getDouble(row));
          case STRING -> json.writeString(((StringColumn) column).get(row));
          case LOCAL_DATE ->
              dateTime(json, texts[c], ((DateColumn) column).getIntInternal(row), 0, (char) 0);
          case LOCAL_TIME -> json.writeString(TIME.format(((TimeColumn) column).get(row)));
          case LOCAL_DATE_TIME -> {
            long packed = ((DateTimeColumn) column).getLongInternal(row);
            dateTime(
                json, texts[c], PackedInstant.date(packed), PackedInstant.time(packed), (char) 0);
          }
          case INSTANT -> {
            long packed = ((InstantColumn) column).getLongInternal(row);
            dateTime(json, texts[c], PackedInstant.date(packed), PackedInstant.time(packed), 'Z');
          }
        }
      }
      json.writeEndObject();
    }

    private static void dateTime(
        JsonGenerator json, IsoDateTimes text, int packedDate, int packedTime, char suffix)
        throws IOException {
      int length = text.format(packedDate, packedTime, suffix);
      if (length >= 0) {
        json.writeString(text.text(), 0, length);
        return;
      }
      LocalDateTime value =
          LocalDateTime.of(
              PackedLocalDate.asLocalDate(packedDate), PackedLocalTime.asLocalTime(packedTime));
      json.writeString(DATE_TIME.format(value) + (suffix == 0 ? "" : String.valueOf(suffix)));
    }
  }

  /** A whole document as one string (for files and tests). */
  public static String write(Table table) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(table, out);
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Writes a whole document to {@code out} (UTF-8), streaming; {@code out} is not closed. */
  public static void write(Table table, java.io.OutputStream out) throws IOException {
    try (JsonGenerator json =
        JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      writeHeader(json, table);
      RecordWriter records = new RecordWriter(table);
      for (int row = 0; row < table.rowCount(); row++) {
        records.write(json, row);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  /** One column's description from the schema. */
  record FieldSpec(String name, ColumnType type) {}

  /**
   * Reads a document, streaming: the schema first, then the records. Only records {@code [from,
   * to)} of the stream and the {@code columns} wanted (all if null) are kept.
   */
  public static Table read(
      InputStream in, String defaultName, Set<String> columns, long from, long to)
      throws IOException {
    try (JsonParser json = JSON.createParser(in)) {
      return read(json, defaultName, columns, from, to);
    }
  }

  /**
   * Reads a whole document from {@code json} (which the caller closes), refusing content after it.
   */
  public static Table readDocument(JsonParser json, String defaultName) throws IOException {
    Table table = read(json, defaultName, null, 0, Long.MAX_VALUE);
    if (json.nextToken() != null) {
      throw new IllegalArgumentException(
          "Content after the end of the JSON Table Schema document at "
              + JsonRecords.where(json.currentTokenLocation()));
    }
    return table;
  }

  private static Table read(
      JsonParser json, String defaultName, Set<String> columns, long from, long to)
      throws IOException {
    expect(json.nextToken() == JsonToken.START_OBJECT, "a JSON object");
    List<FieldSpec> fields = null;
    String name = defaultName;
    Table table = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String key = json.currentName();
      json.nextToken();
      if (key.equals("schema")) {
        Map<String, Object> schema = readSchema(json);
        @SuppressWarnings("unchecked")
        List<FieldSpec> parsed = (List<FieldSpec>) schema.get("fields");
        fields = parsed;
        if (schema.get("name") != null) {
          name = (String) schema.get("name");
        }
        if (columns == null && List.of("index").equals(schema.get("primaryKey"))) {
          // pandas' default index (a RangeIndex it names "index") is not data.
          columns = new java.util.LinkedHashSet<>();
          for (FieldSpec field : fields) {
            if (!field.name().equals("index")) {
              columns.add(field.name());
            }
          }
        }
      } else if (key.equals("data")) {
        expect(fields != null, "the schema before the data");
        table = readData(json, fields, name, columns, from, to);
      } else {
        json.skipChildren();
      }
    }
    if (table == null) {
      expect(fields != null, "a schema");
      table = readData(null, fields, name, columns, from, to);
    }
    return table;
  }

  private static Map<String, Object> readSchema(JsonParser json) throws IOException {
    expect(json.currentToken() == JsonToken.START_OBJECT, "a schema object");
    Map<String, Object> schema = new HashMap<>();
    List<FieldSpec> fields = new ArrayList<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String key = json.currentName();
      json.nextToken();
      if (key.equals("fields")) {
        expect(json.currentToken() == JsonToken.START_ARRAY, "a list of fields");
        while (json.nextToken() == JsonToken.START_OBJECT) {
          Map<String, String> field = new HashMap<>();
          while (json.nextToken() == JsonToken.FIELD_NAME) {
            String property = json.currentName();
            json.nextToken();
            if (json.currentToken().isScalarValue()) {
              field.put(property, json.getValueAsString());
            } else {
              json.skipChildren();
            }
          }
          fields.add(fieldSpec(field));
        }
      } else if (key.equals("tablesaw.table")) {
        schema.put("name", json.getValueAsString());
      } else if (key.equals("primaryKey") && json.currentToken() == JsonToken.START_ARRAY) {
        List<String> keys = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
          keys.add(json.getValueAsString());
        }
        schema.put("primaryKey", keys);
      } else {
        json.skipChildren();
      }
    }
    schema.put("fields", fields);
    return schema;
  }

  private static FieldSpec fieldSpec(Map<String, String> field) {
    String name = field.get("name");
    expect(name != null, "a name for every field");
    String tablesaw = field.get("tablesaw");
    if (tablesaw != null) {
      for (ColumnMapping mapping : ColumnMapping.values()) {
        if (mapping.type().name().equals(tablesaw)) {
          return new FieldSpec(name, mapping.type());
        }
      }
    }
    String type = String.valueOf(field.get("type"));
    return new FieldSpec(
        name,
        switch (type) {
          case "integer" -> ColumnType.LONG;
          case "number" -> ColumnType.DOUBLE;
          case "boolean" -> ColumnType.BOOLEAN;
          case "string", "any" -> ColumnType.STRING;
          case "datetime" ->
              field.containsKey("tz") ? ColumnType.INSTANT : ColumnType.LOCAL_DATE_TIME;
          default ->
              throw new IllegalArgumentException(
                  "Field '"
                      + name
                      + "' has JSON Table Schema type '"
                      + type
                      + "', which has no Tablesaw column type");
        });
  }

  private static Table readData(
      JsonParser json, List<FieldSpec> fields, String name, Set<String> columns, long from, long to)
      throws IOException {
    Table table = Table.create(name);
    Map<String, Slot> byName = new HashMap<>();
    List<Slot> slots = new ArrayList<>();
    for (FieldSpec field : fields) {
      if (columns == null || columns.contains(field.name())) {
        Column<?> column = field.type().create(field.name());
        table.addColumns(column);
        Slot slot = new Slot(column);
        byName.put(field.name(), slot);
        slots.add(slot);
      }
    }
    if (columns != null) {
      for (String wanted : columns) {
        if (!byName.containsKey(wanted)) {
          throw new IllegalArgumentException(
              "No column '"
                  + wanted
                  + "'; columns: "
                  + fields.stream().map(FieldSpec::name).toList());
        }
      }
    }
    if (json == null) {
      return table;
    }
    expect(json.currentToken() == JsonToken.START_ARRAY, "a list of records");
    Slot[] ordered = slots.toArray(new Slot[0]);
    long row = 0;
    while (json.nextToken() == JsonToken.START_OBJECT) {
      boolean wanted = row >= from && row < to;
      if (!wanted) {
        json.skipChildren();
      } else {
        readRecord(json, byName, ordered, table.rowCount());
      }
      row++;
    }
    return table;
  }

  /** A column being read, with its mapping and its date-time parser. */
  private static final class Slot {
    final Column<?> column;
    final ColumnMapping mapping;
    final IsoDateTimes text = new IsoDateTimes();
    final ColumnMapping.Packer packer = new ColumnMapping.Packer();
    private long lastDay = Long.MIN_VALUE;
    private int lastPackedDate;

    Slot(Column<?> column) {
      this.column = column;
      this.mapping = ColumnMapping.of(column);
    }

    int packedDate(long epochDay) {
      if (epochDay != lastDay) {
        lastPackedDate = ColumnMapping.packDate(epochDay);
        lastDay = epochDay;
      }
      return lastPackedDate;
    }
  }

  /**
   * One record. Fields usually come in the schema's order, so the slot at the same position is
   * tried first (Jackson hands out the same name instances), then the name is looked up.
   */
  private static void readRecord(JsonParser json, Map<String, Slot> byName, Slot[] ordered, int row)
      throws IOException {
    int position = 0;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String name = json.currentName();
      Slot slot =
          position < ordered.length && ordered[position].column.name().equals(name)
              ? ordered[position]
              : byName.get(name);
      position++;
      json.nextToken();
      if (slot == null) {
        json.skipChildren();
        continue;
      }
      if (slot.column.size() != row) {
        expect(false, "each field once per record ('" + slot.column.name() + "')");
      }
      append(slot, json);
    }
    for (Slot slot : ordered) {
      if (slot.column.size() == row) {
        slot.column.appendMissing(); // pandas leaves a missing field out of a record
      }
    }
  }

  private static void append(Slot slot, JsonParser json) throws IOException {
    Column<?> column = slot.column;
    JsonToken token = json.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      column.appendMissing();
      return;
    }
    if (!token.isScalarValue()) {
      expect(false, "a value for '" + column.name() + "'");
    }
    switch (slot.mapping) {
      case BOOLEAN -> ((BooleanColumn) column).append(json.getValueAsBoolean());
      case SHORT -> ((ShortColumn) column).append((short) number(json));
      case INTEGER -> ((IntColumn) column).append((int) number(json));
      case LONG -> ((LongColumn) column).append(number(json));
      case FLOAT -> ((FloatColumn) column).append((float) json.getValueAsDouble(Double.NaN));
      case DOUBLE -> ((DoubleColumn) column).append(json.getValueAsDouble(Double.NaN));
      case STRING -> ((StringColumn) column).append(json.getValueAsString());
      case LOCAL_DATE -> {
        long millis = fastMillis(slot, json, false);
        if (millis == IsoDateTimes.NOT_FAST) {
          ((DateColumn) column).append(date(json.getText()));
        } else {
          ((DateColumn) column).appendInternal(slot.packedDate(Math.floorDiv(millis, 86_400_000L)));
        }
      }
      case LOCAL_TIME -> {
        long millis =
            token == JsonToken.VALUE_STRING
                ? slot.text.millisOfDay(
                    json.getTextCharacters(), json.getTextOffset(), json.getTextLength())
                : IsoDateTimes.NOT_FAST;
        if (millis == IsoDateTimes.NOT_FAST) {
          ((TimeColumn) column).append(LocalTime.parse(json.getText()));
        } else {
          ((TimeColumn) column).appendInternal(ColumnMapping.packTime((int) millis));
        }
      }
      case LOCAL_DATE_TIME -> {
        long millis = fastMillis(slot, json, false);
        if (millis == IsoDateTimes.NOT_FAST) {
          ((DateTimeColumn) column).append(dateTime(json));
        } else {
          ((DateTimeColumn) column).appendInternal(slot.packer.pack(millis));
        }
      }
      case INSTANT -> {
        long millis = fastMillis(slot, json, true);
        if (millis == IsoDateTimes.NOT_FAST) {
          ((InstantColumn) column).append(instant(json));
        } else {
          ((InstantColumn) column).appendInternal(slot.packer.pack(millis));
        }
      }
    }
  }

  /** Epoch milliseconds of a date-time string as this format writes it, or NOT_FAST. */
  private static long fastMillis(Slot slot, JsonParser json, boolean zone) throws IOException {
    if (json.currentToken() != JsonToken.VALUE_STRING) {
      return IsoDateTimes.NOT_FAST;
    }
    return slot.text.epochMillis(
        json.getTextCharacters(), json.getTextOffset(), json.getTextLength(), zone);
  }

  private static long number(JsonParser json) throws IOException {
    if (json.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      return json.getLongValue();
    }
    double value = json.getValueAsDouble(Double.NaN);
    if (value != Math.rint(value)) {
      throw new IllegalArgumentException("'" + json.getText() + "' is not an integer");
    }
    return (long) value;
  }

  /** The date of {@code 2012-01-01T00:00:00.000} (or of a bare date), years of any length. */
  private static LocalDate date(String text) {
    int time = text.indexOf('T');
    return LocalDate.parse(time < 0 ? text : text.substring(0, time));
  }

  private static LocalDateTime dateTime(JsonParser json) throws IOException {
    if (json.currentToken().isNumeric()) {
      return LocalDateTime.ofInstant(Instant.ofEpochMilli(json.getLongValue()), ZoneOffset.UTC);
    }
    String text = json.getText();
    return text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")
        ? OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
        : LocalDateTime.parse(text);
  }

  private static Instant instant(JsonParser json) throws IOException {
    if (json.currentToken().isNumeric()) {
      return Instant.ofEpochMilli(json.getLongValue());
    }
    String text = json.getText();
    return text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")
        ? OffsetDateTime.parse(text).toInstant()
        : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
  }

  private static void expect(boolean ok, String expected) {
    if (!ok) {
      throw new IllegalArgumentException("Not a JSON Table Schema document: expected " + expected);
    }
  }
}
