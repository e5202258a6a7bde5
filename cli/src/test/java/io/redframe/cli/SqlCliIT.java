package io.redframe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code redframe sql}: the real jar, in child processes, against a real Redis. */
class SqlCliIT {
  @TempDir Path dir;
  private RedframeJar jar;

  @BeforeEach
  void store() {
    jar = RedframeJar.fresh();
  }

  private RedframeJar.Result withInput(String stdin, String... args) throws Exception {
    return jar.runWithInput(stdin, args);
  }

  private RedframeJar.Result redframe(String... args) throws Exception {
    return jar.run(args);
  }

  private static Path data(String file) throws URISyntaxException {
    return Path.of(SqlCliIT.class.getResource("/data/" + file).toURI());
  }

  @Test
  void printsWritesAndSavesResults() throws Exception {
    assertThat(redframe("put", data("seattle-weather.csv").toString(), "--name", "w").exit())
        .isZero();
    RedframeJar.Result printed =
        redframe("sql", "SELECT weather, count(*) AS n FROM w GROUP BY 1 ORDER BY 1");
    assertThat(printed.exit()).as(printed.err()).isZero();
    assertThat(printed.out()).contains("5 rows x 2 columns").contains("rain").contains("641");

    Path csv = dir.resolve("out.csv");
    RedframeJar.Result written =
        redframe(
            "sql",
            "SELECT weather, NULL::INTEGER AS nothing, max(date) AS last FROM w GROUP BY 1"
                + " ORDER BY 1",
            "--out",
            csv.toString());
    assertThat(written.exit()).as(written.err()).isZero();
    assertThat(Files.readAllLines(csv)).first().isEqualTo("weather,nothing,last");
    assertThat(Files.readAllLines(csv))
        .contains("drizzle,,2015-10-06", "sun,,2015-12-31")
        .hasSize(6);

    Path arrow = dir.resolve("out.arrow");
    assertThat(redframe("sql", "SELECT * FROM w WHERE wind > 5", "--out", arrow.toString()).exit())
        .isZero();
    assertThat(redframe("put", arrow.toString(), "--name", "windy").exit()).isZero();
    Path json = dir.resolve("out.json");
    assertThat(redframe("sql", "SELECT * FROM windy", "--out", json.toString()).exit()).isZero();
    assertThat(Files.readString(json)).contains("\"schema\"").contains("\"wind\"");

    RedframeJar.Result saved =
        redframe("sql", "SELECT date, temp_max FROM w WHERE temp_max > 30", "--save", "hot");
    assertThat(saved.exit()).as(saved.err()).isZero();
    assertThat(saved.out()).startsWith("saved hot version 1: ");
    RedframeJar.Result typed =
        redframe(
            "sql",
            "SELECT count(*) AS n, sum(temp_max) AS total, TIMESTAMPTZ '2024-01-01 00:00:00+00'"
                + " AS at, TIME '12:00:00' AS noon, sum(CAST(temp_max AS INTEGER)) AS huge,"
                + " INTERVAL 1 DAY AS span FROM hot");
    assertThat(typed.exit()).as(typed.err()).isZero();
    assertThat(typed.out()).contains("1 rows x 6 columns").contains("2024-01-01");
  }

  @Test
  void aFailedStatementExitsOneWithOneLine() throws Exception {
    RedframeJar.Result missing = redframe("sql", "SELECT * FROM nope");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err().lines().toList())
        .singleElement()
        .asString()
        .contains("Table not found")
        .contains("nope");
  }

  @Test
  void statementsComeFromStandardInput() throws Exception {
    RedframeJar.Result result =
        withInput(
            """
            CREATE TABLE t AS SELECT 1 AS a;
            SELECT a + 1 AS b
              FROM t;
            SELECT * FROM gone;
            SELECT 'still here' AS c;
            """,
            "sql");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out()).contains("OK, 1 rows").contains("2").contains("still here");
    assertThat(result.err()).contains("gone");
  }
}
