package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * A version, once handed out, names one content forever: numbers restart after a frame expires or
 * is deleted, ids never repeat, and a durable reference checks the id.
 */
class VersionIdentityIT {
  private FrameStore store;

  @BeforeEach
  void open() {
    store = TestRedis.store();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aReferenceToADeletedVersionIsStaleWhenItsNumberComesBack() {
    store.saveObject("w", Map.of("city", "Seattle"));
    FrameRef before = store.manifest("w").ref();
    assertThat(before.version()).isEqualTo(1);
    assertThat(map(store.loadObject(before, Map.class))).containsEntry("city", "Seattle");

    store.delete("w");
    store.saveObject("w", Map.of("city", "Oslo"));
    Manifest after = store.manifest("w");
    assertThat(after.version()).isEqualTo(1);
    assertThat(after.id()).isNotEqualTo(before.id());

    assertThatThrownBy(() -> store.loadObject(before, Map.class))
        .isInstanceOf(StaleReferenceException.class)
        .hasMessageContaining(before.durable())
        .hasMessageContaining(after.id());
    assertThatThrownBy(() -> store.manifest(before)).isInstanceOf(StaleReferenceException.class);
    assertThatThrownBy(() -> store.pin(before, Duration.ofSeconds(5)))
        .isInstanceOf(StaleReferenceException.class);
    // By number alone (no id) the reference reads whatever the number holds now.
    assertThat(map(store.loadObject(new FrameRef("w", 1, ""), Map.class)))
        .containsEntry("city", "Oslo");
  }

  @Test
  void aReferenceToAnExpiredVersionIsStaleWhenItsNumberComesBack() {
    store.saveObject(
        "x", Map.of("n", 1), ObjectFormat.JSON, SaveOptions.defaults().ttl(Duration.ofMillis(400)));
    FrameRef before = store.manifest("x").ref();
    TestRedis.await("the frame to expire", Duration.ofSeconds(10), () -> !store.exists("x"));
    assertThatThrownBy(() -> store.loadObject(before, Map.class))
        .isInstanceOf(FrameNotFoundException.class)
        .isNotInstanceOf(StaleReferenceException.class);
    store.saveObject("x", Map.of("n", 2));
    assertThat(store.manifest("x").version()).isEqualTo(1);
    assertThatThrownBy(() -> store.loadObject(before, Map.class))
        .isInstanceOf(StaleReferenceException.class);
  }

  @Test
  void everyVersionHasItsOwnIdInManifestVersionKeyAndHead() {
    store.saveObject("i", Map.of("n", 1));
    store.saveObject("i", Map.of("n", 2));
    Manifest first = store.manifest("i", java.util.OptionalLong.of(1));
    Manifest second = store.manifest("i");
    assertThat(first.id()).matches("[0-9a-f]{32}").isNotEqualTo(second.id());
    try (UnifiedJedis raw = TestRedis.client()) {
      assertThat(raw.hget(TestRedis.frameBase(store, "i") + "head", "id")).isEqualTo(second.id());
      assertThat(raw.hget(TestRedis.frameBase(store, "i") + "v:2", "id")).isEqualTo(second.id());
    }
    assertThat(FrameRef.parse(second.ref().durable())).isEqualTo(second.ref());
  }

  @Test
  void aVersionKeyWhoseIdDisagreesWithItsManifestIsCorrupt() {
    store.saveObject("k", Map.of("n", 1));
    try (UnifiedJedis raw = TestRedis.client()) {
      raw.hset(
          TestRedis.versionKey(store, "k", 1),
          "id".getBytes(StandardCharsets.US_ASCII),
          "0".repeat(32).getBytes(StandardCharsets.US_ASCII));
    }
    assertThatThrownBy(() -> store.loadObject("k", Map.class))
        .isInstanceOf(CorruptFrameException.class)
        .hasMessageContaining("id");
  }

  @Test
  void theWrongLoaderIsACodecMismatchNotCorruption() {
    store.saveObject("o", Map.of("n", 1));
    store.saveBytes("b", new byte[] {1, 2, 3});
    assertThatThrownBy(() -> store.loadBytes("o"))
        .isInstanceOf(CodecMismatchException.class)
        .hasMessageContaining("an object")
        .hasMessageContaining("json v1");
    assertThatThrownBy(() -> store.loadObject("b", Map.class))
        .isInstanceOf(CodecMismatchException.class)
        .hasMessageContaining("bytes v1");
    assertThat(store.manifest("o").kind()).isEqualTo(FrameKind.OBJECT);
    assertThat(store.manifest("b").kind()).isEqualTo(FrameKind.BYTES);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<?, ?> loaded) {
    return (Map<String, Object>) loaded;
  }
}
