package io.redframe.jdbc.internal;

import io.redframe.FrameStore;
import io.redframe.arrow.ArrowFrames;
import io.redframe.jdbc.DriverOption;
import io.redframe.jdbc.RedframeConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBDriver;

/**
 * One {@code jdbc:redframe:} connection: a store, an in-memory DuckDB database of its own with the
 * {@code redframe_scan} table function registered, and the Arrow allocator its scans and saves use.
 * Statements run one at a time (a lock), each inside a {@link Snapshot} that is the "active" one
 * while DuckDB binds and scans. DuckDB's results are materialized before {@code execute} returns
 * (its {@code jdbc_stream_results} is off), so a snapshot ends with the call that began it; while
 * it runs, its pins are renewed every third of the pin TTL.
 */
public final class Session implements AutoCloseable {
  /** Renews the pins of statements that run long; one daemon thread for every connection. */
  private static final ScheduledExecutorService RENEWER =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "redframe-jdbc-pins");
            thread.setDaemon(true);
            return thread;
          });

  private final FrameStore store;
  private final Connection duck;
  private final BufferAllocator allocator;
  private final Duration pinTtl;
  private final ReentrantLock running = new ReentrantLock();
  private final AtomicLong fetched = new AtomicLong();
  private final List<Snapshot> strays = new ArrayList<>();
  private final Rewriter rewriter;
  private final RedframeConnection connection;
  private volatile Snapshot active;

  private Session(FrameStore store, Connection duck, Map<DriverOption, String> options) {
    this.store = store;
    this.duck = duck;
    this.allocator = new RootAllocator();
    this.pinTtl = Duration.ofSeconds(Long.parseLong(value(options, DriverOption.PIN_TTL)));
    this.rewriter = new Rewriter(duck);
    this.connection = Proxies.connection(this);
  }

  /**
   * Starts DuckDB for {@code store} with {@code options}; on failure closes the store.
   *
   * @throws SQLException if DuckDB cannot start or refuses a setting
   */
  public static Session open(FrameStore store, Map<DriverOption, String> options)
      throws SQLException {
    Connection duck = null;
    try {
      // Fails first, naming the JVM flag, if Arrow cannot reach direct memory.
      ArrowFrames.of(store);
      duck = duckDb(duckProperties(options));
      configure(duck, options);
      Session session = new Session(store, duck, options);
      new FrameScan(session).register(duck);
      return session;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(duck);
      store.close();
      throw e instanceof SQLException sql ? sql : SqlErrors.of(e);
    }
  }

  /**
   * A new in-memory DuckDB. Its first use in a JVM unpacks DuckDB's native library into {@code
   * java.io.tmpdir} (DuckDB 2.0.0.1 reads no other setting, and the JDK reads that property once,
   * at startup); a folder that is missing, full or mounted {@code noexec} fails here with an
   * SQLException that says so, not with an Error from DuckDB's static initializer.
   */
  private static Connection duckDb(Properties properties) throws SQLException {
    try {
      return new DuckDBDriver().connect("jdbc:duckdb:", properties);
    } catch (LinkageError e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new SQLException(
          "DuckDB's native library could not be loaded: DuckDB unpacks it (about 70 MB) into"
              + " java.io.tmpdir ("
              + System.getProperty("java.io.tmpdir")
              + "), which must exist, have room and allow executables; start the JVM with"
              + " -Djava.io.tmpdir=<folder> to choose another ("
              + cause
              + ")",
          "58000",
          e);
    }
  }

  private static Properties duckProperties(Map<DriverOption, String> options) {
    Properties properties = new Properties();
    // No network and no code from elsewhere: extensions are neither downloaded nor loaded.
    properties.setProperty("autoinstall_known_extensions", "false");
    properties.setProperty("autoload_known_extensions", "false");
    properties.setProperty("allow_community_extensions", "false");
    properties.setProperty("memory_limit", value(options, DriverOption.MEMORY_LIMIT));
    properties.setProperty("threads", value(options, DriverOption.THREADS));
    // Results are materialized before execute returns, so a statement's pins end with it.
    properties.setProperty("jdbc_stream_results", "false");
    return properties;
  }

  private static void configure(Connection duck, Map<DriverOption, String> options)
      throws SQLException {
    String temp = value(options, DriverOption.TEMP_DIRECTORY);
    if (!temp.isEmpty()) {
      try (Statement statement = duck.createStatement()) {
        statement.execute(String.format(Locale.ROOT, "SET temp_directory = '%s'", temp));
      }
    }
  }

  private static String value(Map<DriverOption, String> options, DriverOption option) {
    return options.getOrDefault(option, option.defaultText());
  }

  public RedframeConnection connection() {
    return connection;
  }

  FrameStore store() {
    return store;
  }

  Connection duck() {
    return duck;
  }

  BufferAllocator allocator() {
    return allocator;
  }

  Rewriter rewriter() {
    return rewriter;
  }

  /**
   * The save {@code sql} is, or null: an {@code INSERT INTO} a table of the connection's DuckDB (a
   * temporary table) is DuckDB's, not a save.
   */
  Saves.Save saveOf(String sql) throws SQLException {
    Saves.Save save = Saves.parse(sql);
    return save != null
            && save.kind() == Saves.Kind.INSERT
            && !save.qualified()
            && rewriter.isLocalTable(save.frame())
        ? null
        : save;
  }

  long chunkBytesFetched() {
    return fetched.get();
  }

  /** A progress callback for one load: it reports totals so far, the session sums the deltas. */
  LongConsumer progress() {
    long[] last = {0};
    return total -> {
      fetched.addAndGet(total - last[0]);
      last[0] = total;
    };
  }

  /** The snapshot of the statement running now; one kept until close if none runs. */
  Snapshot snapshot() {
    Snapshot current = active;
    if (current != null) {
      return current;
    }
    synchronized (strays) {
      Snapshot stray = new Snapshot(store, pinTtl);
      strays.add(stray);
      return stray;
    }
  }

  /** A step of a statement that DuckDB runs inside a snapshot. */
  @FunctionalInterface
  interface Step<T> {
    T run(Snapshot snapshot) throws SQLException;
  }

  /**
   * Runs {@code step} as the only statement of this connection, inside a new snapshot that ends
   * when it returns; translates what fails.
   */
  <T> T run(Step<T> step) throws SQLException {
    running.lock();
    try (Snapshot snapshot = new Snapshot(store, pinTtl)) {
      active = snapshot;
      long period = Math.max(1, pinTtl.toMillis() / 3);
      ScheduledFuture<?> renewal =
          RENEWER.scheduleAtFixedRate(snapshot::renew, period, period, TimeUnit.MILLISECONDS);
      try {
        return step.run(snapshot);
      } catch (SQLException e) {
        throw SqlErrors.engine(e, snapshot.failure());
      } catch (RuntimeException e) {
        throw SqlErrors.of(e);
      } finally {
        renewal.cancel(false);
        active = null;
      }
    } finally {
      running.unlock();
    }
  }

  /** Closes DuckDB, the allocator and the store; idempotent. */
  @Override
  public void close() throws SQLException {
    running.lock();
    try {
      if (duck.isClosed()) {
        return;
      }
      synchronized (strays) {
        strays.forEach(Snapshot::close);
        strays.clear();
      }
      try {
        duck.close();
      } finally {
        try {
          allocator.close();
        } finally {
          store.close();
        }
      }
    } finally {
      running.unlock();
    }
  }

  boolean isClosed() throws SQLException {
    return duck.isClosed();
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // Already failing: the first error is the one to report.
      }
    }
  }
}
