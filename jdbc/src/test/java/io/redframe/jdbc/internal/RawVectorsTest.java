package io.redframe.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBDriver;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.junit.jupiter.api.Test;

/**
 * The bulk copy into DuckDB's vectors works with the DuckDB on the class path (an upgrade that
 * breaks it fails here, not only in the benchmark) and copies values and nulls exactly, at offsets
 * that are not multiples of 64 on either side.
 */
class RawVectorsTest {
  private static final int ROWS = 300;
  private static final int FROM = 3;
  private static final int AT = 61;

  @Test
  void theBulkPathWorksWithThisDuckDb() {
    assertThat(RawVectors.available()).isTrue();
  }

  @Test
  void copiesValuesAndNullsAtUnalignedOffsets() throws Exception {
    try (BufferAllocator allocator = new RootAllocator(1 << 20);
        Float8Vector doubles = new Float8Vector("d", allocator);
        BigIntVector longs = new BigIntVector("l", allocator);
        Connection duck = new DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties())) {
      doubles.allocateNew(ROWS);
      longs.allocateNew(ROWS);
      for (int i = 0; i < ROWS; i++) {
        if (i % 7 == 0) {
          doubles.setNull(i);
        } else {
          doubles.set(i, i + 0.25);
        }
        longs.set(i, -1_000_000_007L * i);
      }
      doubles.setValueCount(ROWS);
      longs.setValueCount(ROWS);
      int n = ROWS - FROM;
      register(
          duck,
          "copied",
          new String[] {"d", "l"},
          new DuckDBColumnType[] {DuckDBColumnType.DOUBLE, DuckDBColumnType.BIGINT},
          out -> {
            RawVectors.copy(doubles, FROM, n, Double.BYTES, out.vector(0), AT, true);
            RawVectors.copy(longs, FROM, n, Long.BYTES, out.vector(1), AT, false);
            return (long) AT + n;
          });
      List<String> rows = new ArrayList<>();
      try (Statement statement = duck.createStatement();
          ResultSet result = statement.executeQuery("SELECT d, l FROM copied()")) {
        while (result.next()) {
          rows.add(result.getObject(1) + " " + result.getObject(2));
        }
      }
      List<String> expected = new ArrayList<>();
      for (int row = 0; row < AT + n; row++) {
        int i = row - AT + FROM;
        expected.add(
            row < AT
                ? "null null"
                : (i % 7 == 0 ? "null" : Double.toString(i + 0.25)) + " " + (-1_000_000_007L * i));
      }
      assertThat(rows).isEqualTo(expected);
    }
  }

  /** What the test's table function writes into its one output chunk; returns the rows. */
  @FunctionalInterface
  private interface Fill {
    long fill(DuckDBDataChunkWriter out);
  }

  @Test
  void stringsOfEveryLengthCompareEqualToDuckDbsOwn() throws Exception {
    // empty, inlined (up to 12 bytes), exactly 12 and 13 bytes, multi-byte, long, null
    String[] words = {
      "", "a", "Zürich", "twelve bytes", "thirteen byte", "東京都", "a much longer city name", null
    };
    int rows = 150;
    int at = 37;
    try (Connection duck = new DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties())) {
      register(
          duck,
          "words",
          new String[] {"s"},
          new DuckDBColumnType[] {DuckDBColumnType.VARCHAR},
          out -> {
            byte[][] values = new byte[rows][];
            for (int i = 0; i < rows; i++) {
              String word = words[i % words.length];
              values[i] = word == null ? null : word.getBytes(StandardCharsets.UTF_8);
            }
            RawVectors.strings(values, out.vector(0), at);
            return (long) at + rows;
          });
      List<String> found = new ArrayList<>();
      try (Statement statement = duck.createStatement();
          ResultSet result =
              statement.executeQuery(
                  "SELECT s, count(*), bool_and(s = (SELECT w FROM (VALUES"
                      + " (''), ('a'), ('Zürich'), ('twelve bytes'), ('thirteen byte'), ('東京都'),"
                      + " ('a much longer city name')) v(w) WHERE w = s)), min(length(s))"
                      + " FROM words() GROUP BY s ORDER BY s NULLS FIRST")) {
        while (result.next()) {
          found.add(
              result.getString(1)
                  + "|"
                  + result.getLong(2)
                  + "|"
                  + result.getObject(3)
                  + "|"
                  + result.getObject(4));
        }
      }
      // rows before 'at' were never written: null, like the null word
      int nulls = at + rows / words.length;
      List<String> expected = new ArrayList<>();
      expected.add("null|" + nulls + "|null|null");
      for (String word :
          new java.util.TreeSet<>(java.util.Arrays.stream(words).filter(w -> w != null).toList())) {
        int index = java.util.Arrays.asList(words).indexOf(word);
        int count = rows / words.length + (index < rows % words.length ? 1 : 0);
        expected.add(word + "|" + count + "|true|" + word.codePointCount(0, word.length()));
      }
      assertThat(found).isEqualTo(expected);
    }
  }

  private static void register(
      Connection duck, String name, String[] columns, DuckDBColumnType[] types, Fill fill)
      throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    try (var builder = DuckDBFunctions.tableFunction()) {
      builder
          .withName(name)
          .withFunction(
              new DuckDBTableFunction<Object, Object, Object>() {
                @Override
                public Object bind(DuckDBTableFunctionBindInfo info) throws Exception {
                  for (int c = 0; c < columns.length; c++) {
                    info.addResultColumn(columns[c], types[c]);
                  }
                  return name;
                }

                @Override
                public Object init(DuckDBTableFunctionInitInfo info) {
                  info.setMaxThreads(1);
                  return name;
                }

                @Override
                public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) {
                  return done.getAndSet(true) ? 0 : fill.fill(out);
                }
              })
          .register(duck);
    }
  }
}
