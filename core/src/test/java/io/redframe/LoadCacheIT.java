package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.testing.Concatenate;
import io.redframe.testing.TestRedis;
import io.redframe.testing.TestServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The load cache ({@code cacheSize}): a reload of an unchanged version gets no chunk and no
 * manifest from Redis (counted by Redis itself, {@code total_net_output_bytes}), yet a new save, a
 * delete or an expiry is seen at once, the byte bound holds, and a decoder that modifies the bytes
 * it is given does not change what later loads return.
 */
class LoadCacheIT {
  /** 4 MiB of chunks: a reload that fetched them would send at least this much. */
  private static final int FRAME_BYTES = 4 << 20;

  /** What a reload may send: the resolve script's short reply and the INFO replies measuring it. */
  private static final long RELOAD_BYTES = 16 << 10;

  private static final Pattern OUTPUT = Pattern.compile("total_net_output_bytes:(\\d+)");

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestRedis.startServer(List.of("appendonly no"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static FrameStore store(String prefix, String cacheSize) {
    return FrameStore.builder()
        .url(server.url())
        .prefix(prefix)
        .option(StoreOption.CACHE_SIZE, cacheSize)
        .build();
  }

  /** Bytes Redis sent to all its clients while {@code action} ran. */
  private static long sent(Runnable action) {
    try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
      long before = output(jedis);
      action.run();
      return output(jedis) - before;
    }
  }

  private static long output(Jedis jedis) {
    Matcher m = OUTPUT.matcher(jedis.info("stats"));
    assertThat(m.find()).as("INFO stats has total_net_output_bytes").isTrue();
    return Long.parseLong(m.group(1));
  }

  private static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void aReloadOfAnUnchangedFrameFetchesNeitherChunksNorTheManifest() {
    byte[] bytes = random(FRAME_BYTES, 1);
    try (FrameStore store = store(TestRedis.freshPrefix(), "64MiB")) {
      store.saveBytes("big", bytes);
      long cold = sent(() -> assertThat(store.loadBytes("big")).isEqualTo(bytes));
      CacheStats afterCold = store.cacheStats();
      long warm = sent(() -> assertThat(store.loadBytes("big")).isEqualTo(bytes));

      assertThat(cold).as("a cold load fetches the chunks").isGreaterThan(FRAME_BYTES);
      assertThat(warm).as("a reload fetches nothing but the head check").isLessThan(RELOAD_BYTES);
      CacheStats afterWarm = store.cacheStats();
      assertThat(afterWarm.hits() - afterCold.hits())
          .as("one manifest and four chunks served from the cache")
          .isGreaterThanOrEqualTo(5);
      assertThat(afterWarm.bytes()).isBetween((long) FRAME_BYTES, 64L << 20);
    }
  }

  @Test
  void theCacheIsOffByDefaultAndEveryLoadFetches() {
    byte[] bytes = random(FRAME_BYTES, 2);
    String prefix = TestRedis.freshPrefix();
    try (FrameStore store = FrameStore.builder().url(server.url()).prefix(prefix).build()) {
      assertThat(store.config().cacheSize()).isZero();
      store.saveBytes("big", bytes);
      store.loadBytes("big");
      long again = sent(() -> assertThat(store.loadBytes("big")).isEqualTo(bytes));
      assertThat(again).isGreaterThan(FRAME_BYTES);
      assertThat(store.cacheStats()).isEqualTo(new CacheStats(0, 0, 0, 0, 0));
    }
  }

  @Test
  void aNewSaveByAnotherClientIsSeenAtOnce() {
    String prefix = TestRedis.freshPrefix();
    try (FrameStore reader = store(prefix, "64MiB");
        FrameStore writer = store(prefix, "0")) {
      writer.saveBytes("f", random(FRAME_BYTES, 3));
      reader.loadBytes("f");
      reader.loadBytes("f");
      byte[] next = random(FRAME_BYTES, 4);
      writer.saveBytes("f", next);
      assertThat(reader.loadBytes("f")).isEqualTo(next);
      assertThat(reader.manifest("f").version()).isEqualTo(2);
    }
  }

  @Test
  void aDeleteOrAnExpiryIsSeenAtOnceThoughTheFrameIsKept() {
    String prefix = TestRedis.freshPrefix();
    try (FrameStore reader = store(prefix, "64MiB");
        FrameStore writer = store(prefix, "0")) {
      writer.saveBytes("gone", random(1 << 20, 5));
      reader.loadBytes("gone");
      assertThat(writer.delete("gone")).isTrue();
      assertThatThrownBy(() -> reader.loadBytes("gone"))
          .isInstanceOf(FrameNotFoundException.class)
          .hasMessageContaining("No frame 'gone'");
      assertThatThrownBy(() -> reader.load("gone", OptionalLong.of(1), Concatenate.chunks()))
          .isInstanceOf(FrameNotFoundException.class);

      writer.saveBytes(
          "brief",
          new java.io.ByteArrayInputStream(random(1 << 20, 6)),
          SaveOptions.defaults().ttl(java.time.Duration.ofMillis(300)));
      reader.loadBytes("brief");
      TestRedis.await("expired", java.time.Duration.ofSeconds(10), () -> !writer.exists("brief"));
      assertThatThrownBy(() -> reader.loadBytes("brief"))
          .isInstanceOf(FrameNotFoundException.class);
    }
  }

  @Test
  void explicitVersionsAndReferencesAreServedFromTheCacheWhileTheyExist() {
    String prefix = TestRedis.freshPrefix();
    try (FrameStore store =
        FrameStore.builder()
            .url(server.url())
            .prefix(prefix)
            .option(StoreOption.CACHE_SIZE, "64MiB")
            .option(StoreOption.KEEP_VERSIONS, "2")
            .option(StoreOption.GRACE_PERIOD, "0")
            .build()) {
      byte[] first = random(FRAME_BYTES, 7);
      store.saveBytes("v", first);
      FrameRef ref = FrameRef.of(store.manifest("v"));
      store.saveBytes("v", random(FRAME_BYTES, 8));
      Concatenate all = Concatenate.chunks();

      assertThat(store.load("v", OptionalLong.of(1), all)).isEqualTo(first);
      long byVersion =
          sent(() -> assertThat(store.load("v", OptionalLong.of(1), all)).isEqualTo(first));
      long byRef = sent(() -> assertThat(store.load(ref, all)).isEqualTo(first));
      assertThat(byVersion).isLessThan(RELOAD_BYTES);
      assertThat(byRef).isLessThan(RELOAD_BYTES);

      store.saveBytes("v", random(FRAME_BYTES, 9)); // version 1 leaves the two kept
      assertThat(store.versions("v")).extracting(VersionInfo::version).containsExactly(2L, 3L);
      assertThatThrownBy(() -> store.load(ref, all)).isInstanceOf(FrameNotFoundException.class);
    }
  }

  /**
   * One save published twice under two version numbers (a command retried after a timeout) leaves
   * the kept manifest's id held by another number: the load forgets what it kept and reads that
   * version's manifest, instead of failing on every later load.
   */
  @Test
  void aKeptIdHeldByAnotherVersionNumberIsReadAgainNotAnError() {
    String prefix = TestRedis.freshPrefix();
    try (FrameStore store = store(prefix, "64MiB");
        Jedis jedis = new Jedis("127.0.0.1", server.port())) {
      byte[] bytes = random(FRAME_BYTES, 21);
      store.saveBytes("twice", bytes);
      Concatenate all = Concatenate.chunks();
      assertThat(store.load("twice", all)).isEqualTo(bytes); // version 1 is kept

      // version 2: version 1's hash with its own number in the manifest, made current
      String base = prefix + ":{twice}:";
      jedis.copy(base + "v:1", base + "v:2", false);
      String manifest =
          jedis.hget(base + "v:2", "manifest").replace("\"version\" : 1,", "\"version\" : 2,");
      assertThat(manifest).contains("\"version\" : 2,");
      jedis.hset(base + "v:2", "manifest", manifest);
      jedis.hset(
          base + "v:2",
          "manifest.crc32c",
          io.redframe.spi.Checksums.crc32c(
              manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      jedis.zadd(base + "versions", 2, "2");
      jedis.hset(base + "head", "cur", "2");

      assertThat(store.manifest("twice").version()).isEqualTo(2);
      assertThat(store.load("twice", all)).isEqualTo(bytes);
      assertThat(store.load("twice", OptionalLong.of(1), all)).isEqualTo(bytes);
      assertThat(store.manifest("twice").version()).isEqualTo(2);
    }
  }

  /** A kept manifest weighs what its parsed JSON holds, so many tags or columns count. */
  @Test
  void aKeptManifestWeighsItsJson() {
    String prefix = TestRedis.freshPrefix();
    try (FrameStore store = store(prefix, "64MiB")) {
      Map<String, String> tags = new java.util.HashMap<>();
      for (int i = 0; i < 200; i++) {
        tags.put("tag-" + i, "x".repeat(100));
      }
      store.saveBytes(
          "tagged",
          new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}),
          SaveOptions.defaults().tags(tags));
      long before = store.cacheStats().bytes();
      store.manifest("tagged");
      long json;
      try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
        json = jedis.hstrlen(prefix + ":{tagged}:v:1", "manifest");
      }
      assertThat(json).isGreaterThan(20_000);
      // kept twice (as version 1 and as the current version), each at 4 heap bytes a JSON byte
      assertThat(store.cacheStats().bytes() - before).isGreaterThanOrEqualTo(2 * 4 * json);
    }
  }

