package io.redframe.tablesaw.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A JSON array of records ({@code [{"a":1,"b":"x"},...]}, what {@code to_json(orient="records")}
 * writes) as a table. Columns appear in the order their names first appear; a column whose values
 * are all integers is long, all numbers double, all booleans boolean, anything else string. Missing
 * fields and nulls are missing values.
 */
public final class JsonRecords {
  private JsonRecords() {}

  public static Table read(InputStream in, String name) throws IOException {
    Map<String, List<Object>> values = new LinkedHashMap<>();
    int rows = 0;
    try (JsonParser json = JsonTables.JSON.createParser(in)) {
      if (json.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("Not a JSON array of records: expected '['");
      }
      while (json.nextToken() == JsonToken.START_OBJECT) {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String field = json.currentName();
          JsonToken token = json.nextToken();
          List<Object> column = values.computeIfAbsent(field, f -> new ArrayList<>());
          while (column.size() < rows) {
            column.add(null);
          }
          column.add(value(json, token));
        }
        rows++;
      }
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

  private static Object value(JsonParser json, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_NULL -> null;
      case VALUE_TRUE, VALUE_FALSE -> json.getBooleanValue();
      case VALUE_NUMBER_INT ->
          json.getNumberValue() instanceof Long || json.getNumberValue() instanceof Integer
              ? json.getLongValue()
              : json.getDoubleValue();
      case VALUE_NUMBER_FLOAT -> json.getDoubleValue();
      case VALUE_STRING -> json.getText();
      default -> {
        json.skipChildren();
        yield null;
      }
    };
  }

  private static Column<?> column(String name, List<Object> values) {
    boolean booleans = true;
    boolean longs = true;
    boolean numbers = true;
    for (Object value : values) {
      if (value != null) {
        booleans &= value instanceof Boolean;
        longs &= value instanceof Long;
        numbers &= value instanceof Number;
      }
    }
    if (longs) {
      LongColumn column = LongColumn.create(name);
      values.forEach(
          v -> {
            if (v == null) column.appendMissing();
            else column.append((Long) v);
          });
      return column;
    }
    if (numbers) {
      DoubleColumn column = DoubleColumn.create(name);
      values.forEach(
          v -> {
            if (v == null) column.appendMissing();
            else column.append(((Number) v).doubleValue());
          });
      return column;
    }
    if (booleans) {
      BooleanColumn column = BooleanColumn.create(name);
      values.forEach(
          v -> {
            if (v == null) column.appendMissing();
            else column.append((Boolean) v);
          });
      return column;
    }
    StringColumn column = StringColumn.create(name);
    values.forEach(v -> column.append(v == null ? null : v.toString()));
    return column;
  }
}
