package io.redframe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The driver's answers are DuckDB's own: every query runs through {@code jdbc:redframe:} over
 * frames and on a plain DuckDB over the same data loaded natively, and the results (values, types
 * and order) must be equal. Data: two vega datasets and a generated table of 100k rows.
 */
class AnswersIT {
  private static final String GENERATED =
      "SELECT i AS id, i % 97 AS k, ((i * 7919) % 1000) / 10.0 AS v, 'g' || (i % 13) AS s,"
          + " CASE WHEN i % 11 = 0 THEN NULL ELSE i END AS maybe,"
          + " DATE '2020-01-01' + CAST(i % 1000 AS INTEGER) AS day FROM range(100000) t(i)";

  private static SqlFixture fixture;
  private static Connection redframe;
  private static Connection plain;

  @BeforeAll
  static void load() throws SQLException {
    fixture = new SqlFixture();
    redframe = fixture.connect();
    plain = SqlFixture.plainDuckDb();
    for (Connection connection : List.of(redframe, plain)) {
      create(connection, "weather", csv("seattle-weather.csv"));
      create(connection, "birdstrikes", csv("birdstrikes.csv"));
      create(connection, "generated", GENERATED);
    }
  }

  private static String csv(String file) {
    return "SELECT * FROM read_csv('" + SqlFixture.dataFile(file) + "')";
  }

  private static void create(Connection connection, String name, String query) throws SQLException {
    SqlFixture.execute(connection, "CREATE TABLE \"" + name + "\" AS " + query);
  }

  @AfterAll
  static void close() throws SQLException {
    redframe.close();
    plain.close();
    fixture.close();
  }

  static Stream<String> queries() {
    return Stream.of(
        // aggregation
        "SELECT weather, count(*), avg(temp_max), min(date), max(precipitation), sum(wind)"
            + " FROM weather GROUP BY weather ORDER BY weather",
        "SELECT s, count(*), count(maybe), sum(maybe), avg(v), min(day), max(day)"
            + " FROM generated GROUP BY s ORDER BY s",
        "SELECT \"Wildlife Size\", count(*), count(\"Speed IAS in knots\"),"
            + " avg(\"Speed IAS in knots\"), sum(\"Cost Total $\") FROM birdstrikes"
            + " GROUP BY 1 ORDER BY 1 NULLS FIRST",
        // filter
        "SELECT date, temp_max, weather FROM weather WHERE temp_max > 30 AND weather = 'sun'"
            + " ORDER BY date",
        "SELECT count(*) FROM generated WHERE maybe IS NULL AND k BETWEEN 10 AND 20",
        "SELECT \"Airport Name\", \"Flight Date\" FROM birdstrikes"
            + " WHERE \"Origin State\" = 'Texas' AND \"Cost Total $\" > 1000 ORDER BY 2, 1",
        // join of two frames
        "SELECT w.weather, count(*), sum(g.v) FROM weather w JOIN generated g"
            + " ON g.day = w.date - INTERVAL 8 YEAR GROUP BY 1 ORDER BY 1",
        // self-join
        "SELECT a.date, b.temp_max - a.temp_max AS change FROM weather a JOIN weather b"
            + " ON b.date = a.date + 1 ORDER BY a.date",
        "SELECT count(*) FROM generated a JOIN generated b ON a.id = b.maybe",
        // window functions
        "SELECT date, avg(temp_max) OVER (ORDER BY date ROWS BETWEEN 6 PRECEDING AND CURRENT ROW),"
            + " rank() OVER (PARTITION BY weather ORDER BY temp_max DESC, date)"
            + " FROM weather ORDER BY date",
        "SELECT id, lag(v) OVER (PARTITION BY s ORDER BY id) FROM generated"
            + " QUALIFY row_number() OVER (PARTITION BY s ORDER BY id DESC) <= 3 ORDER BY id",
        // ORDER BY / LIMIT
        "SELECT * FROM generated ORDER BY v DESC, id LIMIT 25 OFFSET 5",
        "SELECT * FROM birdstrikes ORDER BY \"Flight Date\" DESC, \"Airport Name\","
            + " \"Aircraft Make Model\", \"Cost Total $\" LIMIT 10",
        // CTEs and subqueries
        "WITH hot AS (SELECT * FROM weather WHERE temp_max > 25) SELECT weather, count(*) FROM hot"
            + " WHERE date IN (SELECT date FROM weather WHERE wind > 4) GROUP BY 1 ORDER BY 1",
        "SELECT (SELECT max(id) FROM generated), (SELECT count(DISTINCT weather) FROM weather)");
  }

  @ParameterizedTest
  @MethodSource("queries")
  void sameAnswerAsNativeDuckDb(String query) throws SQLException {
    Result expected = run(plain, query);
    Result actual = run(redframe, query);
    assertThat(actual.types()).isEqualTo(expected.types());
    assertThat(actual.rows()).hasSameSizeAs(expected.rows());
    for (int r = 0; r < expected.rows().size(); r++) {
      List<Object> want = expected.rows().get(r);
      List<Object> got = actual.rows().get(r);
      for (int c = 0; c < want.size(); c++) {
        if (want.get(c) instanceof Double d && got.get(c) instanceof Double g) {
          // Parallel sums may add in another order: equal to the last few bits.
          assertThat(g).as("row %d column %d", r, c).isCloseTo(d, within(d));
        } else {
          assertThat(got.get(c)).as("row %d column %d", r, c).isEqualTo(want.get(c));
        }
      }
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double value) {
    return org.assertj.core.data.Offset.offset(Math.max(1e-9, Math.abs(value) * 1e-12));
  }

  record Result(List<String> types, List<List<Object>> rows) {}

  private static Result run(Connection connection, String query) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      ResultSetMetaData meta = result.getMetaData();
      List<String> types = new ArrayList<>();
      for (int c = 1; c <= meta.getColumnCount(); c++) {
        types.add(meta.getColumnTypeName(c));
      }
      return new Result(types, SqlFixture.rows(result));
    }
  }
}
