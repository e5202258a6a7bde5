package io.redframe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.testing.ChildJvm;
import io.redframe.testing.TestRedis;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code redframe sql}: the real jar, in child processes, against a real Redis. */
class SqlCliIT {
  private static final Path JAR =
      Path.of(System.getProperty("redframe.jar", "target/redframe.jar"));

  @TempDir Path dir;
  private String url;

  record Result(int exit, String out, String err) {}

  @BeforeEach
  void store() {
    url =
        TestRedis.url()
            + (TestRedis.url().contains("?") ? "&" : "?")
            + "prefix="
            + TestRedis.freshPrefix();
  }

  private Result withInput(String stdin, String... args) throws Exception {
    // The test JVM's locale and time zone flags too (ChildJvm), so the jar runs under them.
    List<String> command = new ArrayList<>(ChildJvm.java());
    command.addAll(List.of("-jar", JAR.toString(), "--url=" + url));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("REDFRAME_URL");
    Process process = builder.start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
    return new Result(process.exitValue(), out, err.get());
  }

  private Result redframe(String... args) throws Exception {
    return withInput("", args);
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path data(String file) throws URISyntaxException {
    return Path.of(SqlCliIT.class.getResource("/data/" + file).toURI());
  }

  @Test
  void printsWritesAndSavesResults() throws Exception {
    assertThat(redframe("put", data("seattle-weather.csv").toString(), "--name", "w").exit())
        .isZero();
    Result printed = redframe("sql", "SELECT weather, count(*) AS n FROM w GROUP BY 1 ORDER BY 1");
    assertThat(printed.exit()).as(printed.err()).isZero();
    assertThat(printed.out()).contains("5 rows x 2 columns").contains("rain").contains("641");

    Path csv = dir.resolve("out.csv");
    Result written =
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

    Result saved =
        redframe("sql", "SELECT date, temp_max FROM w WHERE temp_max > 30", "--save", "hot");
    assertThat(saved.exit()).as(saved.err()).isZero();
    assertThat(saved.out()).startsWith("saved hot version 1: ");
    Result typed =
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
    Result missing = redframe("sql", "SELECT * FROM nope");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err().lines().toList())
        .singleElement()
        .asString()
        .contains("Table not found")
        .contains("nope");
  }

  @Test
  void statementsComeFromStandardInput() throws Exception {
    Result result =
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
