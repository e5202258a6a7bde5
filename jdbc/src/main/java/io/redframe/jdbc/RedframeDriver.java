package io.redframe.jdbc;

import io.redframe.FrameStore;
import io.redframe.StoreOption;
import io.redframe.jdbc.internal.Session;
import io.redframe.jdbc.internal.SqlErrors;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver of redframe: {@code jdbc:redframe:<store url>} ({@code
 * jdbc:redframe:redis://host:6379?chunkSize=4MiB}, {@code jdbc:redframe:embedded:}, or {@code
 * jdbc:redframe:} for {@code REDFRAME_URL} or the embedded default). Every tabular frame of the
 * store is a table: {@code SELECT * FROM "weather"} reads its current version, {@code "weather@3"}
 * version 3, and {@code redframe_scan('name')} a frame whose own name ends in {@code @<digits>}.
 *
 * <p>Registered through {@code META-INF/services/java.sql.Driver}, so {@link
 * DriverManager#getConnection(String)} finds it without {@code Class.forName}. Each connection owns
 * one store and one in-memory DuckDB database (their engines do not share memory or temp tables);
 * closing the connection closes both. Connection properties are the store options ({@link
 * StoreOption}) and the driver options ({@link DriverOption}); they may also be given in the store
 * URL's query.
 *
 * <p>Thread-safe; connections follow the JDBC rule of one statement running at a time each.
 */
public final class RedframeDriver implements Driver {
  /** Every URL of this driver starts with this. */
  public static final String PREFIX = "jdbc:redframe:";

  static {
    try {
      DriverManager.registerDriver(new RedframeDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * For {@link java.util.ServiceLoader} and {@link DriverManager}; any instance behaves the same.
   */
  public RedframeDriver() {}

  /**
   * Opens a connection, or returns null if {@code url} is not a {@code jdbc:redframe:} URL (as the
   * JDBC contract asks, so that {@link DriverManager} tries the next driver).
   *
   * @throws SQLException if {@code url} is null ({@code 08001}), malformed ({@code 08001}) or the
   *     store cannot be reached ({@code 08001}), or DuckDB cannot start
   */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (url == null) {
      throw new SQLException("The URL is null", "08001");
    }
    if (!acceptsURL(url)) {
      return null;
    }
    Map<DriverOption, String> driverOptions = new EnumMap<>(DriverOption.class);
    Map<StoreOption, String> storeOptions = new EnumMap<>(StoreOption.class);
    String storeUrl;
    try {
      storeUrl = splitOptions(url.substring(PREFIX.length()), driverOptions);
      readProperties(info, driverOptions, storeOptions);
    } catch (IllegalArgumentException e) {
      throw new SQLException(e.getMessage(), "08001", e);
    }
    FrameStore store = openStore(storeUrl, storeOptions);
    return Session.open(store, driverOptions).connection();
  }

  private static FrameStore openStore(String storeUrl, Map<StoreOption, String> options)
      throws SQLException {
    try {
      FrameStore.Builder builder = FrameStore.builder();
      if (!storeUrl.isEmpty()) {
        builder.url(storeUrl);
      }
      options.forEach(builder::option);
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new SQLException(e.getMessage(), "08001", e);
    } catch (RuntimeException e) {
      throw SqlErrors.connect(e);
    }
  }

  /** Moves driver options out of the store URL's query; returns the store URL without them. */
  static String splitOptions(String storeUrl, Map<DriverOption, String> driverOptions) {
    int query = storeUrl.indexOf('?');
    if (query < 0) {
      return storeUrl;
    }
    List<String> kept = new ArrayList<>();
    for (String pair : storeUrl.substring(query + 1).split("&", -1)) {
      int eq = pair.indexOf('=');
      DriverOption option = eq < 0 ? null : DriverOption.forKey(pair.substring(0, eq));
      if (option == null) {
        if (!pair.isEmpty()) {
          kept.add(pair);
        }
      } else {
        driverOptions.put(option, option.check(pair.substring(eq + 1)));
      }
    }
    String base = storeUrl.substring(0, query);
    return kept.isEmpty() ? base : base + "?" + String.join("&", kept);
  }

  private static void readProperties(
      Properties info, Map<DriverOption, String> driverOptions, Map<StoreOption, String> store) {
    if (info == null) {
      return;
    }
    for (String key : info.stringPropertyNames()) {
      String value = info.getProperty(key);
      DriverOption option = DriverOption.forKey(key);
      if (option != null) {
        driverOptions.put(option, option.check(value));
      } else if (isStoreOption(key)) {
        store.put(StoreOption.forKey(key), value);
      }
      // Anything else (user, password, a tool's own keys) is not ours: ignored, as pgjdbc does.
    }
  }

  private static boolean isStoreOption(String key) {
    for (StoreOption option : StoreOption.values()) {
      if (option.key().equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code url} starts with {@code jdbc:redframe:}. */
  @Override
  public boolean acceptsURL(String url) throws SQLException {
    if (url == null) {
      throw new SQLException("The URL is null", "08001");
    }
    return url.startsWith(PREFIX);
  }

  /** The store options and the driver options, each with its default and description. */
  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    List<DriverPropertyInfo> out = new ArrayList<>();
    for (StoreOption option : StoreOption.values()) {
      out.add(property(option.key(), option.defaultText(), option.description(), info));
    }
    for (DriverOption option : DriverOption.values()) {
      out.add(property(option.key(), option.defaultText(), option.description(), info));
    }
    return out.toArray(DriverPropertyInfo[]::new);
  }

  private static DriverPropertyInfo property(
      String key, String defaultText, String description, Properties info) {
    String given = info == null ? null : info.getProperty(key);
    DriverPropertyInfo property = new DriverPropertyInfo(key, given != null ? given : defaultText);
    property.description = description;
    property.required = false;
    return property;
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  /** False: the SQL is DuckDB's, not only SQL-92 entry level as JDBC compliance demands. */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("redframe's driver does not log through JUL");
  }
}