  @Test
  void theByteBoundHoldsAndLoadsStayExact() {
    byte[] bytes = random(FRAME_BYTES, 10);
    try (FrameStore store = store(TestRedis.freshPrefix(), "1MiB")) {
      store.saveBytes("over", bytes);
      for (int i = 0; i < 5; i++) {
        assertThat(store.loadBytes("over")).isEqualTo(bytes);
        assertThat(store.cacheStats().bytes()).isLessThanOrEqualTo(1L << 20);
      }
      assertThat(store.cacheStats().evictions()).isPositive();
    }
  }

  @Test
  void aDecoderThatModifiesItsChunksDoesNotChangeLaterLoads() {
    byte[] bytes = random(FRAME_BYTES, 11);
    try (FrameStore store = store(TestRedis.freshPrefix(), "64MiB")) {
      store.saveBytes("m", bytes);
      assertThat(store.load("m", Concatenate.thenZeroTheChunks())).isEqualTo(bytes);
      long refetched = sent(() -> assertThat(store.loadBytes("m")).isEqualTo(bytes));
      assertThat(refetched).as("the modified chunks are fetched again").isGreaterThan(FRAME_BYTES);
      long warm = sent(() -> assertThat(store.loadBytes("m")).isEqualTo(bytes));
      assertThat(warm).isLessThan(RELOAD_BYTES);
    }
  }

