package io.redframe.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.ChunkEntry;
import io.redframe.ColumnSpec;
import io.redframe.CorruptFrameException;
import io.redframe.LimitExceededException;
import io.redframe.Manifest;
import io.redframe.spi.Checksums;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ManifestJsonTest {
  private static final ManifestJson JSON = new ManifestJson(1 << 20, 1000, 1 << 20);

  static Manifest sample() {
    return new Manifest(
        1,
        "sales",
        3,
        "0123456789abcdef0123456789abcdef",
        "arrow",
        1,
        "zstd",
        10,
        300,
        List.of(
            new ColumnSpec("id", "int64", false, Map.of()),
            new ColumnSpec("x y $", "utf8", true, Map.of("k", "v"))),
        List.of(
            new ChunkEntry("c:0", 0, 5, List.of(0), 100, "0a1b2c3d"),
            new ChunkEntry("c:1", 0, 5, List.of(1), 100, "00000000"),
            new ChunkEntry("c:2", 5, 5, List.of(), 100, "ffffffff")),
        Instant.parse("2026-11-23T12:00:00Z"),
        "redframe/dev",
        Map.of("team", "risk"),
        null);
  }

  @org.junit.jupiter.api.Test
  void roundTrips() {
    Manifest manifest = sample();
    byte[] bytes = JSON.write(manifest);

    assertThat(JSON.read(bytes, Checksums.crc32c(bytes), "frame 'sales' version 3"))
        .isEqualTo(manifest);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .startsWith("{\n  \"layout\" : 1,\n  \"name\" : \"sales\"");
  }

  /**
   * Properties read from JSON are frozen all the way down: a caller that changes a nested list (a
   * raw array's shape) of one manifest cannot change what another reader of it (the load cache's
   * next load) sees.
   */
  @org.junit.jupiter.api.Test
  void nestedPropertiesAreUnmodifiable() {
    String json =
        new String(JSON.write(sample()), StandardCharsets.UTF_8)
            .replaceFirst(
                "\"properties\" : \\{ \\}",
                "\"properties\" : { \"shape\" : [ 2, 3 ], \"meta\" : { \"axes\" : [ \"r\" ], \"none\" : null } }");
    assertThat(json).contains("\"shape\"");
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Manifest manifest = JSON.read(bytes, Checksums.crc32c(bytes), "f");

    @SuppressWarnings("unchecked")
    List<Object> shape = (List<Object>) manifest.properties().get("shape");
    assertThat(shape).containsExactly(2, 3);
    assertThatThrownBy(() -> shape.set(0, 3)).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> meta = (Map<String, Object>) manifest.properties().get("meta");
    assertThat(meta).containsEntry("none", null);
    assertThatThrownBy(() -> meta.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> axes = (List<Object>) meta.get("axes");
    assertThatThrownBy(() -> axes.add("c")).isInstanceOf(UnsupportedOperationException.class);

    // and a manifest built from mutable values keeps its own copy
    List<Object> mutable = new java.util.ArrayList<>(List.of(4, 5));
    Map<String, Object> properties = new java.util.HashMap<>();
    properties.put("shape", mutable);
    Manifest built = sample();
    Manifest copy =
        new Manifest(
            built.layout(),
            built.name(),
            built.version(),
            built.id(),
            built.codec(),
            built.codecVersion(),
            built.compression(),
            built.rows(),
            built.bytes(),
            built.columns(),
            built.chunks(),
            built.created(),
            built.writer(),
            built.tags(),
            properties);
    mutable.set(0, 9);
    assertThat(copy.properties().get("shape")).isEqualTo(List.of(4, 5));
  }

  @org.junit.jupiter.api.Test
  void countsAndIndexesAreChecked() {
    assertRejected(sample().chunks().get(0).field(), "\"c:0\"", "\"c:1\"", "bad field name");
    assertRejected("\"rows\" : 10,", "\"rows\" : 10,", "\"rows\" : 7,", "covers rows past the end");
    assertRejected(
        "\"columns\" : [ 1 ]", "\"columns\" : [ 1 ]", "\"columns\" : [ 9 ]", "names a bad column");
    assertRejected(
        "\"bytes\" : 300", "\"bytes\" : 300", "\"bytes\" : 301", "add up to 300, not 301");
  }

  private static void assertRejected(String unused, String from, String to, String message) {
    String json =
        new String(JSON.write(sample()), StandardCharsets.UTF_8)
            .replaceFirst(java.util.regex.Pattern.quote(from), to);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> JSON.read(bytes, Checksums.crc32c(bytes), "f"))
        .isInstanceOf(CorruptFrameException.class)
        .hasMessageContaining(message);
  }

  @org.junit.jupiter.api.Test
  void tooManyChunksHitTheLimit() {
    ManifestJson strict = new ManifestJson(1 << 20, 2, 1 << 20);
    byte[] bytes = JSON.write(sample());

    assertThatThrownBy(() -> strict.read(bytes, Checksums.crc32c(bytes), "f"))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("(3) exceeds the maximum (2, set by maxChunks)");
  }

  /** Random bytes with a matching checksum: only the documented exceptions, never anything else. */
  @Property(tries = 2000)
  void randomBytesAreRejectedCleanly(@ForAll @Size(max = 400) byte[] bytes) {
    assertThatThrownBy(() -> JSON.read(bytes, Checksums.crc32c(bytes), "f"))
        .isInstanceOfAny(CorruptFrameException.class, LimitExceededException.class);
  }

  /** A valid manifest with one byte changed: parsed and checked, or rejected cleanly. */
  @Property(tries = 3000)
  void mutatedManifestsAreRejectedOrStillValid(
      @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll byte value) {
    byte[] bytes = JSON.write(sample());
    bytes[position % bytes.length] = value;
    try {
      Manifest m = JSON.read(bytes, Checksums.crc32c(bytes), "f");
      assertThat(m.chunks().stream().mapToLong(ChunkEntry::bytes).sum()).isEqualTo(m.bytes());
    } catch (CorruptFrameException | LimitExceededException expected) {
      assertThat(expected.getMessage()).containsIgnoringCase("manifest of f");
    }
  }

  @org.junit.jupiter.api.Test
  void aWrongChecksumIsCorruption() {
    byte[] bytes = JSON.write(sample());
    assertThatThrownBy(() -> JSON.read(bytes, "00000000", "frame 'sales' version 3"))
        .isInstanceOf(CorruptFrameException.class)
        .hasMessageContaining("Corrupt manifest of frame 'sales' version 3: CRC-32C is");
  }
}
