package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pins keep a version readable by number whatever saves, retention, TTLs and deletes happen. */
class PinIT {
  private final List<FrameStore> stores = new ArrayList<>();

  private FrameStore store(Duration grace, int keep) {
    FrameStore store = TestRedis.store(b -> b.gracePeriod(grace).keepVersions(keep));
    stores.add(store);
    return store;
  }

  @AfterEach
  void close() {
    stores.forEach(FrameStore::close);
  }

  private static Map<String, Object> content(int n) {
    return Map.of("n", n, "text", "version " + n);
  }

  @Test
  void aPinnedVersionOutlivesTenSavesWithoutGraceAndADelete() {
    FrameStore store = store(Duration.ZERO, 1);
    store.saveObject("w", content(1));
    try (Pin pin = store.pin("w", Duration.ofMinutes(1))) {
      assertThat(pin.ref().version()).isEqualTo(1);
      assertThat(pin.ref().id()).isEqualTo(store.manifest("w").id()).hasSize(32);
      for (int n = 2; n <= 11; n++) {
        store.saveObject("w", content(n));
      }
      // Without the pin, grace 0 and keepVersions 1 would have removed version 1 at once.
      assertThat(store.versions("w")).extracting(VersionInfo::version).containsExactly(1L, 11L);
      assertThat(store.delete("w")).isTrue();
      assertThat(store.exists("w")).isFalse();

      assertThat(map(store.loadObject(pin.ref(), Map.class))).isEqualTo(content(1));
      assertThat(map(store.loadObject("w", 1, Map.class))).isEqualTo(content(1));
      assertThatThrownBy(() -> store.loadObject("w", 11, Map.class))
          .isInstanceOf(FrameNotFoundException.class);
    }
    // The last pin ended on a deleted frame: the version goes at once.
    assertThatThrownBy(() -> store.loadObject("w", 1, Map.class))
        .isInstanceOf(FrameNotFoundException.class);
  }

  @Test
  void aPinExpiresByItselfAndThenItsVersionIsGone() {
    FrameStore store = store(Duration.ZERO, 1);
    store.saveObject("e", content(1));
    Pin pin = store.pin("e", 1, Duration.ofMillis(700));
    store.saveObject("e", content(2));
    assertThat(map(store.loadObject("e", 1, Map.class))).isEqualTo(content(1));

    TestRedis.await(
        "the pinned version to expire",
        Duration.ofSeconds(10),
        () -> store.versions("e").stream().noneMatch(v -> v.version() == 1));
    assertThatThrownBy(() -> store.loadObject(pin.ref(), Map.class))
        .isInstanceOf(FrameNotFoundException.class);
    assertThatThrownBy(() -> pin.renew(Duration.ofMinutes(1)))
        .isInstanceOf(FrameNotFoundException.class);
    pin.close(); // an expired pin closes quietly
    assertThat(map(store.loadObject("e", Map.class))).isEqualTo(content(2));
  }

  @Test
  void renewingExtendsAndClosingHandsTheVersionBackToRetention() {
    FrameStore store = store(Duration.ZERO, 1);
    store.saveObject("r", content(1));
    java.time.Instant firstTtlEnds = java.time.Instant.now().plusMillis(800);
    Pin pin = store.pin("r", Duration.ofMillis(800));
    pin.renew(Duration.ofMinutes(1));
    assertThat(pin.expiresAt()).isAfter(java.time.Instant.now().plusSeconds(30));
    store.saveObject("r", content(2));
    TestRedis.await(
        "the first pin TTL to pass",
        Duration.ofSeconds(5),
        () -> java.time.Instant.now().isAfter(firstTtlEnds.plusMillis(200)));
    assertThat(map(store.loadObject(pin.ref(), Map.class))).isEqualTo(content(1));

    Pin second = store.pin(pin.ref(), Duration.ofMinutes(1));
    pin.close();
    assertThat(map(store.loadObject("r", 1, Map.class))).isEqualTo(content(1)); // still pinned once
    second.close();
    assertThatThrownBy(() -> store.loadObject("r", 1, Map.class))
        .isInstanceOf(FrameNotFoundException.class);
    assertThatThrownBy(() -> second.renew(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aPinOutlivesTheFramesTtlAndKeepVersions() {
    FrameStore store = store(Duration.ofMillis(200), 2);
    store.saveObject(
        "t", content(1), ObjectFormat.JSON, SaveOptions.defaults().ttl(Duration.ofMillis(900)));
    try (Pin pin = store.pin("t", Duration.ofMinutes(1))) {
      for (int n = 2; n <= 5; n++) {
        store.saveObject(
            "t", content(n), ObjectFormat.JSON, SaveOptions.defaults().ttl(Duration.ofMillis(900)));
      }
      TestRedis.await("the frame to expire", Duration.ofSeconds(10), () -> !store.exists("t"));
      assertThat(map(store.loadObject(pin.ref(), Map.class))).isEqualTo(content(1));
    }
  }

  @Test
  void pinningWhatIsNotThereFailsClearly() {
    FrameStore store = store(Duration.ZERO, 1);
    assertThatThrownBy(() -> store.pin("nothing", Duration.ofSeconds(5)))
        .isInstanceOf(FrameNotFoundException.class)
        .hasMessageContaining("'nothing'");
    store.saveObject("p", content(1));
    assertThatThrownBy(() -> store.pin("p", 7, Duration.ofSeconds(5)))
        .isInstanceOf(FrameNotFoundException.class)
        .hasMessageContaining("version 7");
    assertThatThrownBy(() -> store.pin("p", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentPinsAndSavesNeverLoseAPinnedVersion() throws Exception {
    FrameStore store = store(Duration.ZERO, 1);
    store.saveObject("c", content(0));
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      Future<Integer> saver =
          threads.submit(
              () -> {
                int n = 0;
                while (!stop.get()) {
                  store.saveObject("c", content(++n));
                }
                return n;
              });
      List<Future<Integer>> pinners = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        pinners.add(
            threads.submit(
                () -> {
                  int checked = 0;
                  for (int i = 0; i < 60; i++) {
                    try (Pin pin = store.pin("c", Duration.ofSeconds(30))) {
                      // saves go on meanwhile, with no grace period: the pinned one is superseded
                      TestRedis.await(
                          "a save after the pin",
                          Duration.ofSeconds(20),
                          () -> store.manifest("c").version() > pin.ref().version());
                      Map<?, ?> loaded = store.loadObject(pin.ref(), Map.class);
                      assertThat(loaded.get("n")).isEqualTo((int) pin.ref().version() - 1);
                      checked++;
                    }
                  }
                  return checked;
                }));
      }
      for (Future<Integer> pinner : pinners) {
        assertThat(pinner.get()).isEqualTo(60);
      }
      stop.set(true);
      assertThat(saver.get()).isGreaterThan(10);
    } finally {
      stop.set(true);
      threads.shutdownNow();
    }
    // Every pin was closed: only the current version is left.
    assertThat(store.versions("c")).hasSize(1);
  }

  private static Map<?, ?> map(Map<?, ?> loaded) {
    return loaded;
  }
}
