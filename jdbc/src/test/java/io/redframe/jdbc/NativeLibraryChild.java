package io.redframe.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A JVM that opens one {@code jdbc:redframe:} connection to {@code args[0]} and prints what
 * happened: {@code connected}, or the SQLSTATE and message it failed with (exit 2).
 */
public final class NativeLibraryChild {
  private NativeLibraryChild() {}

  public static void main(String[] args) {
    try (Connection connection = DriverManager.getConnection("jdbc:redframe:" + args[0])) {
      System.out.println("connected " + connection.getMetaData().getDriverName());
    } catch (SQLException e) {
      System.out.println("FAILED " + e.getSQLState() + ": " + e.getMessage());
      System.exit(2);
    }
  }
}
