package io.redframe.tablesaw.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A JSON array of records ({@code [{"a":1,"b":"x"},...]}, what {@code to_json(orient="records")}
 * writes) as a table, every value kept exactly or refused. Columns appear in the order their names
 * first appear. A column whose values are all integers that fit a long is long; all numbers, each
 * of which a double holds exactly (reads back as the same number), double; all booleans, boolean;
 * anything else string, each value's text as written ({@code 1776} stays {@code "1776"}). Missing
 * fields and nulls are missing values. Refused, with the record and its line and column: an element
 * that is not a record, a nested array or object as a value, a field twice in one record, content
 * after the array, and a number no column type holds exactly.
 */
public final class JsonRecords {
  /** Jackson as for JSON Table Schema, refusing a field twice in one object. */
  public static final JsonFactory JSON =
      JsonTables.JSON.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private JsonRecords() {}

  /** A number that is not a plain long, kept as written. */
  private record NumberText(String text) {}

  /**
   * Reads the array of records {@code json} is at the start of, to the end of the input.
   *
   * @throws IllegalArgumentException if the document is not an array of records, or a value has no
   *     exact column type; the message names the record and its line and column
   * @throws IOException if reading fails or the JSON is malformed
   */
  public static Table read(JsonParser json, String name) throws IOException {
    Map<String, List<Object>> values = new LinkedHashMap<>();
    int rows = 0;
    if (json.nextToken() != JsonToken.START_ARRAY) {
      throw refused(json, "expected a JSON array of records ('[')");
    }
    for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; ) {
      if (token != JsonToken.START_OBJECT) {
        throw refused(json, "element " + (rows + 1) + " is " + kind(token) + ", not a record");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        List<Object> column = values.computeIfAbsent(field, f -> new ArrayList<>());
        while (column.size() < rows) {
          column.add(null);
        }
        column.add(value(json, json.nextToken(), rows, field));
      }
      rows++;
      token = json.nextToken();
    }
    JsonToken after = json.nextToken();
    if (after != null) {
      throw refused(json, "content after the end of the array of records");
    }
    Table table = Table.create(name);
    for (Map.Entry<String, List<Object>> entry : values.entrySet()) {
      List<Object> column = entry.getValue();
      while (column.size() < rows) {
        column.add(null);
      }
      table.addColumns(column(entry.getKey(), column));
    }
    return table;
  }

  private static Object value(JsonParser json, JsonToken token, int row, String field)
      throws IOException {
    return switch (token) {
      case VALUE_NULL -> null;
      case VALUE_TRUE, VALUE_FALSE -> json.getBooleanValue();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(json);
      case VALUE_STRING -> json.getText();
      default ->
          throw refused(
              json,
              "record "
                  + (row + 1)
                  + ", field '"
                  + field
                  + "' holds "
                  + kind(token)
                  + ": a record's values must be strings, numbers, booleans or null");
    };
  }

  private static Object number(JsonParser json) throws IOException {
    String text = json.getText();
    if (json.currentToken() == JsonToken.VALUE_NUMBER_INT
        && json.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      long value = json.getLongValue();
      if (Long.toString(value).equals(text)) {
        return value;
      }
    }
    return new NumberText(text);
  }

  private static String kind(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.toString().toLowerCase(Locale.ROOT);
    };
  }

  private static IllegalArgumentException refused(JsonParser json, String message) {
    return new IllegalArgumentException(message + " at " + where(json.currentTokenLocation()));
  }

  /** {@code line L, column C} of a location. */
  public static String where(JsonLocation location) {
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static Column<?> column(String name, List<Object> values) {
    boolean booleans = true;
    boolean longs = true;
    boolean numbers = true;
    for (Object value : values) {
      if (value != null) {
        booleans &= value instanceof Boolean;
        longs &= value instanceof Long;
        numbers &= value instanceof Long || value instanceof NumberText;
      }
    }
    if (longs) {
      LongColumn column = LongColumn.create(name);
      values.forEach(v -> appendLong(column, (Long) v));
      return column;
    }
    if (numbers) {
      DoubleColumn column = DoubleColumn.create(name);
      for (int row = 0; row < values.size(); row++) {
        appendDouble(column, values.get(row), row);
      }
      return column;
    }
    if (booleans) {
      BooleanColumn column = BooleanColumn.create(name);
      values.forEach(v -> appendBoolean(column, (Boolean) v));
      return column;
    }
    StringColumn column = StringColumn.create(name);
    values.forEach(v -> column.append(text(v)));
    return column;
  }

  private static void appendLong(LongColumn column, Long value) {
    if (value == null) {
      column.appendMissing();
    } else {
      column.append(value);
    }
  }

  private static void appendBoolean(BooleanColumn column, Boolean value) {
    if (value == null) {
      column.appendMissing();
    } else {
      column.append(value);
    }
  }

  /** A number into a double column, only if the double reads back as the same number. */
  private static void appendDouble(DoubleColumn column, Object value, int row) {
    if (value == null) {
      column.appendMissing();
      return;
    }
    String text = value instanceof NumberText number ? number.text() : value.toString();
    double parsed = Double.parseDouble(text);
    if (Double.isInfinite(parsed)
        || new BigDecimal(Double.toString(parsed)).compareTo(new BigDecimal(text)) != 0) {
      throw new IllegalArgumentException(
          "record "
              + (row + 1)
              + ", field '"
              + column.name()
              + "': the number "
              + text
              + " fits no column type exactly (a double column would make it "
              + (Double.isInfinite(parsed) ? "infinite" : Double.toString(parsed))
              + ")");
    }
    column.append(parsed);
  }

  private static String text(Object value) {
    if (value instanceof NumberText number) {
      return number.text();
    }
    return value == null ? null : value.toString();
  }
}
