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
