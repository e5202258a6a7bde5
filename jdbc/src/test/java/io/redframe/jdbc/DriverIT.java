package io.redframe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.StoreOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDBC contract: registration, URLs, properties, statements, metadata. */
class DriverIT {
  private SqlFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new SqlFixture();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void driverManagerFindsTheDriverWithoutClassForName() throws Exception {
    Driver driver = DriverManager.getDriver(fixture.url);
    assertThat(driver).isInstanceOf(RedframeDriver.class);
    Connection connection = DriverManager.getConnection(fixture.url);
    try {
      assertThat(connection.isWrapperFor(RedframeConnection.class)).isTrue();
      assertThat(connection.unwrap(RedframeConnection.class).store().config().prefix())
          .isEqualTo(fixture.store.config().prefix());
      assertThat(connection.isValid(1)).isTrue();
      assertThat(connection.isClosed()).isFalse();
    } finally {
      connection.close();
    }
    assertThat(connection.isClosed()).isTrue();
    connection.close();
  }

  @Test
  void foreignUrlsAreNotOursAndNullIsAnError() throws Exception {
    RedframeDriver driver = new RedframeDriver();
    assertThat(driver.connect("jdbc:postgresql://localhost/db", new Properties())).isNull();
    assertThat(driver.acceptsURL("jdbc:duckdb:")).isFalse();
    assertThat(driver.acceptsURL(fixture.url)).isTrue();
    assertThatThrownBy(() -> driver.connect(null, new Properties()))
        .isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08001");
    assertThatThrownBy(() -> driver.acceptsURL(null)).isInstanceOf(SQLException.class);
  }

  @Test
  void aMalformedOrUnreachableStoreFailsToConnect() {
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:redframe:redis://127.0.0.1:1"))
        .isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState())
        .asString()
        .startsWith("08");
    assertThatThrownBy(() -> DriverManager.getConnection(fixture.url + "&threads=many"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("threads");
  }

  @Test
  void propertyInfoListsStoreAndEngineOptions() throws Exception {
    Properties given = new Properties();
    given.setProperty("memoryLimit", "256MB");
    DriverPropertyInfo[] info = new RedframeDriver().getPropertyInfo(fixture.url, given);
    List<String> keys = Arrays.stream(info).map(p -> p.name).toList();
    for (StoreOption option : StoreOption.values()) {
      assertThat(keys).contains(option.key());
    }
    assertThat(keys).contains("memoryLimit", "threads", "tempDirectory", "pinTtl");
    DriverPropertyInfo memory =
        Arrays.stream(info).filter(p -> p.name.equals("memoryLimit")).findFirst().orElseThrow();
    assertThat(memory.value).isEqualTo("256MB");
    assertThat(memory.description).contains("memory_limit");
  }

  @Test
  void engineSettingsComeFromPropertiesAndTheUrl() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("memoryLimit", "300MB");
    properties.setProperty("user", "ignored");
    try (Connection connection =
        DriverManager.getConnection(fixture.url + "&threads=1", properties)) {
      List<List<Object>> settings =
          SqlFixture.rows(
              connection,
              "SELECT name, value FROM duckdb_settings() WHERE name IN ('threads',"
                  + " 'autoinstall_known_extensions', 'autoload_known_extensions') ORDER BY name");
      assertThat(settings)
          .containsExactly(
              List.of("autoinstall_known_extensions", "false"),
              List.of("autoload_known_extensions", "false"),
              List.of("threads", "1"));
      assertThat(SqlFixture.rows(connection, "SELECT current_setting('memory_limit')").get(0))
          .first()
          .asString()
          .matches("(286|300)\\.\\d+ MiB|300\\.0 MB|286\\.1 MiB");
    }
  }

  @Test
  void theMemoryLimitIsBoundedByDefault() throws Exception {
    try (Connection connection = fixture.connect()) {
      assertThat(SqlFixture.rows(connection, "SELECT current_setting('memory_limit')").get(0))
          .first()
          .asString()
          .matches("(1\\.0 GB|953\\.\\d MiB|1000\\.0 MB)");
    }
  }

