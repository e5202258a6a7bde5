package io.redframe.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.FrameStore;
import io.redframe.FrameStoreException;
import io.redframe.StoreConnectionException;
import io.redframe.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

/** {@link RedisProcess}: a private server to configure, kill, pause and restart. */
class RedisProcessIT {
  private static Jedis admin(RedisProcess redis) {
    return new Jedis(
        "127.0.0.1",
        redis.port(),
        DefaultJedisClientConfig.builder()
            .serverDefaultProtocol()
            .socketTimeoutMillis(300)
            .build());
  }

  @Test
  void itRunsOnLoopbackWithTheGivenConfigAndSaysWhatItIs() {
    try (RedisProcess redis = RedisProcess.builder().config("maxmemory 7mb").start();
        Jedis admin = admin(redis);
        FrameStore store = FrameStore.open(redis.url() + "?prefix=p")) {
      store.saveObject("x", List.of(1, 2));
      List<?> back = store.loadObject("x", List.class);
      assertThat(back).isEqualTo(List.of(1, 2));
      assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + redis.port());
      assertThat(admin.configGet("maxmemory")).containsEntry("maxmemory", "7340032");
      assertThat(admin.configGet("bind")).containsEntry("bind", "127.0.0.1");
      assertThat(admin.configGet("appendonly")).containsEntry("appendonly", "no");
      String info = admin.info("server");
      assertThat(info).contains("redis_version:" + redis.version());
      assertThat(info).contains("process_id:" + redis.pid());
      assertThat(redis.directory().resolve("redis.conf")).exists();
      assertThat(redis.binary()).isExecutable();
      assertThat(redis.logTail()).contains("Ready to accept connections");
      assertThat(redis.toString()).contains(redis.version()).contains(":" + redis.port());
    }
  }

  @Test
  void killIsAKillNineAndAServerRestartedFromItsFolderHasTheData() {
    RedisProcess redis =
        RedisProcess.builder().config("appendonly yes", "appendfsync always").start();
    try (FrameStore store = FrameStore.open(redis.url() + "?connectTimeout=1s&timeout=2s")) {
      store.saveObject("survivor", Map.of("v", 1));
      redis.kill();
      assertThat(redis.isAlive()).isFalse();
      assertThatThrownBy(() -> store.saveObject("lost", 2))
          .isInstanceOf(StoreConnectionException.class);
    } catch (StoreConnectionException e) {
      // closing a store whose server is dead may fail: the pool's connections are gone
    }
    redis.close(); // idempotent after a kill
    try (RedisProcess again =
            RedisProcess.builder()
                .directory(redis.directory())
                .port(redis.port())
                .config("appendonly yes", "appendfsync always")
                .start();
        FrameStore store = FrameStore.open(again.url())) {
      assertThat(again.port()).isEqualTo(redis.port());
      assertThat(again.pid()).isNotEqualTo(redis.pid());
      Map<?, ?> back = store.loadObject("survivor", Map.class);
      assertThat(back).isEqualTo(Map.of("v", 1));
    }
  }

  @Test
  void pauseStopsAnsweringForAWhileThenItResumes() {
    try (RedisProcess redis = RedisProcess.builder().start();
        Jedis client = admin(redis)) {
      assertThat(client.ping()).isEqualTo("PONG");
      redis.pause(Duration.ofSeconds(2));
      assertThatThrownBy(client::ping).hasMessageContaining("timed out");
      assertThat(redis.isAlive()).isTrue();
      TestRedis.await(
          "the pause to end",
          Duration.ofSeconds(10),
          () -> {
            try (Jedis fresh = admin(redis)) {
              return "PONG".equals(fresh.ping());
            } catch (RuntimeException e) {
              return false;
            }
          });
    }
  }

  @Test
  void aPasswordIsRequiredAndTheUrlCarriesIt() {
    String password = "s3cret pw+/%é";
    try (RedisProcess redis = RedisProcess.builder().password(password).start();
        Jedis anonymous = admin(redis)) {
      assertThatThrownBy(anonymous::ping).hasMessageContaining("NOAUTH");
      try (FrameStore store = FrameStore.open(redis.url())) {
        store.saveObject("x", 1);
        assertThat(store.url()).doesNotContain("s3cret");
      }
      redis.pause(Duration.ofMillis(1)); // pause authenticates too
    }
  }

  @Test
  void aServerThatCannotStartFailsWithItsLog() {
    assertThatThrownBy(() -> RedisProcess.builder().config("no-such-directive yes").start())
        .isInstanceOf(FrameStoreException.class)
        .hasMessageContaining("exited at start")
        .hasMessageContaining("no-such-directive");
  }

  @Test
  void aTakenPortFailsClearly() {
    try (RedisProcess first = RedisProcess.builder().start()) {
      assertThatThrownBy(() -> RedisProcess.builder().port(first.port()).start())
          .isInstanceOf(FrameStoreException.class)
          .hasMessageContaining("port " + first.port() + " is already in use");
    }
  }

  @Test
  void settingsAreCheckedAtOnce() {
    RedisProcess.Builder builder = RedisProcess.builder();
    assertThatThrownBy(() -> builder.port(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.port(65_536)).hasMessageContaining("65536");
    assertThatThrownBy(() -> builder.startTimeout(Duration.ZERO))
        .hasMessageContaining("startTimeout");
    assertThatThrownBy(() -> builder.config("maxmemory 1mb\nrequirepass x"))
        .hasMessageContaining("one line");
    assertThatThrownBy(() -> builder.password("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.directory(null)).isInstanceOf(NullPointerException.class);
    try (RedisProcess redis = builder.start()) {
      assertThatThrownBy(() -> redis.pause(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(RedisProcess.freePort()).isBetween(1, 65_535);
  }
}
