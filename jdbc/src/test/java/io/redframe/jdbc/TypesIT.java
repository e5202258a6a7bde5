package io.redframe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.SaveOptions;
import io.redframe.arrow.ArrowFrames;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every column type redframe stores, with nulls, through each JDBC getter that fits it. */
class TypesIT {
  private static final LocalDate DAY = LocalDate.of(2024, 2, 29);
  private static final LocalTime TIME_MS = LocalTime.of(13, 45, 30, 123_000_000);
  private static final LocalTime TIME_US = LocalTime.of(23, 59, 59, 999_999_000);
  private static final Instant INSTANT = Instant.parse("2023-06-01T12:34:56.789Z");
  private static final LocalDateTime LOCAL = LocalDateTime.of(1969, 12, 31, 23, 0, 0, 1_000);

  private BufferAllocator allocator;
  private SqlFixture fixture;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    fixture = new SqlFixture();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
    allocator.close();
  }

  @Test
  void everyTypeReadsThroughItsGetters() throws Exception {
    saveTypes();
    try (Connection connection = fixture.connect();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery("SELECT * FROM \"types\" ORDER BY i64 DESC NULLS LAST")) {
      assertThat(result.next()).isTrue();
      assertValues(result, 1);
      assertThat(result.next()).isTrue();
      assertValues(result, -1);
      assertThat(result.next()).isTrue();
      assertNulls(result);
      assertThat(result.next()).isFalse();
    }
  }

  @Test
  void metadataTypesMatchTheResultSet() throws Exception {
    saveTypes();
    try (Connection connection = fixture.connect();
        ResultSet columns = connection.getMetaData().getColumns(null, null, "types", "%")) {
      List<List<Object>> rows = SqlFixture.rows(columns);
      assertThat(rows).hasSize(14);
      assertThat(rows.stream().map(r -> r.get(3) + ":" + r.get(5)).toList())
          .containsExactly(
              "i8:TINYINT",
              "i16:SMALLINT",
              "i32:INTEGER",
              "i64:BIGINT",
              "f32:FLOAT",
              "f64:DOUBLE",
              "flag:BOOLEAN",
              "text:VARCHAR",
              "day:DATE",
              "t_ms:TIME",
              "t_us:TIME",
              "at:TIMESTAMP WITH TIME ZONE",
              "local:TIMESTAMP",
              "word:VARCHAR");
    }
  }

  private static void assertValues(ResultSet r, int sign) throws Exception {
    assertThat(r.getByte("i8")).isEqualTo((byte) (sign * 8));
    assertThat(r.getObject("i8")).isEqualTo((byte) (sign * 8));
    assertThat(r.getShort("i16")).isEqualTo((short) (sign * 16_000));
    assertThat(r.getInt("i32")).isEqualTo(sign * 2_000_000_000);
    assertThat(r.getLong("i64")).isEqualTo(sign * 9_000_000_000_000_000_000L);
    assertThat(r.getObject("i64")).isEqualTo(sign * 9_000_000_000_000_000_000L);
    assertThat(r.getFloat("f32")).isEqualTo(sign * 1.5f);
    assertThat(r.getDouble("f64")).isEqualTo(sign * Math.PI);
    assertThat(r.getBoolean("flag")).isEqualTo(sign > 0);
    assertThat(r.getString("text")).isEqualTo(sign > 0 ? "héllo, wörld" : "");
    assertThat(r.wasNull()).isFalse();
    assertThat(r.getObject("day", LocalDate.class)).isEqualTo(sign > 0 ? DAY : DAY.minusDays(1));
    assertThat(r.getDate("day").toLocalDate()).isEqualTo(sign > 0 ? DAY : DAY.minusDays(1));
    assertThat(r.getObject("t_ms", LocalTime.class)).isEqualTo(TIME_MS);
    assertThat(r.getTime("t_ms").toLocalTime()).isEqualTo(TIME_MS.withNano(0));
    assertThat(r.getObject("t_us", LocalTime.class)).isEqualTo(TIME_US);
    assertThat(r.getObject("at", OffsetDateTime.class).toInstant()).isEqualTo(INSTANT);
    assertThat(r.getTimestamp("at").toInstant()).isEqualTo(INSTANT);
    assertThat(r.getObject("local", LocalDateTime.class)).isEqualTo(LOCAL);
    assertThat(r.getTimestamp("local").toLocalDateTime()).isEqualTo(LOCAL);
    assertThat(r.getString("word")).isEqualTo(sign > 0 ? "sun" : "rain");
  }

  private static void assertNulls(ResultSet r) throws Exception {
    int columns = r.getMetaData().getColumnCount();
    for (int c = 1; c <= columns; c++) {
      assertThat(r.getObject(c)).as("column %d", c).isNull();
      assertThat(r.wasNull()).isTrue();
    }
    assertThat(r.getLong("i64")).isZero();
    assertThat(r.wasNull()).isTrue();
    assertThat(r.getString("word")).isNull();
    assertThat(r.getTimestamp("at")).isNull();
  }

  /** Rows: values (i64 > 0), negated values, nulls everywhere (i64 null sorts last). */
  private void saveTypes() {
    try (VectorSchemaRoot root = types();
        VarCharVector words = new VarCharVector("words", allocator)) {
      words.allocateNew();
      words.setSafe(0, "rain".getBytes(StandardCharsets.UTF_8));
      words.setSafe(1, "sun".getBytes(StandardCharsets.UTF_8));
      words.setValueCount(2);
      DictionaryProvider.MapDictionaryProvider dictionaries =
          new DictionaryProvider.MapDictionaryProvider();
      dictionaries.put(new Dictionary(words, new DictionaryEncoding(7L, false, null)));
      ArrowFrames.of(fixture.store).save("types", root, dictionaries, SaveOptions.defaults());
    }
  }

  private VectorSchemaRoot types() {
    TinyIntVector i8 = new TinyIntVector("i8", allocator);
    SmallIntVector i16 = new SmallIntVector("i16", allocator);
    IntVector i32 = new IntVector("i32", allocator);
    BigIntVector i64 = new BigIntVector("i64", allocator);
    Float4Vector f32 = new Float4Vector("f32", allocator);
    Float8Vector f64 = new Float8Vector("f64", allocator);
    BitVector flag = new BitVector("flag", allocator);
    VarCharVector text = new VarCharVector("text", allocator);
    DateDayVector day = new DateDayVector("day", allocator);
    TimeMilliVector tms = new TimeMilliVector("t_ms", allocator);
    TimeMicroVector tus = new TimeMicroVector("t_us", allocator);
    TimeStampMilliTZVector at = new TimeStampMilliTZVector("at", allocator, "UTC");
    TimeStampMicroVector local = new TimeStampMicroVector("local", allocator);
    IntVector word =
        new IntVector(
            "word",
            new FieldType(
                true, new ArrowType.Int(32, true), new DictionaryEncoding(7L, false, null)),
            allocator);
    List<FieldVector> vectors =
        List.of(i8, i16, i32, i64, f32, f64, flag, text, day, tms, tus, at, local, word);
    vectors.forEach(FieldVector::allocateNew);
    for (int row = 0; row < 2; row++) {
      int sign = row == 0 ? 1 : -1;
      i8.setSafe(row, sign * 8);
      i16.setSafe(row, sign * 16_000);
      i32.setSafe(row, sign * 2_000_000_000);
      i64.setSafe(row, sign * 9_000_000_000_000_000_000L);
      f32.setSafe(row, sign * 1.5f);
      f64.setSafe(row, sign * Math.PI);
      flag.setSafe(row, sign > 0 ? 1 : 0);
      text.setSafe(row, (sign > 0 ? "héllo, wörld" : "").getBytes(StandardCharsets.UTF_8));
      day.setSafe(row, (int) (sign > 0 ? DAY : DAY.minusDays(1)).toEpochDay());
      tms.setSafe(row, (int) (TIME_MS.toNanoOfDay() / 1_000_000));
      tus.setSafe(row, TIME_US.toNanoOfDay() / 1_000);
      at.setSafe(row, INSTANT.toEpochMilli());
      local.setSafe(row, -3_600_000_000L + 1);
      word.setSafe(row, sign > 0 ? 1 : 0);
    }
    vectors.forEach(v -> v.setNull(2));
    vectors.forEach(v -> v.setValueCount(3));
    return new VectorSchemaRoot(vectors);
  }
}
