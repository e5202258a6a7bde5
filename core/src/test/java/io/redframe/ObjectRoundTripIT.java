package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redframe.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.UnifiedJedis;

class ObjectRoundTripIT {
  record Run(String model, int epoch, double loss, LocalDate day, Instant at, List<Double> curve) {}

  /** A plain Java bean, as older code has them. */
  public static final class Settings {
    private String name;
    private Map<String, Integer> limits = new LinkedHashMap<>();

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public Map<String, Integer> getLimits() {
      return limits;
    }

    public void setLimits(Map<String, Integer> limits) {
      this.limits = limits;
    }
  }

  /** Optional fields and the java.time types, as application records have them. */
  record Job(
      String name,
      Optional<String> owner,
      Optional<Integer> retries,
      OptionalLong budget,
      OptionalDouble score,
      Duration timeout,
      Period every,
      LocalDateTime due,
      LocalTime at,
      OffsetDateTime sent,
      ZonedDateTime local,
      YearMonth month,
      Year year,
      ZoneId zone) {}

  private FrameStore store;

  @BeforeEach
  void open() {
    store = TestRedis.store(b -> b.chunkSize(4096));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @ParameterizedTest
  @EnumSource(ObjectFormat.class)
  void optionalFieldsAndJavaTimeTypesRoundTrip(ObjectFormat format) {
    Job full =
        new Job(
            "nightly",
            Optional.of("ana"),
            Optional.of(3),
            OptionalLong.of(1L << 40),
            OptionalDouble.of(0.75),
            Duration.ofMinutes(90).plusMillis(5),
            Period.of(1, 2, 3),
            LocalDateTime.of(2026, 12, 2, 6, 0, 0, 123_456_789),
            LocalTime.of(23, 59, 59, 999_000_000),
            OffsetDateTime.parse("2026-12-02T06:00:00.5+05:30"),
            ZonedDateTime.parse("2026-07-01T10:15:30+02:00[Europe/Paris]"),
            YearMonth.of(2026, 12),
            Year.of(1776),
            ZoneId.of("America/Sao_Paulo"));
    Job empty =
        new Job(
            "adhoc",
            Optional.empty(),
            Optional.empty(),
            OptionalLong.empty(),
            OptionalDouble.empty(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    store.saveObject("full", full, format);
    store.saveObject("empty", empty, format);

    assertThat(store.loadObject("full", Job.class)).isEqualTo(full);
    assertThat(store.loadObject("empty", Job.class)).isEqualTo(empty);
    Map<?, ?> asMap = store.loadObject("full", Map.class);
    assertThat(asMap.get("owner")).isEqualTo("ana"); // the value, not {"present":true}
    assertThat(asMap.get("timeout")).isEqualTo("PT1H30M0.005S");
    assertThat(asMap.get("local")).isEqualTo("2026-07-01T10:15:30+02:00[Europe/Paris]");
  }

  /** Doubles of every magnitude, subnormals and -0.0 included, come back bit for bit. */
  @ParameterizedTest
  @EnumSource(ObjectFormat.class)
  void everyDoubleComesBackBitForBit(ObjectFormat format) {
    java.util.Random random = new java.util.Random(17);
    List<Double> values =
        new ArrayList<>(
            List.of(
                0.1,
                -0.0,
                Double.MIN_VALUE,
                Double.MAX_VALUE,
                Double.MIN_NORMAL,
                Double.parseDouble("1e23"),
                Math.nextDown(Double.MIN_NORMAL),
                Math.pow(2, 53) + 2,
                Math.nextUp(0.3)));
    while (values.size() < 20_000) {
      double value = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(value)) {
        values.add(value);
      }
    }
    store.saveObject("doubles", values, format);
    List<Double> loaded =
        store.loadObject("doubles", new TypeReference<List<Double>>() {}.getType());
    assertThat(loaded.stream().map(Double::doubleToRawLongBits).toList())
        .isEqualTo(values.stream().map(Double::doubleToRawLongBits).toList());
  }

  @ParameterizedTest
  @EnumSource(ObjectFormat.class)
  void recordsRoundTrip(ObjectFormat format) {
    Run run =
        new Run(
            "gbm",
            7,
            0.125,
            LocalDate.of(2026, 11, 23),
            Instant.parse("2026-11-23T10:15:30.123Z"),
            List.of(1.0, 0.5, 0.25));
    SaveResult saved = store.saveObject("run", run, format);

    assertThat(saved.version()).isEqualTo(1);
    assertThat(saved.current()).isTrue();
    assertThat(store.loadObject("run", Run.class)).isEqualTo(run);
    assertThat(store.manifest("run").codec()).isEqualTo(format.codec());
  }

  @ParameterizedTest
  @EnumSource(ObjectFormat.class)
  void mapsAndBeansRoundTrip(ObjectFormat format) {
    Map<String, Object> dict = new LinkedHashMap<>();
    dict.put("alpha", 0.05);
    dict.put("names", List.of("a", "ü", "数据"));
    dict.put("nested", Map.of("k", List.of(1, 2, 3)));
    store.saveObject("dict", dict, format);
    Settings settings = new Settings();
    settings.setName("prod");
    settings.getLimits().put("rows", 1000);
    store.saveObject("bean", settings, format);

    Map<String, Object> dictBack =
        store.loadObject("dict", new TypeReference<Map<String, Object>>() {}.getType());
    assertThat(dictBack).isEqualTo(dict);
    Settings back = store.loadObject("bean", Settings.class);
    assertThat(back.getName()).isEqualTo("prod");
    assertThat(back.getLimits()).containsExactly(Map.entry("rows", 1000));
  }

  @Test
  void largeObjectSpansManyChunksAndComesBackWhole() {
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      runs.add(
          new Run(
              "m" + i,
              i,
              i / 3.0,
              LocalDate.ofEpochDay(i),
              Instant.ofEpochSecond(i),
              List.of((double) i)));
    }
    SaveResult saved = store.saveObject("runs", runs);
    Manifest manifest = store.manifest("runs");

    assertThat(saved.chunks()).isGreaterThan(10);
    assertThat(manifest.chunks()).hasSize(saved.chunks());
    assertThat(manifest.chunks()).allSatisfy(c -> assertThat(c.bytes()).isLessThanOrEqualTo(4096));
    List<Run> back = store.loadObject("runs", new TypeReference<List<Run>>() {}.getType());
    assertThat(back).isEqualTo(runs);
  }

  @Test
  void eachSaveIsANewVersionAndOldVersionsStayReadableWhileKept() {
    store.saveObject("counter", Map.of("n", 1));
    store.saveObject("counter", Map.of("n", 2));

    assertThat(store.manifest("counter").version()).isEqualTo(2);
    Map<?, ?> current = store.loadObject("counter", Map.class);
    Map<?, ?> first = store.loadObject("counter", 1, Map.class);
    assertThat(current).isEqualTo(Map.of("n", 2));
    assertThat(first).isEqualTo(Map.of("n", 1));
  }

  @Test
  void aDocumentThatDoesNotFitTheTypeIsReportedWithFrameAndType() {
    store.saveObject("list", List.of(1, 2, 3));

    assertThatThrownBy(() -> store.loadObject("list", Run.class))
        .isInstanceOf(CorruptFrameException.class)
        .hasMessageContaining("'list' version 1")
        .hasMessageContaining("Run");
  }

  @Test
  void anObjectLoaderRefusesAFrameOfAnotherCodec() {
    store.saveBytes("blob", new byte[] {1, 2, 3});

    assertThatThrownBy(() -> store.loadObject("blob", Map.class))
        .isInstanceOf(FrameStoreException.class)
        .hasMessageContaining("codec bytes v1");
  }

  @Test
  void missingFrameIsNotFound() {
    assertThatThrownBy(() -> store.loadObject("nope", Map.class))
        .isInstanceOf(FrameNotFoundException.class)
        .hasMessageContaining("No frame 'nope'")
        .hasMessageContaining(store.config().prefix());
    assertThat(store.exists("nope")).isFalse();
  }

  /** What {@code redis-cli HGET <prefix>:{name}:v:1 manifest} prints: indented, readable JSON. */
  @Test
  void theManifestFieldIsReadableJson() throws Exception {
    store.saveObject(
        "cfg",
        Map.of("a", 1),
        ObjectFormat.YAML,
        SaveOptions.defaults().tags(Map.of("team", "risk")));
    String key = store.config().prefix() + ":{cfg}:v:1";
    try (UnifiedJedis raw = TestRedis.client()) {
      byte[] field =
          raw.hget(
              key.getBytes(StandardCharsets.UTF_8), "manifest".getBytes(StandardCharsets.UTF_8));
      String text = new String(field, StandardCharsets.UTF_8);
      JsonNode json = new ObjectMapper().readTree(text);

      assertThat(text).contains("\n  \"name\" : \"cfg\"");
      assertThat(json.get("layout").asInt()).isEqualTo(1);
      assertThat(json.get("version").asLong()).isEqualTo(1);
      assertThat(json.get("codec").asText()).isEqualTo("yaml");
      assertThat(json.get("tags").get("team").asText()).isEqualTo("risk");
      assertThat(json.get("chunks").get(0).get("field").asText()).isEqualTo("c:0");
      assertThat(json.get("chunks").get(0).get("crc32c").asText()).matches("[0-9a-f]{8}");
      assertThat(json.get("writer").asText()).startsWith("redframe/");
    }
  }

  /** Numbers and bytes CBOR keeps as themselves (JSON would write them as text or base64). */
  @SuppressWarnings("ArrayRecordComponent") // compared element by element below
  record Measurements(
      double[] values, byte[] raw, java.math.BigDecimal price, java.math.BigInteger big, float f) {}

  @Test
  void cborKeepsNumbersAsTheirBytesAndEveryValueExactly() {
    double[] values = new double[10_000];
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < values.length; i++) {
      values[i] = Double.longBitsToDouble(random.nextLong());
    }
    values[0] = Double.NaN;
    values[1] = Double.NEGATIVE_INFINITY;
    values[2] = -0.0;
    Measurements saved =
        new Measurements(
            values,
            new byte[] {0, -1, 127, -128},
            new java.math.BigDecimal("12345678901234567890.000000000000000000001"),
            java.math.BigInteger.TWO.pow(100).negate(),
            Float.MIN_VALUE);
    store.saveObject("m", saved, ObjectFormat.CBOR);
    Manifest manifest = store.manifest("m");
    assertThat(manifest.codec()).isEqualTo("cbor");
    assertThat(manifest.bytes())
        .as("9 bytes a double, plus a little")
        .isLessThan(9L * 10_000 + 200);

    Measurements loaded = store.loadObject("m", Measurements.class);
    for (int i = 0; i < values.length; i++) {
      assertThat(Double.doubleToRawLongBits(loaded.values()[i]))
          .as("value %d", i)
          .isEqualTo(Double.doubleToRawLongBits(values[i]));
    }
    assertThat(loaded.raw()).isEqualTo(saved.raw());
    assertThat(loaded.price()).isEqualTo(saved.price());
    assertThat(loaded.big()).isEqualTo(saved.big());
    assertThat(loaded.f()).isEqualTo(Float.MIN_VALUE);
  }

  @Test
  void aForgedCborLengthIsCorruptionNotAnAllocation() {
    // a byte string that says it holds 2^31 - 1 bytes, followed by three
    byte[] forged = {0x5a, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3};
    store.save(
        "forged",
        new io.redframe.spi.FrameEncoder() {
          @Override
          public io.redframe.spi.CodecId codec() {
            return new io.redframe.spi.CodecId("cbor", 1);
          }

          @Override
          public io.redframe.spi.EncodedFrame encode(io.redframe.spi.ChunkSink sink)
              throws java.io.IOException {
            sink.write(0, 0, List.of(), forged);
            return new io.redframe.spi.EncodedFrame(0, List.of(), "none", Map.of());
          }
        });
    assertThatThrownBy(() -> store.loadObject("forged", byte[].class))
        .isInstanceOf(CorruptFrameException.class)
        .hasMessageContaining("forged")
        .hasMessageContaining("cbor");
  }
}
