package io.redframe.jdbc.internal;

import io.redframe.Manifest;
import io.redframe.SaveOptions;
import io.redframe.SaveResult;
import io.redframe.VersionConflictException;
import io.redframe.arrow.ArrowFrames;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.duckdb.DuckDBResultSet;

/**
 * The statements that save a frame: {@code CREATE TABLE name AS query} (a new frame; an existing
 * name fails with {@code 42P07}, unless {@code IF NOT EXISTS}), {@code CREATE OR REPLACE TABLE name
 * AS query} and {@code INSERT INTO name query} (a new version: the rows of the version the
 * statement read, then the query's). DuckDB runs the query and exports its result as Arrow batches,
 * which are saved batch by batch as every save is: atomically, with compare-and-set on the version
 * the statement read, so a concurrent writer makes the statement fail ({@code 40001}) instead of
 * losing rows.
 */
final class Saves {
  private static final String IDENTIFIER = "\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*";

  /** An optional {@code redframe.} before a frame's name: the schema the metadata reports. */
  private static final String SCHEMA =
      "((?:" + Rewriter.SCHEMA + "|\"" + Rewriter.SCHEMA + "\")\\s*\\.\\s*)?";

  private static final Pattern CREATE =
      Pattern.compile(
          "(?is)^\\s*CREATE\\s+(OR\\s+REPLACE\\s+)?TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?"
              + SCHEMA
              + "("
              + IDENTIFIER
              + ")\\s+AS\\s+(.+?)[\\s;]*$");
  private static final Pattern INSERT =
      Pattern.compile(
          "(?is)^\\s*INSERT\\s+INTO\\s+"
              + SCHEMA
              + "("
              + IDENTIFIER
              + ")\\s*(\\(\\s*(?:"
              + IDENTIFIER
              + ")(?:\\s*,\\s*(?:"
              + IDENTIFIER
              + "))*\\s*\\))?\\s*((?:SELECT|WITH|VALUES|FROM|\\().+?)[\\s;]*$");
  private static final Pattern LISTED = Pattern.compile(IDENTIFIER);
  private static final long EXPORT_BATCH_ROWS = 65_536;

  private Saves() {}

  enum Kind {
    CREATE,
    CREATE_IF_NOT_EXISTS,
    REPLACE,
    INSERT
  }

  /**
   * A save statement: what it does, to which frame, with which query.
   *
   * @param qualified whether the frame was named {@code redframe.name} (an INSERT into an
   *     unqualified name of a temporary table is DuckDB's, not a save)
   * @param columns an INSERT's column list, empty for all columns in order
   */
  record Save(Kind kind, String frame, boolean qualified, List<String> columns, String query) {
    Save {
      columns = List.copyOf(columns);
    }
  }

  /** The save {@code sql} is, or null if it is not one. */
  static Save parse(String sql) throws SQLException {
    Matcher create = CREATE.matcher(sql);
    if (create.matches()) {
      Kind kind =
          create.group(1) != null
              ? Kind.REPLACE
              : create.group(2) != null ? Kind.CREATE_IF_NOT_EXISTS : Kind.CREATE;
      return new Save(
          kind, frame(create.group(4)), create.group(3) != null, List.of(), create.group(5));
    }
    Matcher insert = INSERT.matcher(sql);
    if (insert.matches()) {
      List<String> columns = new ArrayList<>();
      if (insert.group(3) != null) {
        Matcher listed = LISTED.matcher(insert.group(3));
        while (listed.find()) {
          columns.add(unquote(listed.group()));
        }
      }
      return new Save(
          Kind.INSERT, frame(insert.group(2)), insert.group(1) != null, columns, insert.group(4));
    }
    return null;
  }

  /**
   * The statement DuckDB runs for {@code save}, with the frames it reads resolved in {@code
   * snapshot}: a CREATE's query; for an INSERT, the rows of the version read followed by the
   * query's, each cast to the frame's column type (SQL's assignment: the frame keeps its types),
   * listed columns by name and the others null.
   *
   * @throws SQLException {@code 42703} for a column the frame does not have, {@code 42601} if the
   *     query gives another number of columns than the INSERT names
   */
  static Rewriter.Rewritten rewrite(Session session, Snapshot snapshot, Save save)
      throws SQLException {
    Rewriter.Rewritten query = session.rewriter().rewrite(save.query(), snapshot);
    if (save.kind() != Kind.INSERT) {
      return query;
    }
    TableName table = new TableName(save.frame(), OptionalLong.empty());
    Manifest target = snapshot.resolve(table);
    List<Field> fields = ArrowFrames.schema(target).getFields();
    List<Integer> targets = new ArrayList<>();
    if (save.columns().isEmpty()) {
      for (int i = 0; i < fields.size(); i++) {
        targets.add(i);
      }
    } else {
      for (String column : save.columns()) {
        int index = columnIndex(fields, column, save.frame());
        if (targets.contains(index)) {
          throw new SQLSyntaxErrorException(
              "Column '" + column + "' is named twice in the INSERT into '" + save.frame() + "'",
              "42701");
        }
        targets.add(index);
      }
    }
    int given = columnCount(session, query.sql());
    if (given >= 0 && given != targets.size()) {
      throw new SQLSyntaxErrorException(
          "INSERT into '"
              + save.frame()
              + "' names "
              + targets.size()
              + " columns but its query gives "
              + given,
          "42601");
    }
    String aliases =
        java.util.stream.IntStream.rangeClosed(1, targets.size())
            .mapToObj(i -> "\"" + i + "\"")
            .collect(java.util.stream.Collectors.joining(", "));
    StringBuilder sql =
        new StringBuilder("SELECT * FROM ")
            .append(Rewriter.scan(table, target))
            .append(" UNION ALL SELECT ");
    for (int i = 0; i < fields.size(); i++) {
      int position = targets.indexOf(i);
      sql.append(i == 0 ? "" : ", ")
          .append("CAST(")
          .append(position < 0 ? "NULL" : "q.\"" + (position + 1) + "\"")
          .append(" AS ")
          .append(Columns.of(fields.get(i)).sqlType())
          .append(") AS ")
          .append(Rewriter.quoteIdentifier(fields.get(i).getName()));
    }
    // Where DuckDB could not tell the count before parameters are bound, it checks it: fewer
    // columns than aliases fail to bind, and more make the two sides of the union differ.
    sql.append(", q.* EXCLUDE (").append(aliases).append(')');
    sql.append(" FROM (").append(query.sql()).append(") AS q(").append(aliases).append(')');
    List<TableName> tables = new ArrayList<>(query.tables());
    tables.add(table);
    return new Rewriter.Rewritten(sql.toString(), List.copyOf(tables));
  }

