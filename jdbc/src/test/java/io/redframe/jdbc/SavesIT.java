package io.redframe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CREATE TABLE AS, CREATE OR REPLACE and INSERT INTO save frame versions, atomically. */
class SavesIT {
  private static final String EVERY_TYPE =
      "SELECT CAST(i AS TINYINT) AS i8, CAST(i * 1000 AS SMALLINT) AS i16, CAST(i AS INTEGER) AS"
          + " i32, i * 1000000000000 AS i64, CAST(i / 3 AS FLOAT) AS f32, i / 7 AS f64, i % 2 = 0"
          + " AS flag, 'text ' || i AS s, DATE '2024-02-28' + CAST(i AS INTEGER) AS day, TIME"
          + " '12:34:56.789' + INTERVAL (i) SECOND AS t, TIMESTAMP '2024-01-01 00:00:00.123456' +"
          + " INTERVAL (i) HOUR AS ts, TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (i) MINUTE"
          + " AS tz, CAST(i AS DECIMAL(10, 2)) / 4 AS dec FROM range(5) r(i)"
          + " UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
          + " NULL, NULL";

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
  void createTableAsSavesEveryTypeAndReadsItBack() throws Exception {
    try (Connection connection = fixture.connect();
        Connection plain = SqlFixture.plainDuckDb();
        Statement statement = connection.createStatement()) {
      assertThat(statement.executeUpdate("CREATE TABLE every AS " + EVERY_TYPE)).isEqualTo(6);
      assertThat(fixture.store.manifest("every").rows()).isEqualTo(6);
      String order = " ORDER BY i64 NULLS LAST";
      assertThat(SqlFixture.rows(connection, "SELECT * FROM every" + order))
          .isEqualTo(SqlFixture.rows(plain, "SELECT * FROM (" + EVERY_TYPE + ")" + order));
    }
  }

  @Test
  void createTableOnAnExistingNameFails() throws Exception {
    try (Connection connection = fixture.connect()) {
      SqlFixture.execute(connection, "CREATE TABLE t AS SELECT 1 AS x");
      assertThatThrownBy(() -> SqlFixture.execute(connection, "CREATE TABLE t AS SELECT 2 AS x"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("'t'")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42P07");
      SqlFixture.execute(connection, "CREATE TABLE IF NOT EXISTS t AS SELECT 3 AS x");
      assertThat(SqlFixture.rows(connection, "SELECT x FROM t")).containsExactly(List.of(1));
      assertThat(fixture.store.manifest("t").version()).isEqualTo(1);
    }
  }

  @Test
  void createOrReplaceAndInsertSaveNewVersions() throws Exception {
    try (Connection connection = fixture.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE \"my table\" AS SELECT i AS x, 'a' AS s FROM range(3) r(i)");
      statement.execute(
          "CREATE OR REPLACE TABLE \"my table\" AS SELECT i AS x, 'b' AS s FROM range(2) r(i)");
      assertThat(fixture.store.manifest("my table").version()).isEqualTo(2);
      assertThat(statement.executeUpdate("INSERT INTO \"my table\" SELECT 10, 'c'")).isEqualTo(1);
      assertThat(statement.executeUpdate("INSERT INTO \"my table\" VALUES (11, 'd'), (12, 'e')"))
          .isEqualTo(2);
      assertThat(fixture.store.manifest("my table").version()).isEqualTo(4);
      assertThat(SqlFixture.rows(connection, "SELECT x, s FROM \"my table\" ORDER BY x"))
          .containsExactly(
              List.of(0L, "b"),
              List.of(1L, "b"),
              List.of(10L, "c"),
              List.of(11L, "d"),
              List.of(12L, "e"));
    }
  }

  @Test
  void insertWithAColumnListKeepsTheFramesTypesAndNullsTheRest() throws Exception {
    try (Connection connection = fixture.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE \"it's\" AS " + EVERY_TYPE);
      List<List<Object>> types = columnTypes(connection, "it's");
      assertThat(
              statement.executeUpdate(
                  "INSERT INTO \"it's\" (S, i64, t, dec) VALUES ('new', 7, TIME '01:02:03', 1.5)"))
          .isEqualTo(1);
      assertThat(columnTypes(connection, "it's")).isEqualTo(types);
      assertThat(
              SqlFixture.rows(
                  connection,
                  "SELECT i8, i64, s, CAST(t AS VARCHAR), CAST(dec AS VARCHAR), f64 FROM"
                      + " \"it's\" WHERE s = 'new'"))
          .containsExactly(java.util.Arrays.asList(null, 7L, "new", "01:02:03", "1.5", null));
      // Without a list: every column in order, each cast to the frame's type.
      assertThat(
              statement.executeUpdate(
                  "INSERT INTO \"it's\" SELECT 1, 2, 3, 4, 5, 6, true, 's', DATE '2024-01-01',"
                      + " TIME '00:00:01', TIMESTAMP '2024-01-01 00:00:00', TIMESTAMPTZ"
                      + " '2024-01-01 00:00:00+00', 7"))
          .isEqualTo(1);
      assertThat(columnTypes(connection, "it's")).isEqualTo(types);
      assertThat(fixture.store.manifest("it's").rows()).isEqualTo(8);
      long version = fixture.store.manifest("it's").version();

      assertThatThrownBy(
              () -> statement.executeUpdate("INSERT INTO \"it's\" (i8, i16) SELECT 1, 2, 3"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("names 2 columns but its query gives 3")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42601");
      assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO \"it's\" SELECT 1"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("names 13 columns but its query gives 1");
      assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO \"it's\" (nope) SELECT 1"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("no column 'nope'")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42703");
      assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO \"it's\" (i8, I8) SELECT 1, 2"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("named twice");
      assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO \"it's\" (i8) SELECT 'x'"))
          .isInstanceOf(SQLException.class);
      assertThat(fixture.store.manifest("it's").version()).isEqualTo(version);
    }
  }

