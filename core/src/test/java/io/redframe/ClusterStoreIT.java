package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.internal.codec.BytesCodec;
import io.redframe.testing.TestCluster;
import io.redframe.testing.TestRedis;
import io.redframe.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * What only a cluster shows: one frame spread over every master (larger than any one of them can
 * hold), segments that live exactly as long as their versions, and the catalog outside the scripts.
 * The store's other tests run against a cluster too (the {@code cluster} failsafe execution).
 */
class ClusterStoreIT {
  private static final long MAXMEMORY = 64L << 20;
  private static TestCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster =
        TestCluster.start(
            3,
            0,
            Duration.ofSeconds(15),
            List.of("maxmemory " + MAXMEMORY, "maxmemory-policy noeviction"));
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  private static FrameStore store(String options) {
    return FrameStore.open(cluster.url() + "?prefix=" + TestRedis.freshPrefix() + options);
  }

  @Test
  void aFrameLargerThanOneMasterIsSpreadOverAllOfThem() throws Exception {
    byte[] payload = random(120 << 20, 7); // 120 MiB against 64 MiB per master
    Map<TestServer, Long> before = cluster.usedMemory();
    try (FrameStore store = store("")) {
      SaveResult saved = store.saveBytes("big", payload);
      Manifest manifest = store.manifest("big");
      assertThat(manifest.layout()).isEqualTo(Manifest.LAYOUT_SEGMENTED);
      assertThat(manifest.segments()).isEqualTo(32);
      assertThat(saved.chunks()).isEqualTo(120);

      Map<TestServer, Long> after = cluster.usedMemory();
      long total = 0;
      StringBuilder report = new StringBuilder("bytes of a 120 MiB frame per master:");
      for (TestServer master : cluster.masters()) {
        long grown = after.get(master) - before.get(master);
        report.append(
            String.format(
                java.util.Locale.ROOT, " %d: %.1f MiB", master.port(), grown / 1048576.0));
        assertThat(grown).as("bytes on master %s", master.port()).isGreaterThan(20L << 20);
        assertThat(after.get(master)).isLessThan(MAXMEMORY);
        total += grown;
      }
      System.out.println(report);
      assertThat(total).isGreaterThan(payload.length);

      assertThat(digest(store.loadBytes("big"))).isEqualTo(digest(payload));
      assertThat(store.delete("big")).isTrue();
    }
    for (TestServer master : cluster.masters()) {
      assertThat(cluster.usedMemory().get(master)).isLessThan(before.get(master) + (8L << 20));
    }
  }

  @Test
  void segmentsLiveAsLongAsTheirVersionAndGoWithIt() throws IOException {
    try (FrameStore store = store("&chunkSize=64KiB&gracePeriod=1s&segments=8")) {
      String prefix = store.config().prefix();
      byte[] first = random(2 << 20, 1);
      byte[] second = random(2 << 20, 2);
      store.saveBytes("f", first);
      assertThat(store.manifest("f").layout()).isEqualTo(Manifest.LAYOUT_SEGMENTED);
      List<Long> persistent = segmentTtls(prefix, "f", 1, 8);
      assertThat(persistent).containsOnly(-1L);

      Pin pin = store.pin("f", 1, Duration.ofSeconds(60));
      store.saveBytes("f", second);
      // v1 is superseded (grace 1 s) but pinned for 60 s: its segments follow the pin.
      assertThat(segmentTtls(prefix, "f", 1, 8)).allMatch(t -> t > 50_000 && t <= 65_000);
      assertThat(segmentTtls(prefix, "f", 2, 8)).containsOnly(-1L);

      assertThat(store.delete("f")).isTrue();
      assertThat(segmentTtls(prefix, "f", 2, 8)).containsOnly(-2L);
      try (InputStream in =
          store.load("f", OptionalLong.of(1), BytesCodec.streamDecoder())) { // pinned: readable
        assertThat(in.readAllBytes()).isEqualTo(first);
      }
      pin.close();
      assertThat(segmentTtls(prefix, "f", 1, 8)).containsOnly(-2L);
      assertThat(keysOnEveryMaster(prefix)).isEmpty();
    }
  }

