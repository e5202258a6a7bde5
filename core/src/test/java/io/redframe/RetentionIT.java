package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.testing.TestRedis;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * A publish walks only the versions whose retention changes (newest first, stopping at the first
 * one already in its grace period, or past the {@code graceVersions} cap); what each version gets
 * must be what a walk over all of them gave.
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

  private static void saveBytes(FrameStore store, String name, int size, int seed) {
    byte[] bytes = new byte[size];
    java.util.Arrays.fill(bytes, (byte) seed);
    store.saveBytes(name, bytes);
  }

  @Test
  void superseededVersionsKeepTheirGracePeriodWithinTheBudgetAndPinsOutliveIt() {
    try (FrameStore store =
            TestRedis.store(b -> b.gracePeriod(Duration.ofSeconds(60)).graceBytes(1 << 20));
        UnifiedJedis raw = TestRedis.client()) {
      for (int i = 1; i <= 3; i++) {
        saveBytes(store, "b", 300_000, i);
      }
      try (Pin pin = store.pin("b", 2, Duration.ofSeconds(20))) {
        for (int i = 4; i <= 20; i++) {
          saveBytes(store, "b", 300_000, i);
        }
        // saving 20 put 16 to 19 (1.2 MB) past the 1 MiB budget: the publish kept the newest
        // superseded version and removed the others down to half the budget, but the pinned one
        assertThat(store.versions("b"))
            .extracting(VersionInfo::version)
            .containsExactly(2L, 19L, 20L);
        assertThat(pttl(raw, store, "b", 2)).as("the pin's life").isBetween(1L, 20_000L);
        assertThat(pttl(raw, store, "b", 19)).as("superseded v19").isBetween(20_001L, 60_000L);
        for (long v = 3; v <= 18; v++) {
          assertThat(pttl(raw, store, "b", v)).as("v%d past the budget", v).isEqualTo(-2);
        }
        assertThat(pttl(raw, store, "b", 20)).isEqualTo(-1);
        assertThat(store.load(pin.ref(), io.redframe.testing.Concatenate.chunks()))
            .containsOnly((byte) 2);
      }
    }
  }

  @Test
  void theNewestSupersededVersionKeepsItsGracePeriodWhateverItsSize() {
    try (FrameStore store = TestRedis.store(b -> b.graceBytes(0))) {
      for (int i = 1; i <= 5; i++) {
        saveBytes(store, "z", 100_000, i);
      }
      assertThat(store.versions("z")).extracting(VersionInfo::version).containsExactly(4L, 5L);
      assertThat(store.config().gracePeriod()).isEqualTo(Duration.ofSeconds(60));
    }
  }

  @Test
  void aLowerBudgetSetByALaterWriterRemovesTheOlderVersionsAtOnce() {
    try (FrameStore generous = TestRedis.store(b -> b.graceBytes(1L << 30));
        UnifiedJedis raw = TestRedis.client()) {
      assertThat(TestRedis.store().config().graceBytes()).as("the default").isEqualTo(256L << 20);
      for (int i = 1; i <= 30; i++) {
        saveBytes(generous, "l", 100_000, i);
      }
      assertThat(generous.versions("l")).hasSize(30);
      try (FrameStore frugal =
          FrameStore.builder()
              .url(TestRedis.url())
              .prefix(generous.config().prefix())
              .graceBytes(500_000)
              .build()) {
        saveBytes(frugal, "l", 100_000, 31);
        assertThat(frugal.versions("l"))
            .extracting(VersionInfo::version)
            .containsExactly(29L, 30L, 31L); // trimmed to half the budget: 200,000 bytes
        for (long v = 1; v <= 28; v++) {
          assertThat(pttl(raw, frugal, "l", v)).as("v%d past the budget", v).isEqualTo(-2);
        }
      }
    }
  }
}