  @Test
  void smallObjectsReloadFromTheCacheAndSeeNewVersions() {
    String prefix = TestRedis.freshPrefix();
    try (FrameStore store = store(prefix, "1MiB");
        FrameStore writer = store(prefix, "0")) {
      Map<String, Object> config = Map.of("alpha", 0.05, "runs", List.of(1, 2, 3), "name", "x");
      store.saveObject("config", config);
      assertThat((Object) store.loadObject("config", Map.class)).isEqualTo(config);
      assertThat((Object) store.loadObject("config", Map.class)).isEqualTo(config);
      assertThat((Object) store.loadObject("config", 1, Map.class)).isEqualTo(config);
      assertThat(store.cacheStats().hits()).isPositive();
      writer.saveObject("config", Map.of("alpha", 0.01));
      assertThat((Object) store.loadObject("config", Map.class)).isEqualTo(Map.of("alpha", 0.01));
    }
  }

  @Test
  void concurrentReloadsAreExact() throws Exception {
    byte[] bytes = random(FRAME_BYTES, 12);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try (FrameStore store = store(TestRedis.freshPrefix(), "6MiB")) {
      store.saveBytes("shared", bytes);
      List<Future<Boolean>> loads = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        loads.add(threads.submit(() -> Arrays.equals(store.loadBytes("shared"), bytes)));
      }
      for (Future<Boolean> load : loads) {
        assertThat(load.get()).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void theOptionParsesFromTheUrlAndRefusesBadSizes() {
    try (FrameStore store =
        FrameStore.builder().url(server.url() + "?cacheSize=256MiB").prefix("p").build()) {
      assertThat(store.config().cacheSize()).isEqualTo(256L << 20);
    }
    assertThatThrownBy(() -> StoreOption.CACHE_SIZE.parse("-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cacheSize");
    assertThatThrownBy(() -> StoreOption.CACHE_SIZE.parse("2TiB"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cacheSize");
    assertThat(StoreOption.CACHE_SIZE.parse("0")).isEqualTo(0L);
  }
}
