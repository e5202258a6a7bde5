package io.redframe.tablesaw;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.redframe.tablesaw.internal.JsonRecords;
import io.redframe.tablesaw.internal.JsonTables;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
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
 * In an array of records, a column whose values are all integers that fit a long is long, all
 * numbers that a double holds exactly double, all booleans boolean, anything else string with each
 * value's text as written ({@code 1776} among strings stays {@code "1776"}); missing fields and
 * nulls are missing values. Refused, naming record, line and column: an element that is not a
 * record (an object), a nested array or object as a value, a field twice in one record, content
 * after the document, and a number no column type holds exactly (such as {@code 9007199254740993}
 * in a column that also holds decimals). Stateless and thread-safe.
 */
public final class TableJson {
  private TableJson() {}

  /**
   * Reads {@code file}, a JSON Table Schema document or an array of records, in UTF-8 (or UTF-16 or
   * UTF-32, told by its first bytes).
   *
   * @throws IllegalArgumentException if the file is neither, is not valid JSON or UTF-8, or holds a
   *     value no column type keeps exactly; the message says where (record, line and column)
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
   * closed. An array of records keeps every value exactly or is refused: see the class comment.
   *
   * @throws IllegalArgumentException if the document is neither, is not valid JSON or UTF-8, holds
   *     content after its end or a value no column type keeps exactly; the message says where
   *     (record, line and column)
   * @throws IOException if reading fails
   */
  public static Table read(InputStream in, String name) throws IOException {
    Objects.requireNonNull(name, "name");
    InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in);
    boolean records = firstCharacter(buffered) == '[';
    try (JsonParser json = JsonRecords.JSON.createParser(buffered)) {
      return read(json, records, name);
    }
  }

  /**
   * Reads a JSON Table Schema document or an array of records from characters, for a file in an
   * encoding other than UTF-8: {@code TableJson.read(Files.newBufferedReader(file, charset),
   * name)}. The reader is read and closed.
   *
   * @throws IllegalArgumentException as {@link #read(InputStream, String)}
   * @throws IOException if reading fails (a decoder that reports errors throws {@link
   *     java.nio.charset.CharacterCodingException})
   */
  public static Table read(Reader in, String name) throws IOException {
    Objects.requireNonNull(name, "name");
    Reader buffered = in.markSupported() ? in : new BufferedReader(in);
    buffered.mark(1);
    if (buffered.read() != 0xFEFF) {
      buffered.reset(); // not a byte order mark, which Jackson would refuse
    }
    buffered.mark(1 << 16);
    int first;
    do {
      first = buffered.read();
    } while (first == ' ' || first == '\n' || first == '\r' || first == '\t');
    buffered.reset();
    try (JsonParser json = JsonRecords.JSON.createParser(buffered)) {
      return read(json, first == '[', name);
    }
  }

  private static Table read(JsonParser json, boolean records, String name) throws IOException {
    try {
      if (records) {
        return JsonRecords.read(json, name);
      }
      return JsonTables.readDocument(json, name).setName(name);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at " + JsonRecords.where(e.getLocation());
      throw new IllegalArgumentException(
          "Not a valid JSON document: " + e.getOriginalMessage() + where, e);
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