  /** The index of {@code column} in {@code fields}: exactly, else the one equal ignoring case. */
  private static int columnIndex(List<Field> fields, String column, String frame)
      throws SQLException {
    int found = -1;
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).getName().equals(column)) {
        return i;
      }
      if (fields.get(i).getName().equalsIgnoreCase(column)) {
        found = found == -1 ? i : -2;
      }
    }
    if (found < 0) {
      throw new SQLSyntaxErrorException(
          "Frame '"
              + frame
              + "' has "
              + (found == -2 ? "several columns named '" : "no column '")
              + column
              + "'",
          "42703");
    }
    return found;
  }

  /**
   * How many columns {@code query} gives, from DuckDB's plan of it (nothing is run), or -1 if
   * DuckDB cannot tell before its parameters are bound (it plans one column of type UNKNOWN).
   */
  private static int columnCount(Session session, String query) throws SQLException {
    try (PreparedStatement prepared = session.duck().prepareStatement(query)) {
      java.sql.ResultSetMetaData metadata = prepared.getMetaData();
      int count = metadata.getColumnCount();
      return count == 1 && "UNKNOWN".equals(metadata.getColumnTypeName(1)) ? -1 : count;
    }
  }

  private static String unquote(String identifier) {
    return identifier.startsWith("\"")
        ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
        : identifier;
  }

  private static String frame(String identifier) throws SQLException {
    String name = unquote(identifier);
    if (TableName.parse(name).version().isPresent()) {
      throw new SQLSyntaxErrorException(
          "A save makes a new version: name the frame without @version, not '" + name + "'",
          "42602");
    }
    return name;
  }

  /** Whether the statement should run at all (false: CREATE IF NOT EXISTS of an existing frame). */
  static boolean check(Session session, Save save) throws SQLException {
    if ((save.kind() == Kind.CREATE || save.kind() == Kind.CREATE_IF_NOT_EXISTS)
        && session.store().exists(save.frame())) {
      if (save.kind() == Kind.CREATE_IF_NOT_EXISTS) {
        return false;
      }
      throw exists(save.frame(), null);
    }
    return true;
  }

  private static SQLException exists(String frame, Throwable cause) {
    return new SQLSyntaxErrorException("Table already exists: '" + frame + "'", "42P07", cause);
  }

  /**
   * Saves the rows of {@code result} (DuckDB's) as the new version; returns the rows added.
   *
   * @throws SQLException {@code 42P07} if a CREATE finds the frame created meanwhile, {@code 40001}
   *     if another writer saved a version since the statement read it
   */
  static long store(Session session, Snapshot snapshot, Save save, ResultSet result)
      throws SQLException {
    long before = 0;
    SaveOptions options = SaveOptions.defaults();
    if (save.kind() == Kind.INSERT) {
      Manifest target = snapshot.resolve(new TableName(save.frame(), OptionalLong.empty()));
      before = target.rows();
      options = options.ifVersion(target.version());
    } else if (save.kind() != Kind.REPLACE) {
      options = options.ifVersion(0);
    }
    DuckDBResultSet duck = result.unwrap(DuckDBResultSet.class);
    try (ArrowReader reader =
        (ArrowReader) duck.arrowExportStream(session.allocator(), EXPORT_BATCH_ROWS)) {
      SaveResult saved = ArrowFrames.of(session.store()).save(save.frame(), reader, options);
      return saved.rows() - before;
    } catch (VersionConflictException e) {
      throw save.kind() == Kind.INSERT ? SqlErrors.of(e) : exists(save.frame(), e);
    } catch (IOException e) {
      throw new SQLException("Reading DuckDB's Arrow export failed: " + e.getMessage(), "58030", e);
    }
  }
}
