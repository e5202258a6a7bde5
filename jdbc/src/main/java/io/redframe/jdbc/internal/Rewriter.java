package io.redframe.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redframe.Manifest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the frames a statement names to scans: DuckDB parses the statement ({@code
 * json_serialize_sql}, its own parser, so quoting, comments, subqueries and CTEs are understood as
 * DuckDB understands them), and each table reference qualified with the schema {@value #SCHEMA}, or
 * unqualified and neither a CTE nor a table or view of the connection's DuckDB, is replaced, at the
 * byte offset DuckDB reports, by {@code redframe_scan('frame'[, version := N])} under the name the
 * statement used. Every frame is resolved in the statement's {@link Snapshot} here, so a missing
 * one fails before DuckDB runs. Statements DuckDB cannot serialize (anything but queries) pass
 * through unchanged, except the query inside {@code EXPLAIN}, {@code CREATE TEMP TABLE|VIEW name
 * AS} and, for a table of the connection's DuckDB, {@code INSERT INTO}.
 */
final class Rewriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IDENTIFIER = "(?:\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";

  /**
   * Statements around a query that DuckDB runs itself: EXPLAIN, temporary tables and views of the
   * connection's DuckDB made from a query (a temporary view over frames reads, at each use, the
   * versions of the statement using it), and inserts into such tables (an insert into a frame is a
   * save, which never comes here).
   */
  private static final Pattern WRAPPED =
      Pattern.compile(
          "(?is)^(\\s*(?:EXPLAIN(?:\\s+ANALYZE)?|CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TEMP|TEMPORARY)"
              + "\\s+(?:TABLE|VIEW)\\s+"
              + IDENTIFIER
              + "\\s+AS|INSERT\\s+INTO\\s+"
              + IDENTIFIER
              + ")\\s+)(.*)$");

  /**
   * The schema frames are in, for tools that qualify names ({@code redframe."weather"}): the
   * metadata reports it, and a name qualified with it is always a frame.
   */
  static final String SCHEMA = "redframe";

  private final Connection duck;

  Rewriter(Connection duck) {
    this.duck = duck;
  }

  /** A statement with its frames replaced, and the frames it reads. */
  record Rewritten(String sql, List<TableName> tables) {}

  Rewritten rewrite(String sql, Snapshot snapshot) throws SQLException {
    Matcher explain = WRAPPED.matcher(sql);
    if (explain.matches()) {
      Rewritten inner = rewrite(explain.group(2), snapshot);
      return new Rewritten(explain.group(1) + inner.sql(), inner.tables());
    }
    JsonNode tree = serialize(sql);
    if (tree == null || tree.path("error").asBoolean(true)) {
      return new Rewritten(sql, List.of());
    }
    Set<String> ctes = new HashSet<>();
    List<JsonNode> refs = new ArrayList<>();
    collect(tree, ctes, refs);
    // An unqualified name may be a CTE or a table of the connection's DuckDB; redframe.name is a
    // frame whatever else has that name.
    refs.removeIf(ref -> !qualified(ref) && ctes.contains(lowerName(ref)));
    if (refs.isEmpty()) {
      return new Rewritten(sql, List.of());
    }
    if (refs.stream().anyMatch(ref -> !qualified(ref))) {
      Set<String> local = duckTables();
      refs.removeIf(ref -> !qualified(ref) && local.contains(lowerName(ref)));
    }
    return splice(sql, refs, snapshot);
  }

  private JsonNode serialize(String sql) throws SQLException {
    try (PreparedStatement statement = duck.prepareStatement("SELECT json_serialize_sql(?)")) {
      statement.setString(1, sql);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? JSON.readTree(result.getString(1)) : null;
      }
    } catch (JsonProcessingException e) {
      throw new SQLException("DuckDB's parse of the statement is not JSON", "XX000", e);
    }
  }

  private static String lowerName(JsonNode ref) {
    return ref.path("table_name").asText().toLowerCase(Locale.ROOT);
  }

  /** Whether a table reference names the schema of frames, {@value #SCHEMA}. */
  private static boolean qualified(JsonNode ref) {
    return !ref.path("schema_name").asText().isEmpty();
  }

  private static void collect(JsonNode node, Set<String> ctes, List<JsonNode> refs) {
    if (node.isObject()) {
      String schema = node.path("schema_name").asText();
      if ("BASE_TABLE".equals(node.path("type").asText())
          && (schema.isEmpty() || schema.equalsIgnoreCase(SCHEMA))
          && node.path("catalog_name").asText().isEmpty()
          && node.has("query_location")) {
        refs.add(node);
      }
      JsonNode map = node.path("cte_map").path("map");
      for (JsonNode entry : map) {
        ctes.add(entry.path("key").asText().toLowerCase(Locale.ROOT));
      }
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        collect(child, ctes, refs);
      }
    }
  }

  /** Whether {@code name} is a table or view of the connection's DuckDB (case-insensitively). */
  boolean isLocalTable(String name) throws SQLException {
    return duckTables().contains(name.toLowerCase(Locale.ROOT));
  }

  private Set<String> duckTables() throws SQLException {
    Set<String> names = new HashSet<>();
    try (Statement statement = duck.createStatement();
        ResultSet result =
            statement.executeQuery(
                // Tables and views a statement can name unqualified: the connection's own and
                // DuckDB's (sqlite_master, pg_catalog's); not information_schema's, whose names
                // (tables, columns, ...) frames may well have.
                "SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM"
                    + " duckdb_views() WHERE schema_name <> 'information_schema'")) {
      while (result.next()) {
        names.add(result.getString(1).toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  private static Rewritten splice(String sql, List<JsonNode> refs, Snapshot snapshot)
      throws SQLException {
    byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
    refs.sort(Comparator.comparingLong((JsonNode ref) -> ref.path("query_location").asLong()));
    StringBuilder out = new StringBuilder();
    List<TableName> tables = new ArrayList<>();
    int done = 0;
    for (JsonNode ref : refs) {
      String name = ref.path("table_name").asText();
      int start = (int) ref.path("query_location").asLong();
      int end = nameEnd(bytes, qualified(ref) ? schemaEnd(bytes, start) : start, name);
      TableName table = TableName.parse(name);
      Manifest manifest = snapshot.resolve(table);
      tables.add(table);
      out.append(new String(bytes, done, start - done, StandardCharsets.UTF_8));
      out.append(scan(table, manifest));
      if (ref.path("alias").asText().isEmpty()) {
        out.append(" AS ").append(quoteIdentifier(name));
      }
      done = end;
    }
    out.append(new String(bytes, done, bytes.length - done, StandardCharsets.UTF_8));
    return new Rewritten(out.toString(), List.copyOf(tables));
  }

  /** Where the table name starts after the schema name that starts at {@code start} and its dot. */
  private static int schemaEnd(byte[] sql, int start) throws SQLException {
    int end = nameEnd(sql, start, SCHEMA);
    while (end < sql.length && Character.isWhitespace(sql[end])) {
      end++;
    }
    if (end >= sql.length || sql[end] != '.') {
      throw new SQLException(
          "Cannot find the table after schema " + SCHEMA + " at byte " + start, "XX000");
    }
    end++;
    while (end < sql.length && Character.isWhitespace(sql[end])) {
      end++;
    }
    return end;
  }

  /** Where the table name that starts at {@code start} ends; checks it is {@code name}. */
  private static int nameEnd(byte[] sql, int start, String name) throws SQLException {
    int end = start;
    String found;
    if (start < sql.length && sql[start] == '"') {
      end = closingQuote(sql, start + 1) + 1;
      found =
          new String(sql, start + 1, Math.max(0, end - start - 2), StandardCharsets.UTF_8)
              .replace("\"\"", "\"");
    } else {
      while (end < sql.length && isIdentifierByte(sql[end])) {
        end++;
      }
      found = new String(sql, start, end - start, StandardCharsets.UTF_8);
    }
    if (end > sql.length || !found.equalsIgnoreCase(name)) {
      throw new SQLException(
          "Cannot find table '" + name + "' at byte " + start + " of the statement", "XX000");
    }
    return end;
  }

  private static int closingQuote(byte[] sql, int from) {
    int i = from;
    while (i < sql.length) {
      if (sql[i] == '"') {
        if (i + 1 < sql.length && sql[i + 1] == '"') {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    return sql.length;
  }

  private static boolean isIdentifierByte(byte b) {
    return b < 0 || Character.isLetterOrDigit(b) || b == '_' || b == '$';
  }

  /** The SQL that reads {@code table}: the scan, with times of day cast back to TIME. */
  static String scan(TableName table, Manifest manifest) {
    String call =
        FrameScan.NAME
            + "("
            + quoteLiteral(table.frame())
            + (table.version().isPresent() ? ", version := " + table.version().getAsLong() : "")
            + ")";
    List<String> casts = new ArrayList<>();
    for (org.apache.arrow.vector.types.pojo.Field field :
        io.redframe.arrow.ArrowFrames.schema(manifest).getFields()) {
      if (Columns.of(field).isTimeOfDay()) {
        String column = quoteIdentifier(field.getName());
        casts.add("CAST(" + column + " AS TIME) AS " + column);
      }
    }
    return casts.isEmpty()
        ? call
        : "(SELECT * REPLACE (" + String.join(", ", casts) + ") FROM " + call + ")";
  }

  static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String quoteLiteral(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
