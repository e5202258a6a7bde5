package io.redframe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeIT {
  @Test
  void createsAndQueriesAFrame() throws Exception {
    try (SqlFixture fixture = new SqlFixture();
        Connection connection = fixture.connect()) {
      String csv = SqlFixture.dataFile("seattle-weather.csv").toString();
      SqlFixture.execute(
          connection, "CREATE TABLE \"weather\" AS SELECT * FROM read_csv('" + csv + "')");
      assertThat(fixture.store.exists("weather")).isTrue();
      List<List<Object>> rows =
          SqlFixture.rows(
              connection, "SELECT weather, count(*) FROM \"weather\" GROUP BY 1 ORDER BY 1");
      assertThat(rows)
          .containsExactly(
              List.of("drizzle", 53L),
              List.of("fog", 101L),
              List.of("rain", 641L),
              List.of("snow", 26L),
              List.of("sun", 640L));
      assertThat(SqlFixture.rows(connection, "SELECT count(*) FROM \"weather@1\" w"))
          .containsExactly(List.of(1461L));
    }
  }
}
