package io.redframe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.ChunkEntry;
import io.redframe.Manifest;
import io.redframe.testing.TestRedis;
import io.redframe.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** A query fetches the chunks of the columns it uses, and nothing for a count. */
class PushdownIT {
  @Test
  void aOneColumnQueryFetchesThatColumnsChunksOnly() throws Exception {
    try (SqlFixture fixture = new SqlFixture();
        Connection connection = DriverManager.getConnection(fixture.url + "&chunkSize=64KiB")) {
      SqlFixture.execute(
          connection,
          "CREATE TABLE wide AS SELECT i AS a, i * 2.5 AS b, 'row ' || i AS c"
              + " FROM range(100000) t(i)");
      Manifest manifest = fixture.store.manifest("wide");
      int b = manifest.columnIndex("b");
      long columnBytes =
          manifest.chunks().stream()
              .filter(c -> c.holdsColumn(b))
              .mapToLong(ChunkEntry::bytes)
              .sum();
      assertThat(manifest.chunks()).hasSizeGreaterThan(3);
      assertThat(columnBytes).isLessThan(manifest.bytes() / 2);

      RedframeConnection redframe = connection.unwrap(RedframeConnection.class);
      long before = redframe.chunkBytesFetched();
      List<List<Object>> sum = SqlFixture.rows(connection, "SELECT sum(b) FROM wide");
      assertThat(sum).containsExactly(List.of(new java.math.BigDecimal("12499875000.0")));
      assertThat(redframe.chunkBytesFetched() - before).isEqualTo(columnBytes);

      // DuckDB projects one column for a count of rows (the first): its chunks only.
      before = redframe.chunkBytesFetched();
      assertThat(SqlFixture.rows(connection, "SELECT count(*) FROM wide"))
          .containsExactly(List.of(100_000L));
      assertThat(redframe.chunkBytesFetched() - before).isEqualTo(bytesOf(manifest, 0));
    }
  }

  /**
   * A LIMIT without ORDER BY stops the scan: DuckDB stops asking for rows, and the scan fetches
   * chunks only as it is asked (a window of 1 MiB and the next one ahead), so the rest of the
   * column is never fetched.
   */
  @Test
  void aLimitFetchesTheFirstChunksOnly() throws Exception {
    try (SqlFixture fixture = new SqlFixture();
        Connection connection =
            DriverManager.getConnection(fixture.url + "&chunkSize=64KiB&pipelineWindow=1MiB")) {
      SqlFixture.execute(
          connection, "CREATE TABLE long AS SELECT i AS a, i * 0.5 AS b FROM range(2000000) t(i)");
      Manifest manifest = fixture.store.manifest("long");
      long columnBytes = bytesOf(manifest, manifest.columnIndex("a"));
      RedframeConnection redframe = connection.unwrap(RedframeConnection.class);
      long before = redframe.chunkBytesFetched();
      assertThat(SqlFixture.rows(connection, "SELECT a FROM long LIMIT 5")).hasSize(5);
      long fetched = redframe.chunkBytesFetched() - before;
      assertThat(fetched).isPositive().isLessThan(columnBytes / 4);
    }
  }

  /** The same, measured by Redis itself: the bytes it sent during a one-column query. */
  @Test
  void redisSendsLittleMoreThanTheColumnsChunks() throws Exception {
    try (TestServer server = TestRedis.startServer(List.of("appendonly no"));
        Connection connection =
            DriverManager.getConnection(
                "jdbc:redframe:" + server.url() + "?chunkSize=64KiB&prefix=pushdown");
        RedisClient redis = RedisClient.create(java.net.URI.create(server.url()))) {
      SqlFixture.execute(
          connection,
          "CREATE TABLE wide AS SELECT i AS a, i * 2.5 AS b, 'row ' || i AS c"
              + " FROM range(100000) t(i)");
      Manifest manifest = connection.unwrap(RedframeConnection.class).store().manifest("wide");
      long columnBytes = bytesOf(manifest, manifest.columnIndex("a"));
      long before = sentBytes(redis);
      assertThat(SqlFixture.rows(connection, "SELECT max(a) FROM wide"))
          .containsExactly(List.of(99_999L));
      long sent = sentBytes(redis) - before;
      // The chunks of a, plus the manifest, the pin and the protocol's framing.
      assertThat(sent).isBetween(columnBytes, columnBytes + manifestBytes(manifest) + 16_384);
      assertThat(sent).isLessThan(manifest.bytes() / 2);
    }
  }

  private static long sentBytes(RedisClient redis) {
    for (String line : redis.info("stats").split("\\r?\\n", -1)) {
      if (line.startsWith("total_net_output_bytes:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    throw new AssertionError("INFO stats has no total_net_output_bytes");
  }

  /** A generous bound on the manifest's JSON: its schema and one index entry per chunk. */
  private static long manifestBytes(Manifest manifest) {
    return 4_096L + 256L * manifest.chunks().size();
  }

  private static long bytesOf(Manifest manifest, int column) {
    return manifest.chunks().stream()
        .filter(c -> c.holdsColumn(column))
        .mapToLong(ChunkEntry::bytes)
        .sum();
  }
}
