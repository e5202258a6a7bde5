package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.testing.TestRedis;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * A publish walks only the versions whose retention changes (newest first, stopping at the first
 * one already in its grace period); what each version gets must be what a walk over all of them
 * gave.
 */
class RetentionIT {
  private static long pttl(UnifiedJedis raw, FrameStore store, String name, long version) {
    return raw.pttl(TestRedis.versionKey(store, name, version));
  }

  @Test
  void manySupersededVersionsEachKeepTheirGraceAndTheNewestPersist() {
    Duration grace = Duration.ofSeconds(60);
    try (FrameStore store = TestRedis.store(b -> b.keepVersions(3).gracePeriod(grace));
        UnifiedJedis raw = TestRedis.client()) {
      for (int i = 1; i <= 200; i++) {
        store.saveObject("busy", Map.of("i", i));
      }
      for (long v = 198; v <= 200; v++) {
        assertThat(pttl(raw, store, "busy", v)).as("kept v%d", v).isEqualTo(-1);
      }
      for (long v = 1; v <= 197; v++) {
        assertThat(pttl(raw, store, "busy", v)).as("superseded v%d", v).isBetween(1L, 60_000L);
      }
      assertThat(store.versions("busy")).hasSize(200);
      Map<?, ?> first = store.loadObject("busy", 1, Map.class);
      assertThat(first).isEqualTo(Map.of("i", 1));
    }
  }

  @Test
  void fewerVersionsKeptByALaterWriterPutTheRestInTheirGracePeriod() {
    try (FrameStore many = TestRedis.store(b -> b.keepVersions(5));
        UnifiedJedis raw = TestRedis.client()) {
      for (int i = 1; i <= 12; i++) {
        many.saveObject("f", Map.of("i", i));
      }
      assertThat(pttl(raw, many, "f", 8)).isEqualTo(-1);
      try (FrameStore few =
          FrameStore.builder()
              .url(TestRedis.url())
              .prefix(many.config().prefix())
              .keepVersions(1)
              .gracePeriod(Duration.ofSeconds(30))
              .build()) {
        few.saveObject("f", Map.of("i", 13));
        assertThat(pttl(raw, few, "f", 13)).isEqualTo(-1);
        for (long v = 8; v <= 12; v++) {
          assertThat(pttl(raw, few, "f", v)).as("v%d left the newest 1", v).isBetween(1L, 30_000L);
        }
      }
    }
  }

  @Test
  void withoutAGracePeriodOnlyTheKeptAndThePinnedRemain() {
    try (FrameStore store = TestRedis.store(b -> b.keepVersions(2).gracePeriod(Duration.ZERO));
        UnifiedJedis raw = TestRedis.client()) {
      store.saveObject("g", Map.of("i", 1));
      try (Pin pin = store.pin("g", 1, Duration.ofSeconds(30))) {
        for (int i = 2; i <= 40; i++) {
          store.saveObject("g", Map.of("i", i));
        }
        assertThat(store.versions("g"))
            .extracting(VersionInfo::version)
            .containsExactly(1L, 39L, 40L);
        assertThat(pttl(raw, store, "g", 1)).isBetween(1L, 30_000L);
        assertThat(pin.ref().version()).isEqualTo(1);
      }
    }
  }
}
