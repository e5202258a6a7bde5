package io.redframe.jdbc;

import io.redframe.FrameStore;
import io.redframe.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A store with a fresh prefix, its {@code jdbc:redframe:} URL, and helpers to read answers. */
final class SqlFixture implements AutoCloseable {
  final FrameStore store;
  final String url;

  SqlFixture() {
    this.store = TestRedis.store();
    this.url = "jdbc:redframe:" + TestRedis.url() + "?prefix=" + store.config().prefix();
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /** Every row of {@code sql} on {@code connection}, each as its column values (getObject). */
  static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      return rows(result);
    }
  }

  static List<List<Object>> rows(ResultSet result) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    int columns = result.getMetaData().getColumnCount();
    while (result.next()) {
      List<Object> row = new ArrayList<>();
      for (int c = 1; c <= columns; c++) {
        row.add(result.getObject(c));
      }
      rows.add(row);
    }
    return rows;
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** A test resource under {@code /data/}, copied to a file so that DuckDB's read_csv reads it. */
  static Path dataFile(String name) {
    Path file = Path.of("..", "data", name).toAbsolutePath().normalize(); // the repository's data/
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("Test data " + file + " is missing");
    }
    return file;
  }

  /** A plain DuckDB connection, for DuckDB's own answers on natively loaded data. */
  static Connection plainDuckDb() throws SQLException {
    return DriverManager.getConnection("jdbc:duckdb:");
  }

  @Override
  public void close() {
    store.close();
  }
}
