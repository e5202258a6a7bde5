package io.redframe.jdbc.internal;

import io.redframe.CodecMismatchException;
import io.redframe.CorruptFrameException;
import io.redframe.FrameNotFoundException;
import io.redframe.FrameStoreException;
import io.redframe.LimitExceededException;
import io.redframe.StoreConnectionException;
import io.redframe.VersionConflictException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;

/**
 * The one place where the store's exceptions become {@link SQLException}s with SQLSTATEs
 * (PostgreSQL's codes, which JDBC tools know): a missing frame or version is {@code 42P01}, a
 * corrupted one {@code XX001} with the store's message, a version conflict {@code 40001}, a lost
 * connection {@code 08006}, a limit {@code 54000}; the cause is always chained.
 */
public final class SqlErrors {
  private SqlErrors() {}

  /** The SQL form of {@code error}, a failure of the store or of the driver. */
  public static SQLException of(Throwable error) {
    if (error instanceof SQLException sql) {
      return sql;
    }
    String message = String.valueOf(error.getMessage());
    if (error instanceof FrameNotFoundException) {
      return new SQLSyntaxErrorException("Table not found: " + message, "42P01", error);
    } else if (error instanceof NotATableException || error instanceof CodecMismatchException) {
      return new SQLSyntaxErrorException(message, "42809", error);
    } else if (error instanceof CorruptFrameException) {
      return new SQLException(message, "XX001", error);
    } else if (error instanceof VersionConflictException) {
      return new SQLTransactionRollbackException(message, "40001", error);
    } else if (error instanceof StoreConnectionException) {
      return new SQLNonTransientConnectionException(message, "08006", error);
    } else if (error instanceof LimitExceededException) {
      return new SQLException(message, "54000", error);
    } else if (error instanceof SchemaChangedException) {
      return new SQLFeatureNotSupportedException(message, "0A000", error);
    } else if (error instanceof FrameStoreException) {
      return new SQLException(message, "58000", error);
    } else if (error instanceof IllegalArgumentException) {
      return new SQLException(message, "22023", error);
    }
    return new SQLException(error.toString(), "XX000", error);
  }

  /**
   * What DuckDB's {@code error} means: the failure a scan recorded if one did (DuckDB only has its
   * text), else DuckDB's exception, with a SQLSTATE where DuckDB gives none.
   */
  public static SQLException engine(SQLException error, Throwable scanFailure) {
    if (scanFailure != null) {
      SQLException translated = of(scanFailure);
      translated.addSuppressed(error);
      return translated;
    }
    if (error.getSQLState() != null) {
      return error;
    }
    String message = String.valueOf(error.getMessage());
    String state = message.startsWith("Catalog Error: Table") ? "42P01" : sqlState(message);
    return new SQLException(message, state, error);
  }

  private static String sqlState(String message) {
    if (message.startsWith("Parser Error")) {
      return "42601";
    } else if (message.startsWith("Binder Error") || message.startsWith("Catalog Error")) {
      return "42000";
    } else if (message.startsWith("Conversion Error")) {
      return "22018";
    } else if (message.startsWith("Out of Memory Error")) {
      return "53200";
    } else if (message.startsWith("Constraint Error")) {
      return "23000";
    } else if (message.startsWith("Invalid Input Error")) {
      return "22000";
    }
    return "XX000";
  }

  /** A failure to open the store, as connecting fails. */
  public static SQLException connect(RuntimeException error) {
    SQLException translated = of(error);
    return translated.getSQLState() != null && translated.getSQLState().startsWith("08")
        ? translated
        : new SQLNonTransientConnectionException(
            "Cannot open the store: " + error.getMessage(), "08001", error);
  }
}