  @Test
  void aPreparedInsertWithAColumnListTakesParameters() throws Exception {
    try (Connection connection = fixture.connect()) {
      SqlFixture.execute(connection, "CREATE TABLE p AS SELECT 1 AS a, 'x' AS b, 2.5 AS c");
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO p (c, a) VALUES (?, ?)")) {
        insert.setBigDecimal(1, new java.math.BigDecimal("9.5"));
        insert.setInt(2, 9);
        assertThat(insert.executeUpdate()).isEqualTo(1);
        insert.setBigDecimal(1, new java.math.BigDecimal("8.5"));
        insert.setInt(2, 8);
        assertThat(insert.executeUpdate()).isEqualTo(1);
      }
      // DuckDB cannot count untyped parameters before they are bound: it checks at execution.
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO p (c, a) VALUES (?, ?, ?)")) {
        insert.setInt(1, 1);
        insert.setInt(2, 2);
        insert.setInt(3, 3);
        assertThatThrownBy(insert::executeUpdate).isInstanceOf(SQLException.class);
      }
      assertThatThrownBy(
              () -> {
                try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO p (c, a) VALUES (?)")) {
                  insert.setInt(1, 1);
                  insert.executeUpdate();
                }
              })
          .isInstanceOf(SQLException.class);
      assertThat(fixture.store.manifest("p").rows()).isEqualTo(3);
      assertThat(SqlFixture.rows(connection, "SELECT a, b, c FROM p ORDER BY a"))
          .containsExactly(
              List.of(1, "x", new java.math.BigDecimal("2.5")),
              java.util.Arrays.asList(8, null, new java.math.BigDecimal("8.5")),
              java.util.Arrays.asList(9, null, new java.math.BigDecimal("9.5")));
    }
  }

  /** Each column's name and SQL type, as the driver's metadata reports them. */
  private static List<List<Object>> columnTypes(Connection connection, String frame)
      throws SQLException {
    try (java.sql.ResultSet columns =
        connection.getMetaData().getColumns(null, null, frame, null)) {
      List<List<Object>> types = new java.util.ArrayList<>();
      while (columns.next()) {
        types.add(
            List.of(
                columns.getString("COLUMN_NAME"),
                columns.getString("TYPE_NAME"),
                columns.getInt("DATA_TYPE")));
      }
      return types;
    }
  }

  @Test
  void insertIntoAMissingFrameFails() throws Exception {
    try (Connection connection = fixture.connect()) {
      assertThatThrownBy(() -> SqlFixture.execute(connection, "INSERT INTO nowhere SELECT 1"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("nowhere")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42P01");
      assertThat(fixture.store.exists("nowhere")).isFalse();
    }
  }

  @Test
  void aFailingQuerySavesNothing() throws Exception {
    try (Connection connection = fixture.connect()) {
      assertThatThrownBy(
              () ->
                  SqlFixture.execute(
                      connection,
                      "CREATE TABLE broken AS SELECT CASE WHEN i = 90000 THEN error('boom')"
                          + " ELSE i END AS x FROM range(100000) r(i)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("boom");
      assertThat(fixture.store.exists("broken")).isFalse();
    }
  }

  @Test
  void aSaveCannotNameAVersion() throws Exception {
    try (Connection connection = fixture.connect()) {
      assertThatThrownBy(() -> SqlFixture.execute(connection, "CREATE TABLE \"t@2\" AS SELECT 1"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42602");
    }
  }

  @Test
  void preparedSavesTakeParameters() throws Exception {
    try (Connection connection = fixture.connect()) {
      SqlFixture.execute(connection, "CREATE TABLE t AS SELECT i AS x FROM range(10) r(i)");
      try (PreparedStatement statement =
          connection.prepareStatement(
              "CREATE OR REPLACE TABLE big AS SELECT x FROM t WHERE x >= ?")) {
        statement.setLong(1, 7);
        assertThat(statement.executeUpdate()).isEqualTo(3);
        statement.setLong(1, 5);
        assertThat(statement.executeUpdate()).isEqualTo(5);
      }
      try (PreparedStatement statement = connection.prepareStatement("INSERT INTO big SELECT ?")) {
        statement.setLong(1, 100);
        assertThat(statement.executeUpdate()).isEqualTo(1);
      }
      assertThat(SqlFixture.rows(connection, "SELECT count(*), max(x) FROM big"))
          .containsExactly(List.of(6L, 100L));
    }
  }
}
