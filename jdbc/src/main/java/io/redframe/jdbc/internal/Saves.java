package io.redframe.jdbc.internal;

import io.redframe.Manifest;
import io.redframe.SaveOptions;
import io.redframe.SaveResult;
import io.redframe.VersionConflictException;
import io.redframe.arrow.ArrowFrames;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.ipc.ArrowReader;
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
  private static final Pattern CREATE =
      Pattern.compile(
          "(?is)^\\s*CREATE\\s+(OR\\s+REPLACE\\s+)?TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?("
              + IDENTIFIER
              + ")\\s+AS\\s+(.+?)[\\s;]*$");
  private static final Pattern INSERT =
      Pattern.compile(
          "(?is)^\\s*INSERT\\s+INTO\\s+("
              + IDENTIFIER
              + ")\\s+((?:SELECT|WITH|VALUES|FROM|\\().+?)[\\s;]*$");
  private static final long EXPORT_BATCH_ROWS = 65_536;

  private Saves() {}

  enum Kind {
    CREATE,
    CREATE_IF_NOT_EXISTS,
    REPLACE,
    INSERT
  }

  /** A save statement: what it does, to which frame, with which query. */
  record Save(Kind kind, String frame, String query) {
    /** The query whose rows become the new version. */
    String rows() {
      return kind == Kind.INSERT
          ? "SELECT * FROM "
              + FrameScan.NAME
              + "("
              + Rewriter.quoteLiteral(frame)
              + ") UNION ALL ("
              + query
              + ")"
          : query;
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
      return new Save(kind, frame(create.group(3)), create.group(4));
    }
    Matcher insert = INSERT.matcher(sql);
    if (insert.matches()) {
      return new Save(Kind.INSERT, frame(insert.group(1)), insert.group(2));
    }
    return null;
  }

  private static String frame(String identifier) throws SQLException {
    String name =
        identifier.startsWith("\"")
            ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
            : identifier;
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
