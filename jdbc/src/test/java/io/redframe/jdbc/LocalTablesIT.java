package io.redframe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connection's own DuckDB tables and views sit beside the frames and may read them. */
class LocalTablesIT {
  @Test
  void temporaryTablesAndViewsReadFrames() throws Exception {
    try (SqlFixture fixture = new SqlFixture();
        Connection connection = fixture.connect()) {
      SqlFixture.execute(connection, "CREATE TABLE t AS SELECT i AS x FROM range(5) r(i)");
      SqlFixture.execute(connection, "CREATE TEMP TABLE local AS SELECT x * 10 AS y FROM t");
      SqlFixture.execute(connection, "INSERT INTO local SELECT max(x) FROM t");
      assertThat(SqlFixture.rows(connection, "SELECT count(*), CAST(sum(y) AS BIGINT) FROM local"))
          .containsExactly(List.of(6L, 104L));
      assertThat(fixture.store.exists("local")).isFalse();
      assertThat(fixture.store.manifest("t").version()).isEqualTo(1);

      SqlFixture.execute(connection, "CREATE TEMP VIEW biggest AS SELECT max(x) AS m FROM t");
      assertThat(SqlFixture.rows(connection, "SELECT m FROM biggest")).containsExactly(List.of(4L));
      SqlFixture.execute(connection, "CREATE OR REPLACE TABLE t AS SELECT CAST(99 AS BIGINT) AS x");
      assertThat(SqlFixture.rows(connection, "SELECT m FROM biggest"))
          .containsExactly(List.of(99L));

      assertThat(SqlFixture.rows(connection, "EXPLAIN SELECT * FROM t JOIN local ON x = y"))
          .isNotEmpty();
    }
  }

  @Test
  void namesQualifiedWithRedframeAreFramesWhateverShadowsThem() throws Exception {
    try (SqlFixture fixture = new SqlFixture();
        Connection connection = fixture.connect()) {
      SqlFixture.execute(connection, "CREATE TABLE redframe.t AS SELECT i AS x FROM range(5) r(i)");
      SqlFixture.execute(connection, "CREATE TEMP TABLE t AS SELECT 'local' AS x");
      assertThat(SqlFixture.rows(connection, "SELECT count(*) FROM t"))
          .containsExactly(List.of(1L));
      assertThat(
              SqlFixture.rows(
                  connection,
                  "WITH t AS (SELECT 1) SELECT count(*), max(f.x) FROM REDFRAME . \"t\" f"))
          .containsExactly(List.of(5L, 4L));
      assertThat(SqlFixture.rows(connection, "SELECT t.x FROM redframe.t WHERE t.x = 3"))
          .containsExactly(List.of(3L));
      // An insert into the unqualified name is the temporary table's, a qualified one the frame's.
      SqlFixture.execute(connection, "INSERT INTO t VALUES ('again')");
      SqlFixture.execute(connection, "INSERT INTO redframe.t VALUES (5)");
      assertThat(SqlFixture.rows(connection, "SELECT count(*) FROM t"))
          .containsExactly(List.of(2L));
      assertThat(fixture.store.manifest("t").rows()).isEqualTo(6);
      assertThat(SqlFixture.rows(connection, "SELECT count(*) FROM main.t"))
          .containsExactly(List.of(2L));
    }
  }
}
