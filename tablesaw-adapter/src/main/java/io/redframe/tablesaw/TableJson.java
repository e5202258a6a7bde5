package io.redframe.tablesaw;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.redframe.tablesaw.internal.JsonRecords;
import io.redframe.tablesaw.internal.JsonTables;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * Tablesaw tables as JSON documents, outside a store: the JSON Table Schema document that {@code
 * json-table} frames hold and pandas writes with {@code to_json(orient="table")}, and the array of
 * records that {@code to_json(orient="records")} writes.
 *
 * <pre>{@code
 * Table sales = TableJson.read(Path.of("sales.json"), "sales");
 * try (OutputStream out = Files.newOutputStream(Path.of("copy.json"))) {
 *   TableJson.write(sales, out);
 * }
 * }</pre>
 *
 * <p>A JSON Table Schema document keeps every Tablesaw column type (each field names it under
 * {@code tablesaw}; pandas' own documents map {@code integer} to long, {@code number} to double,
 * {@code datetime} to date-time or, with {@code tz}, instant, and leave out pandas' default index).
 * In an array of records, a column whose values are all integers is long, all numbers double, all
 * booleans boolean, anything else string; missing fields and nulls are missing values. Stateless
 * and thread-safe.
 */
public final class TableJson {
  private TableJson() {}

  /**
   * Reads {@code file}, a JSON Table Schema document or an array of records.
   *
   * @throws IllegalArgumentException if the file is neither
   * @throws IOException if reading fails
   */
  public static Table read(Path file, String name) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, name);
    }
  }

  /**
   * Reads a JSON Table Schema document or an array of records (told apart by their first character,
   * after white space and a byte order mark) as a table named {@code name}. The stream is read and
   * closed.
   *
   * @throws IllegalArgumentException if the document is neither
   * @throws IOException if reading fails
   */
  public static Table read(InputStream in, String name) throws IOException {
    Objects.requireNonNull(name, "name");
    InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in);
    try {
      if (firstCharacter(buffered) == '[') {
        return JsonRecords.read(buffered, name);
      }
      return JsonTables.read(buffered, name, null, 0, Long.MAX_VALUE).setName(name);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a JSON document: " + e.getOriginalMessage(), e);
    }
  }

  /** The first character that is not white space or a byte order mark; the stream is reset. */
  private static int firstCharacter(InputStream in) throws IOException {
    in.mark(1 << 16);
    int first;
    do {
      first = in.read();
    } while (first == ' '
        || first == '\n'
        || first == '\r'
        || first == '\t'
        || first == 0xEF
        || first == 0xBB
        || first == 0xBF);
    in.reset();
    return first;
  }

  /** {@code table} as a JSON Table Schema document. */
  public static String write(Table table) {
    try {
      return JsonTables.write(Objects.requireNonNull(table, "table"));
    } catch (IOException e) {
      throw new IllegalStateException("Writing to memory failed", e);
    }
  }

  /**
   * Writes {@code table} to {@code out} as a JSON Table Schema document (UTF-8), streaming; {@code
   * out} is not closed.
   *
   * @throws IOException if writing fails
   */
  public static void write(Table table, OutputStream out) throws IOException {
    JsonTables.write(Objects.requireNonNull(table, "table"), Objects.requireNonNull(out, "out"));
  }
}
