package io.redframe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.SaveOptions;
import io.redframe.arrow.ArrowFrames;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Versions by name, and one version per frame per statement, pinned while it runs. */
class SnapshotIT {
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
  void nameAtVersionReadsThatVersion() throws Exception {
    try (Connection connection = DriverManager.getConnection(fixture.url + "&keepVersions=3")) {
      SqlFixture.execute(connection, "CREATE TABLE t AS SELECT 1 AS x");
      SqlFixture.execute(connection, "CREATE OR REPLACE TABLE t AS SELECT 2 AS x");
      assertThat(SqlFixture.rows(connection, "SELECT x FROM \"t@1\"")).containsExactly(List.of(1));
      assertThat(SqlFixture.rows(connection, "SELECT x FROM \"t@2\"")).containsExactly(List.of(2));
      assertThat(SqlFixture.rows(connection, "SELECT x FROM t")).containsExactly(List.of(2));
      assertThat(
              SqlFixture.rows(
                  connection,
                  "SELECT \"t@1\".x, now.x FROM \"t@1\" CROSS JOIN t AS now"
                      + " UNION ALL SELECT x, x FROM redframe_scan('t', version := 1)"))
          .containsExactly(List.of(1, 2), List.of(1, 1));
      assertThatThrownBy(() -> SqlFixture.rows(connection, "SELECT * FROM \"t@9\""))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("t")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42P01");
    }
  }

  @Test
  void aFrameWhoseNameEndsInAtDigitsIsReachedThroughTheScanFunction() throws Exception {
    try (BufferAllocator allocator = new RootAllocator();
        IntVector x = new IntVector("x", allocator)) {
      x.allocateNew(1);
      x.set(0, 42);
      x.setValueCount(1);
      try (VectorSchemaRoot root = VectorSchemaRoot.of(x)) {
        ArrowFrames.of(fixture.store).save("a@2", root, null, SaveOptions.defaults());
        ArrowFrames.of(fixture.store).save("me@host", root, null, SaveOptions.defaults());
      }
    }
    try (Connection connection = fixture.connect()) {
      assertThat(SqlFixture.rows(connection, "SELECT x FROM redframe_scan('a@2')"))
          .containsExactly(List.of(42));
      assertThat(SqlFixture.rows(connection, "SELECT x FROM \"me@host\""))
          .containsExactly(List.of(42));
      assertThatThrownBy(() -> SqlFixture.rows(connection, "SELECT x FROM \"a@2\""))
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42P01");
    }
  }

  @Test
  void aStatementReadsOneVersionOfEachFrameWhileWritersSave() throws Exception {
    // No grace period and one kept version: a superseded version is gone at once unless pinned.
    String url = fixture.url + "&gracePeriod=0&keepVersions=1&chunkSize=16KiB";
    ExecutorService writers = Executors.newSingleThreadExecutor();
    AtomicBoolean stop = new AtomicBoolean();
    try (Connection reader = DriverManager.getConnection(url);
        Connection writer = DriverManager.getConnection(url)) {
      SqlFixture.execute(writer, "CREATE TABLE t AS SELECT i AS id, 0 AS v FROM range(20000) r(i)");
      Future<Integer> saves =
          writers.submit(
              () -> {
                int version = 0;
                while (!stop.get()) {
                  version++;
                  SqlFixture.execute(
                      writer,
                      "CREATE OR REPLACE TABLE t AS SELECT i AS id, "
                          + version
                          + " AS v FROM range(20000) r(i)");
                }
                return version;
              });
      for (int i = 0; i < 25; i++) {
        List<List<Object>> rows =
            SqlFixture.rows(
                reader,
                "SELECT count(*), count(DISTINCT a.v), min(a.v) = min(b.v),"
                    + " (SELECT max(v) FROM t) = min(a.v)"
                    + " FROM t a JOIN t b ON a.id = b.id");
        assertThat(rows).containsExactly(List.of(20000L, 1L, true, true));
      }
      stop.set(true);
      assertThat(saves.get(60, TimeUnit.SECONDS)).isPositive();
    } finally {
      stop.set(true);
      writers.shutdownNow();
    }
  }

  @Test
  void pinsEndWithTheStatement() throws Exception {
    try (Connection connection =
        DriverManager.getConnection(fixture.url + "&gracePeriod=0&keepVersions=1")) {
      SqlFixture.execute(connection, "CREATE TABLE t AS SELECT 1 AS x");
      assertThat(SqlFixture.rows(connection, "SELECT x FROM t")).containsExactly(List.of(1));
      SqlFixture.execute(connection, "CREATE OR REPLACE TABLE t AS SELECT 2 AS x");
      assertThat(fixture.store.versions("t")).hasSize(1);
      assertThatThrownBy(() -> SqlFixture.rows(connection, "SELECT x FROM \"t@1\""))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42P01");
    }
  }

  @Test
  void aPreparedStatementReadsTheCurrentVersionAtEachExecution() throws Exception {
    try (Connection connection = fixture.connect()) {
      SqlFixture.execute(connection, "CREATE TABLE t AS SELECT 1 AS x");
      try (PreparedStatement statement = connection.prepareStatement("SELECT max(x) FROM t")) {
        assertThat(single(statement)).isEqualTo(1);
        SqlFixture.execute(connection, "CREATE OR REPLACE TABLE t AS SELECT 2 AS x");
        assertThat(single(statement)).isEqualTo(2);
        SqlFixture.execute(connection, "CREATE OR REPLACE TABLE t AS SELECT 'other' AS y");
        // DuckDB binds the statement again (so it sees y, not x), or the scan refuses the change.
        assertThatThrownBy(() -> single(statement))
            .isInstanceOf(SQLException.class)
            .extracting(e -> ((SQLException) e).getSQLState())
            .isIn("42000", "0A000");
      }
    }
  }

  @Test
  void namesOfAnyContentAreQuotedIdentifiers() throws Exception {
    String name = "it's \"q\" ü@home, 20% {x}";
    String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
    try (Connection connection = fixture.connect()) {
      SqlFixture.execute(
          connection,
          "CREATE TABLE " + quoted + " AS SELECT i AS id, 'ü' || i AS s FROM range(3) r(i)");
      assertThat(fixture.store.exists(name)).isTrue();
      assertThat(
              SqlFixture.rows(
                  connection,
                  "/* ü */ SELECT a.id, b.s FROM "
                      + quoted
                      + " a JOIN "
                      + quoted
                      + " AS b USING (id) WHERE a.id >= 1 ORDER BY 1"))
          .containsExactly(List.of(1L, "ü1"), List.of(2L, "ü2"));
      assertThat(
              SqlFixture.rows(
                  connection,
                  "SELECT count(*) FROM \"" + (name + "@1").replace("\"", "\"\"") + "\""))
          .containsExactly(List.of(3L));
    }
  }

  private static Object single(PreparedStatement statement) throws SQLException {
    try (ResultSet result = statement.executeQuery()) {
      assertThat(result.next()).isTrue();
      return result.getObject(1);
    }
  }
}
