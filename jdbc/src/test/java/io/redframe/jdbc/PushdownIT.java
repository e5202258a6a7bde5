package io.redframe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.ChunkEntry;
import io.redframe.Manifest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;

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

  private static long bytesOf(Manifest manifest, int column) {
    return manifest.chunks().stream()
        .filter(c -> c.holdsColumn(column))
        .mapToLong(ChunkEntry::bytes)
        .sum();
  }
}
