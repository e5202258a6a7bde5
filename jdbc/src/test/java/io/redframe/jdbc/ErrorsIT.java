package io.redframe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.ChunkEntry;
import io.redframe.CorruptFrameException;
import io.redframe.Manifest;
import io.redframe.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** Failures are SQLExceptions with SQLSTATEs, and keep the store's message and cause. */
class ErrorsIT {
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
  void aMissingFrameIsTableNotFoundNamingIt() throws Exception {
    try (Connection connection = fixture.connect()) {
      assertThatThrownBy(() -> SqlFixture.rows(connection, "SELECT * FROM \"no such frame\""))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Table not found")
          .hasMessageContaining("no such frame")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42P01");
      assertThatThrownBy(() -> SqlFixture.rows(connection, "SELECT * FROM redframe_scan('gone')"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("gone")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42P01");
    }
  }

  @Test
  void aFrameThatIsNotATableIsRefused() throws Exception {
    fixture.store.saveObject("settings", Map.of("a", 1));
    try (Connection connection = fixture.connect()) {
      assertThatThrownBy(() -> SqlFixture.rows(connection, "SELECT * FROM settings"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("settings")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42809");
    }
  }

  @Test
  void corruptionKeepsItsMessageAndCause() throws Exception {
    try (Connection connection = fixture.connect()) {
      SqlFixture.execute(connection, "CREATE TABLE t AS SELECT i AS x FROM range(1000) r(i)");
      Manifest manifest = fixture.store.manifest("t");
      ChunkEntry chunk = manifest.chunks().get(0);
      byte[] key = TestRedis.versionKey(fixture.store, "t", manifest.version());
      byte[] field = chunk.field().getBytes(StandardCharsets.UTF_8);
      try (UnifiedJedis redis = TestRedis.client()) {
        byte[] bytes = redis.hget(key, field);
        bytes[bytes.length / 2] ^= 0x5A;
        redis.hset(key, field, bytes);
      }
      assertThatThrownBy(() -> SqlFixture.rows(connection, "SELECT sum(x) FROM t"))
          .isInstanceOf(SQLException.class)
          .satisfies(
              e -> {
                SQLException sql = (SQLException) e;
                assertThat(sql.getSQLState()).isEqualTo("XX001");
                assertThat(sql.getCause()).isInstanceOf(CorruptFrameException.class);
                assertThat(sql.getMessage()).isEqualTo(sql.getCause().getMessage());
                assertThat(sql.getMessage()).contains("t").contains(chunk.field());
              });
      // The connection is still usable.
      assertThat(SqlFixture.rows(connection, "SELECT 1")).containsExactly(List.of(1));
    }
  }

  @Test
  void duckDbErrorsCarrySqlStates() throws Exception {
    try (Connection connection = fixture.connect()) {
      assertThatThrownBy(() -> SqlFixture.rows(connection, "SELEC 1"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isNotNull();
      SqlFixture.execute(connection, "CREATE TABLE t AS SELECT 1 AS x");
      assertThatThrownBy(() -> SqlFixture.rows(connection, "SELECT nope FROM t"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isNotNull();
    }
  }
}
