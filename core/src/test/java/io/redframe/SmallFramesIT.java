package io.redframe;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.testing.TestRedis;
import io.redframe.testing.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;

/**
 * Small frames are saved and loaded in one round trip, with every guarantee of a large save. The
 * round trips are counted by Redis itself: MONITOR lists every command a client sends (and those a
 * script runs, tagged {@code lua}, which are not round trips).
 */
class SmallFramesIT {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestRedis.startServer(List.of("appendonly no"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static FrameStore store() {
    return FrameStore.builder().url(server.url()).prefix(TestRedis.freshPrefix()).build();
  }

  /** The commands clients sent while {@code action} ran (scripts' own commands left out). */
  private static List<String> commands(Runnable action) throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    Jedis monitor = new Jedis("127.0.0.1", server.port());
    CompletableFuture<Void> watching =
        CompletableFuture.runAsync(
            () -> {
              try {
                monitor.monitor(
                    new JedisMonitor() {
                      @Override
                      public void onCommand(String command) {
                        seen.add(command);
                      }
                    });
              } catch (RuntimeException e) {
                // closed by the test
              }
            });
    try (Jedis marker = new Jedis("127.0.0.1", server.port())) {
      TestRedis.await(
          "monitor started",
          java.time.Duration.ofSeconds(10),
          () -> {
            marker.echo("begin");
            return seen.stream().anyMatch(c -> c.contains("\"begin\""));
          });
      action.run();
      marker.echo("end");
      TestRedis.await(
          "monitor saw the end",
          java.time.Duration.ofSeconds(10),
          () -> seen.stream().anyMatch(c -> c.contains("\"end\"")));
    } finally {
      monitor.getConnection().disconnect();
      watching.get(10, TimeUnit.SECONDS);
    }
    List<String> between = new ArrayList<>();
    boolean in = false;
    for (String line : seen) {
      String command = line.toLowerCase(java.util.Locale.ROOT);
      if (command.contains("\"echo\" \"end\"")) {
        break;
      }
      if (in && !command.contains(" lua]") && !command.contains("] \"echo\"")) {
        between.add(command);
      }
      if (command.contains("\"echo\" \"begin\"")) {
        in = true;
      }
    }
    return between;
  }

  private static String verb(String command) {
    int at = command.indexOf("] \"");
    return command
        .substring(at + 3, command.indexOf('"', at + 3))
        .toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void aSmallSaveAndASmallLoadAreOneRoundTripEach() throws Exception {
    record Reading(String sensor, long time, List<Double> values, Map<String, String> tags) {}
    Reading reading =
        new Reading("station-17", 1767225600000L, List.of(1.5, 2.5), Map.of("site", "north"));
    try (FrameStore store = store()) {
      store.saveObject("warm", reading); // loads the scripts
      store.loadObject("warm", Reading.class);

      List<String> firstSave = commands(() -> store.saveObject("cache", reading));
      List<String> nextSave = commands(() -> store.saveObject("cache", reading));
      List<String> load = commands(() -> store.loadObject("cache", Reading.class));

      assertThat(firstSave).as("a new frame's first save").hasSize(1);
      assertThat(nextSave).as("the next save").hasSize(1);
      assertThat(verb(nextSave.get(0))).isEqualTo("evalsha");
      assertThat(load).as("a load").hasSize(1);
      assertThat(store.loadObject("cache", Reading.class)).isEqualTo(reading);
      assertThat(store.manifest("cache").version()).isEqualTo(2);
    }
  }

  @Test
  void aGuessTakenByAnotherWriterCostsOneMoreRoundTripAndNumbersStayDense() throws Exception {
    try (FrameStore one = store();
        FrameStore other =
            FrameStore.builder().url(server.url()).prefix(one.config().prefix()).build()) {
      one.saveObject("shared", Map.of("by", "one"));
      other.saveObject("shared", Map.of("by", "other")); // guessed 1, told 2
      List<String> behind = commands(() -> one.saveObject("shared", Map.of("by", "one again")));
      assertThat(behind).as("guess 2, told 3, save 3").hasSize(2);
      assertThat(one.versions("shared"))
          .extracting(VersionInfo::version)
          .containsExactly(1L, 2L, 3L);
      Map<?, ?> loaded = one.loadObject("shared", Map.class);
      assertThat(loaded).isEqualTo(Map.of("by", "one again"));
    }
  }

  @Test
  void concurrentSmallSavesEachGetTheirOwnVersion() throws Exception {
    try (FrameStore a = store();
        FrameStore b = FrameStore.builder().url(server.url()).prefix(a.config().prefix()).build()) {
      int each = 200;
      CompletableFuture<List<Long>> fromA =
          CompletableFuture.supplyAsync(() -> saves(a, "race", each));
      CompletableFuture<List<Long>> fromB =
          CompletableFuture.supplyAsync(() -> saves(b, "race", each));
      Set<Long> versions = new HashSet<>(fromA.get(60, TimeUnit.SECONDS));
      versions.addAll(fromB.get(60, TimeUnit.SECONDS));
      assertThat(versions).hasSize(2 * each);
      assertThat(versions).allMatch(v -> v >= 1 && v <= 2L * each);
      assertThat(a.manifest("race").version()).isEqualTo(2L * each);
    }
  }

  private static List<Long> saves(FrameStore store, String name, int count) {
    List<Long> versions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      versions.add(store.saveObject(name, Map.of("i", i)).version());
    }
    return versions;
  }

  @Test
  void aRefusedSmallSaveTakesNoNumberAndLeavesNoKey() throws Exception {
    try (FrameStore store = store();
        Jedis raw = new Jedis("127.0.0.1", server.port())) {
      store.saveObject("cas", Map.of("v", 1));
      assertThatThrownBy(
              () ->
                  store.saveObject(
                      "cas",
                      Map.of("v", 2),
                      ObjectFormat.JSON,
                      SaveOptions.defaults().ifVersion(0)))
          .isInstanceOf(VersionConflictException.class);
      assertThat(raw.keys(store.config().prefix() + ":{cas}:v:*")).hasSize(1);
      assertThat(store.saveObject("cas", Map.of("v", 3)).version()).isEqualTo(2);
    }
  }

  /**
   * Chunks of more than a few KB are not script arguments (Redis copies those into Lua): they go to
   * a staging key in the same pipeline as the script, which renames it to the version key.
   */
  @Test
  void aLargerSmallSaveStagesItsChunksBesideTheScript() throws Exception {
    byte[] bytes = new byte[100_000];
    new java.util.Random(7).nextBytes(bytes);
    try (FrameStore store = store();
        Jedis raw = new Jedis("127.0.0.1", server.port())) {
      store.saveBytes("staged", bytes); // loads the scripts
      List<String> save = commands(() -> store.saveBytes("staged", bytes));
      assertThat(save)
          .extracting(SmallFramesIT::verb)
          .containsExactly("hset", "pexpire", "evalsha");
      assertThat(save.get(0)).contains(":stage:");
      assertThat(store.loadBytes("staged")).isEqualTo(bytes);
      assertThat(store.manifest("staged").version()).isEqualTo(2);
      assertThat(raw.keys(store.config().prefix() + ":*stage:*")).isEmpty();
      // the version key holds the chunks, the id, the manifest, its checksum and the chunk bytes,
      // and lives as a version does
      byte[] versionKey = (store.config().prefix() + ":{staged}:v:2").getBytes(UTF_8);
      assertThat(raw.hlen(versionKey)).isEqualTo(store.manifest("staged").chunks().size() + 4L);
      assertThat(raw.pttl(versionKey)).isEqualTo(-1L);
    }
  }

  @Test
  void aRefusedOrRetriedStagedSaveLeavesNoStagedKey() throws Exception {
    byte[] bytes = new byte[50_000];
    new java.util.Random(9).nextBytes(bytes);
    try (FrameStore one = store();
        FrameStore other =
            FrameStore.builder().url(server.url()).prefix(one.config().prefix()).build();
        Jedis raw = new Jedis("127.0.0.1", server.port())) {
      one.saveBytes("shared", bytes);
      assertThatThrownBy(
              () ->
                  one.saveBytes(
                      "shared",
                      new java.io.ByteArrayInputStream(bytes),
                      SaveOptions.defaults().ifVersion(0)))
          .isInstanceOf(VersionConflictException.class);
      other.saveBytes("shared", bytes); // guessed 1, told 2
      bytes[0] ^= 1;
      List<String> behind = commands(() -> one.saveBytes("shared", bytes));
      assertThat(behind)
          .as("staged with guess 2, told 3, the script alone again")
          .extracting(SmallFramesIT::verb)
          .containsExactly("hset", "pexpire", "evalsha", "evalsha");
      assertThat(one.loadBytes("shared")).isEqualTo(bytes);
      assertThat(one.versions("shared"))
          .extracting(VersionInfo::version)
          .containsExactly(1L, 2L, 3L);
      assertThat(raw.keys(one.config().prefix() + ":*stage:*")).isEmpty();
    }
  }

  @Test
  void aFrameJustOverTheLimitIsSavedAndLoadedTheLargeWay() throws Exception {
    byte[] bytes = new byte[(1 << 20) + 1];
    new java.util.Random(5).nextBytes(bytes);
    try (FrameStore store = store()) {
      List<String> save = commands(() -> store.saveBytes("big", bytes));
      assertThat(save.size()).as("alloc, chunk and manifest writes, publish").isGreaterThan(2);
      assertThat(store.loadBytes("big")).isEqualTo(bytes);
      byte[] small = java.util.Arrays.copyOf(bytes, 1 << 20);
      store.saveBytes("big", small);
      List<String> load = commands(() -> assertThat(store.loadBytes("big")).isEqualTo(small));
      assertThat(load).as("a 1 MiB frame loads in one round trip").hasSize(1);
    }
  }
}