  @Test
  void aFrameWithTtlTakesItsSegmentsWithIt() {
    try (FrameStore store = store("&chunkSize=64KiB&segments=4")) {
      store.saveBytes(
          "t",
          new ByteArrayInputStream(random(2 << 20, 3)),
          SaveOptions.defaults().ttl(Duration.ofSeconds(30)));
      assertThat(segmentTtls(store.config().prefix(), "t", 1, 4))
          .allMatch(t -> t > 25_000 && t <= 35_000);
    }
  }

  @Test
  void aSaveInFlightHasSegmentsThatExpireAndAFailedSaveLeavesNone() throws Exception {
    try (FrameStore store = store("&chunkSize=64KiB&segments=4&pendingTtl=20s")) {
      String prefix = store.config().prefix();
      CountDownLatch written = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      InputStream stalls =
          new InputStream() {
            private int left = 3 << 20;

            @Override
            public int read() {
              throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              if (left <= 0) {
                written.countDown();
                try {
                  release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                throw new IOException("the source failed");
              }
              int n = Math.min(len, left);
              left -= n;
              return n;
            }
          };
      Thread saver =
          new Thread(
              () ->
                  assertThatThrownBy(() -> store.saveBytes("p", stalls, SaveOptions.defaults()))
                      .isInstanceOf(FrameStoreException.class)
                      .hasMessageContaining("the source failed"));
      saver.start();
      assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
      TestRedis.await(
          "segments of the save in flight",
          Duration.ofSeconds(10),
          () -> segmentTtls(prefix, "p", 1, 4).stream().allMatch(t -> t > 0 && t <= 20_000));
      release.countDown();
      saver.join();
      assertThat(store.exists("p")).isFalse();
      assertThat(segmentTtls(prefix, "p", 1, 4)).containsOnly(-2L);
    }
  }

  @Test
  void theCatalogListsFramesOfEverySlot() {
    try (FrameStore store = store("")) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        names.add("frame-" + i);
        store.saveObject("frame-" + i, Map.of("i", i));
      }
      assertThat(store.list())
          .extracting(FrameInfo::name)
          .containsExactlyInAnyOrderElementsOf(names);
      store.delete("frame-3");
      assertThat(store.list()).hasSize(19);
    }
  }

  private static List<Long> segmentTtls(String prefix, String name, long version, int segments) {
    List<Long> ttls = new ArrayList<>();
    for (int k = 0; k < segments; k++) {
      byte[] key =
          (prefix + ":{" + name + "#" + version + "." + k + "}:seg")
              .getBytes(StandardCharsets.UTF_8);
      try (Jedis jedis = cluster.masterOfKey(key).jedis()) {
        ttls.add(jedis.pttl(key));
      }
    }
    return ttls;
  }

  private static List<String> keysOnEveryMaster(String prefix) {
    List<String> keys = new ArrayList<>();
    for (TestServer master : cluster.masters()) {
      try (Jedis jedis = master.jedis()) {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
          ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(prefix + ":*"));
          keys.addAll(page.getResult());
          cursor = page.getCursor();
        } while (!cursor.equals("0"));
      }
    }
    return keys;
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String digest(byte[] bytes) throws NoSuchAlgorithmException {
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void aSegmentedFrameReloadsFromTheLoadCacheAndANewSaveOrADeleteIsSeenAtOnce() {
    String prefix = TestRedis.freshPrefix();
    byte[] first = random(4 << 20, 11);
    byte[] second = random(4 << 20, 12);
    try (FrameStore reader =
            FrameStore.open(cluster.url() + "?prefix=" + prefix + "&cacheSize=64MiB");
        FrameStore writer = FrameStore.open(cluster.url() + "?prefix=" + prefix)) {
      writer.saveBytes("kept", first);
      Manifest manifest = reader.manifest("kept");
      assertThat(manifest.layout()).isEqualTo(Manifest.LAYOUT_SEGMENTED);
      assertThat(reader.loadBytes("kept")).isEqualTo(first);
      long hits = reader.cacheStats().hits();
      assertThat(reader.loadBytes("kept")).isEqualTo(first);
      assertThat(reader.cacheStats().hits() - hits)
          .as("every chunk of the reload came from the cache")
          .isGreaterThanOrEqualTo(manifest.chunks().size());

      writer.saveBytes("kept", second);
      assertThat(reader.loadBytes("kept")).isEqualTo(second);
      assertThat(writer.delete("kept")).isTrue();
      assertThatThrownBy(() -> reader.loadBytes("kept")).isInstanceOf(FrameNotFoundException.class);
    }
  }
}
