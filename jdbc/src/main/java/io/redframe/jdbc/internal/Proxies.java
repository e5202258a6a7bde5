package io.redframe.jdbc.internal;

import io.redframe.jdbc.RedframeConnection;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JDBC objects of a connection: dynamic proxies over DuckDB's, which intercept what redframe
 * changes (executing SQL: frames mapped to scans inside a snapshot, saves; preparing; the metadata
 * of tables and columns; closing; unwrapping) and hand every other call to DuckDB's object.
 */
final class Proxies {
  private Proxies() {}

  static RedframeConnection connection(Session session) {
    return proxy(RedframeConnection.class, new ConnectionHandler(session));
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(Proxies.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Object's methods on a proxy, and JDBC's unwrap: shared by every handler. */
  private abstract static class Handler implements InvocationHandler {
    final Object target;

    Handler(Object target) {
      this.target = target;
    }

    @Override
    public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      int arity = args == null ? 0 : args.length;
      if (name.equals("equals") && arity == 1) {
        return proxy == args[0];
      } else if (name.equals("hashCode") && arity == 0) {
        return System.identityHashCode(proxy);
      } else if (name.equals("toString") && arity == 0) {
        return "redframe " + target;
      } else if (name.equals("unwrap") && arity == 1) {
        Class<?> type = (Class<?>) args[0];
        return type.isInstance(proxy) ? proxy : call(target, method, args);
      } else if (name.equals("isWrapperFor") && arity == 1) {
        return ((Class<?>) args[0]).isInstance(proxy) || (boolean) call(target, method, args);
      }
      return handle(proxy, method, name, args == null ? new Object[0] : args);
    }

    abstract Object handle(Object proxy, Method method, String name, Object[] args)
        throws Throwable;
  }

  private static final class ConnectionHandler extends Handler {
    private final Session session;

    ConnectionHandler(Session session) {
      super(session.duck());
      this.session = session;
    }

    @Override
    Object handle(Object proxy, Method method, String name, Object[] args) throws Throwable {
      Connection connection = (Connection) proxy;
      return switch (name) {
        case "store" -> session.store();
        case "chunkBytesFetched" -> session.chunkBytesFetched();
        case "createStatement" ->
            proxy(
                Statement.class,
                new StatementHandler(session, connection, (Statement) call(target, method, args)));
        case "prepareStatement" -> prepare(connection, method, args);
        case "prepareCall" ->
            throw new SQLFeatureNotSupportedException("No stored procedures in redframe", "0A000");
        case "getMetaData" ->
            proxy(
                DatabaseMetaData.class,
                new MetadataHandler(
                    session, connection, (DatabaseMetaData) call(target, method, args)));
        case "close" -> {
          session.close();
          yield null;
        }
        case "isClosed" -> session.isClosed();
        default -> call(target, method, args);
      };
    }

    private Object prepare(Connection connection, Method method, Object[] args) throws Throwable {
      String sql = (String) args[0];
      Saves.Save save = session.saveOf(sql);
      return session.run(
          snapshot -> {
            Rewriter.Rewritten rewritten =
                save == null
                    ? session.rewriter().rewrite(sql, snapshot)
                    : Saves.rewrite(session, snapshot, save);
            Object[] rest = args.clone();
            rest[0] = rewritten.sql();
            PreparedStatement prepared;
            try {
              prepared = (PreparedStatement) call(target, method, rest);
            } catch (SQLException | RuntimeException e) {
              throw e;
            } catch (Throwable e) {
              throw new SQLException(e.toString(), "XX000", e);
            }
            return proxy(
                PreparedStatement.class,
                new PreparedHandler(session, connection, prepared, rewritten.tables(), save));
          });
    }
  }

  /** A statement: SQL given at execution. */
  private static class StatementHandler extends Handler {
    final Session session;
    final Connection connection;
    private final List<String> batch = new ArrayList<>();
    long saved = -1;

    StatementHandler(Session session, Connection connection, Statement statement) {
      super(statement);
      this.session = session;
      this.connection = connection;
    }

    @Override
    final Object handle(Object proxy, Method method, String name, Object[] args) throws Throwable {
      Object result = dispatch(proxy, method, name, args);
      return result instanceof ResultSet rows && !(result instanceof Proxy)
          ? proxy(ResultSet.class, new ResultSetHandler((Statement) proxy, rows))
          : result;
    }

    Object dispatch(Object proxy, Method method, String name, Object[] args) throws Throwable {
      return switch (name) {
        case "getConnection" -> connection;
        case "executeQuery", "execute", "executeUpdate", "executeLargeUpdate" ->
            execute(method, name, args);
        case "addBatch" -> {
          batch.add((String) args[0]);
          yield null;
        }
        case "clearBatch" -> {
          batch.clear();
          yield null;
        }
        case "executeBatch" -> Arrays.stream(executeBatch()).mapToInt(Math::toIntExact).toArray();
        case "executeLargeBatch" -> executeBatch();
        case "getUpdateCount" -> saved >= 0 ? (Object) (int) saved : call(target, method, args);
        case "getLargeUpdateCount" -> saved >= 0 ? (Object) saved : call(target, method, args);
        case "getResultSet" -> saved >= 0 ? null : call(target, method, args);
        case "getMoreResults" -> {
          if (saved >= 0) {
            saved = -1;
            yield false;
          }
          yield call(target, method, args);
        }
        default -> call(target, method, args);
      };
    }

    private long[] executeBatch() throws SQLException {
      long[] counts = new long[batch.size()];
      try {
        for (int i = 0; i < counts.length; i++) {
          counts[i] = executeSql(batch.get(i), s -> ((Statement) target).executeLargeUpdate(s));
        }
      } finally {
        batch.clear();
      }
      return counts;
    }

    private Object execute(Method method, String name, Object[] args) throws Throwable {
      String sql = (String) args[0];
      saved = -1;
      Saves.Save save = session.saveOf(sql);
      if (save != null) {
        if (name.equals("executeQuery")) {
          throw new SQLException("executeQuery cannot run a statement that saves a frame", "07000");
        }
        saved = session.run(snapshot -> saveFrame(snapshot, save));
        return switch (name) {
          case "execute" -> false;
          case "executeUpdate" -> Math.toIntExact(saved);
          default -> saved;
        };
      }
      return executeSql(
          sql,
          rewritten -> {
            Object[] rest = args.clone();
            rest[0] = rewritten;
            try {
              return call(target, method, rest);
            } catch (SQLException | RuntimeException e) {
              throw e;
            } catch (Throwable e) {
              throw new SQLException(e.toString(), "XX000", e);
            }
          });
    }

    @FunctionalInterface
    interface DuckCall<T> {
      T run(String sql) throws SQLException;
    }

    private <T> T executeSql(String sql, DuckCall<T> duck) throws SQLException {
      return session.run(snapshot -> duck.run(session.rewriter().rewrite(sql, snapshot).sql()));
    }

    private long saveFrame(Snapshot snapshot, Saves.Save save) throws SQLException {
      if (!Saves.check(session, save)) {
        return 0;
      }
      String query = Saves.rewrite(session, snapshot, save).sql();
      try (Statement statement = session.duck().createStatement();
          ResultSet result = statement.executeQuery(query)) {
        return Saves.store(session, snapshot, save, result);
      }
    }
  }

  /** A prepared statement: SQL rewritten once; frames resolved again at each execution. */
  private static final class PreparedHandler extends StatementHandler {
    private final List<TableName> tables;
    private final Saves.Save save;

    PreparedHandler(
        Session session,
        Connection connection,
        PreparedStatement prepared,
        List<TableName> tables,
        Saves.Save save) {
      super(session, connection, prepared);
      this.tables = tables;
      this.save = save;
    }

    @Override
    Object dispatch(Object proxy, Method method, String name, Object[] args) throws Throwable {
      boolean executes =
          switch (name) {
            case "executeQuery", "execute", "executeUpdate", "executeLargeUpdate" -> true;
            default -> false;
          };
      if (!executes) {
        return super.dispatch(proxy, method, name, args);
      }
      if (args.length > 0) {
        throw new SQLException(name + "(String) cannot be called on a PreparedStatement", "07000");
      }
      saved = -1;
      if (save != null) {
        if (name.equals("executeQuery")) {
          throw new SQLException("executeQuery cannot run a statement that saves a frame", "07000");
        }
        saved = session.run(this::saveFrame);
        return switch (name) {
          case "execute" -> false;
          case "executeUpdate" -> Math.toIntExact(saved);
          default -> saved;
        };
      }
      return session.run(
          snapshot -> {
            tables.forEach(snapshot::resolve);
            try {
              return call(target, method, args);
            } catch (SQLException | RuntimeException e) {
              throw e;
            } catch (Throwable e) {
              throw new SQLException(e.toString(), "XX000", e);
            }
          });
    }

    private long saveFrame(Snapshot snapshot) throws SQLException {
      if (!Saves.check(session, save)) {
        return 0;
      }
      tables.forEach(snapshot::resolve);
      try (ResultSet result = ((PreparedStatement) target).executeQuery()) {
        return Saves.store(session, snapshot, save, result);
      }
    }
  }

  /** A result set whose {@code getStatement} is the statement the caller holds. */
  private static final class ResultSetHandler extends Handler {
    private final Statement statement;

    ResultSetHandler(Statement statement, ResultSet rows) {
      super(rows);
      this.statement = statement;
    }

    @Override
    Object handle(Object proxy, Method method, String name, Object[] args) throws Throwable {
      return name.equals("getStatement") ? statement : call(target, method, args);
    }
  }

  private static final class MetadataHandler extends Handler {
    private final Session session;
    private final Connection connection;

    MetadataHandler(Session session, Connection connection, DatabaseMetaData metadata) {
      super(metadata);
      this.session = session;
      this.connection = connection;
    }

    @Override
    Object handle(Object proxy, Method method, String name, Object[] args) throws Throwable {
      return switch (name) {
        case "getConnection" -> connection;
        case "getTables" ->
            Metadata.tables(
                session, (String) args[0], (String) args[1], (String) args[2], (String[]) args[3]);
        case "getColumns" ->
            Metadata.columns(
                session, (String) args[0], (String) args[1], (String) args[2], (String) args[3]);
        case "getSchemas" ->
            args.length == 0
                ? Metadata.schemas(session, null, null)
                : Metadata.schemas(session, (String) args[0], (String) args[1]);
        case "getCatalogs" -> Metadata.catalogs(session);
        case "getURL" -> "jdbc:redframe:" + session.store().url();
        case "getDriverName" -> "redframe";
        default -> call(target, method, args);
      };
    }
  }
}
