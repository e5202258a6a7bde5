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
}