  @Test
  void preparedStatementsTakeParameters() throws Exception {
    try (Connection connection = fixture.connect()) {
      SqlFixture.execute(
          connection,
          "CREATE TABLE t AS SELECT i AS id, 'n' || i AS name, DATE '2024-01-01' + CAST(i AS"
              + " INTEGER) AS day FROM range(100) r(i)");
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT id, name FROM t WHERE id BETWEEN ? AND ? AND name LIKE ? AND day >= ?"
                  + " ORDER BY id")) {
        statement.setLong(1, 10);
        statement.setInt(2, 30);
        statement.setString(3, "n2%");
        statement.setObject(4, LocalDate.of(2024, 1, 22));
        try (ResultSet result = statement.executeQuery()) {
          assertThat(SqlFixture.rows(result))
              .containsExactly(
                  List.of(21L, "n21"),
                  List.of(22L, "n22"),
                  List.of(23L, "n23"),
                  List.of(24L, "n24"),
                  List.of(25L, "n25"),
                  List.of(26L, "n26"),
                  List.of(27L, "n27"),
                  List.of(28L, "n28"),
                  List.of(29L, "n29"));
        }
        assertThat(statement.getConnection()).isSameAs(connection);
        statement.setLong(1, 0);
        statement.setInt(2, 2);
        statement.setString(3, "%");
        statement.setObject(4, LocalDate.of(2000, 1, 1));
        try (ResultSet result = statement.executeQuery()) {
          assertThat(result.getStatement()).isSameAs(statement);
          assertThat(SqlFixture.rows(result)).hasSize(3);
        }
        assertThatThrownBy(() -> statement.executeQuery("SELECT 1"))
            .isInstanceOf(SQLException.class);
      }
    }
  }

  @Test
  void statementsReportResultsAndCounts() throws Exception {
    try (Connection connection = fixture.connect();
        Statement statement = connection.createStatement()) {
      assertThat(statement.execute("CREATE TABLE t AS SELECT 1 AS x UNION ALL SELECT 2")).isFalse();
      assertThat(statement.getUpdateCount()).isEqualTo(2);
      assertThat(statement.getResultSet()).isNull();
      assertThat(statement.execute("SELECT x FROM t ORDER BY x")).isTrue();
      try (ResultSet result = statement.getResultSet()) {
        assertThat(result.getStatement()).isSameAs(statement);
        assertThat(SqlFixture.rows(result)).containsExactly(List.of(1), List.of(2));
      }
      assertThat(statement.executeUpdate("INSERT INTO t SELECT 3")).isEqualTo(1);
      assertThat(statement.getConnection()).isSameAs(connection);
    }
  }

  @Test
  void metadataListsTabularFramesAndTheirColumnsFromManifests() throws Exception {
    fixture.store.saveObject("settings", java.util.Map.of("a", 1));
    try (Connection connection = fixture.connect()) {
      SqlFixture.execute(
          connection, "CREATE TABLE \"sales 2024\" AS SELECT 1 AS id, 'x' AS \"a b\"");
      SqlFixture.execute(connection, "CREATE TABLE other AS SELECT 2.5 AS v");
      RedframeConnection redframe = connection.unwrap(RedframeConnection.class);
      long fetched = redframe.chunkBytesFetched();
      DatabaseMetaData meta = connection.getMetaData();
      assertThat(meta.getConnection()).isSameAs(connection);
      try (ResultSet tables = meta.getTables(null, null, "%", null)) {
        List<List<Object>> rows = SqlFixture.rows(tables);
        assertThat(rows.stream().map(r -> r.get(2)).toList())
            .containsExactly("other", "sales 2024");
        assertThat(rows.get(1).get(3)).isEqualTo("TABLE");
        assertThat(rows.stream().map(r -> r.get(1)).distinct().toList())
            .containsExactly("redframe");
      }
      // Frames are in schema redframe, which tools qualify names with.
      try (ResultSet schemas = meta.getSchemas()) {
        assertThat(SqlFixture.rows(schemas))
            .containsExactly(java.util.Arrays.asList("redframe", null));
      }
      try (ResultSet schemas = meta.getSchemas(null, "main")) {
        assertThat(SqlFixture.rows(schemas)).isEmpty();
      }
      try (ResultSet catalogs = meta.getCatalogs()) {
        assertThat(SqlFixture.rows(catalogs)).isEmpty();
      }
      try (ResultSet tables = meta.getTables(null, "redframe", "other", null)) {
        assertThat(SqlFixture.rows(tables)).hasSize(1);
      }
      try (ResultSet tables = meta.getTables(null, "main", "%", null)) {
        assertThat(SqlFixture.rows(tables)).isEmpty();
      }
      try (ResultSet tables = meta.getTables("memory", null, "%", null)) {
        assertThat(SqlFixture.rows(tables)).isEmpty();
      }
      try (ResultSet columns = meta.getColumns(null, "main", "%", null)) {
        assertThat(columns.next()).isFalse();
      }
      try (ResultSet tables = meta.getTables(null, null, "sales%", new String[] {"TABLE"})) {
        assertThat(SqlFixture.rows(tables)).hasSize(1);
      }
      try (ResultSet tables = meta.getTables(null, null, "%", new String[] {"VIEW"})) {
        assertThat(SqlFixture.rows(tables)).isEmpty();
      }
      try (ResultSet columns = meta.getColumns(null, null, "sales 2024", null)) {
        assertThat(columns.next()).isTrue();
        assertThat(columns.getString("TABLE_SCHEM")).isEqualTo("redframe");
        assertThat(columns.getString("COLUMN_NAME")).isEqualTo("id");
        assertThat(columns.getInt("DATA_TYPE")).isEqualTo(java.sql.Types.INTEGER);
        assertThat(columns.getInt("ORDINAL_POSITION")).isEqualTo(1);
        assertThat(columns.next()).isTrue();
        assertThat(columns.getString("COLUMN_NAME")).isEqualTo("a b");
        assertThat(columns.getString("TYPE_NAME")).isEqualTo("VARCHAR");
        assertThat(columns.next()).isFalse();
      }
      assertThat(redframe.chunkBytesFetched()).isEqualTo(fetched);
      assertThat(SqlFixture.rows(connection, "SELECT v FROM \"redframe\".\"other\""))
          .containsExactly(List.of(new java.math.BigDecimal("2.5")));
    }
  }
}
