package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.testing.TestRedis;
import io.redframe.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** Opening stores: bad servers and credentials fail at open with clear messages. */
class ConnectionIT {
  @Test
  void anUnreachableServerFailsAtOpenNamingTheUrl() {
    int port = TestServer.freePort();

    assertThatThrownBy(() -> FrameStore.open("redis://127.0.0.1:" + port + "?connectTimeout=500ms"))
        .isInstanceOf(StoreConnectionException.class)
        .hasMessageContaining("Redis unreachable at redis://127.0.0.1:" + port);
  }

  @Test
  void passwordsAreCheckedAndNeverShown() {
    try (TestServer server = TestRedis.startServer(List.of("requirepass s3cret-pw"))) {
      String base = "127.0.0.1:" + server.port();

      assertThatThrownBy(() -> FrameStore.open("redis://:wrong-pw@" + base))
          .isInstanceOf(StoreConnectionException.class)
          .hasMessageContaining("redis://:***@" + base)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-pw"));
      try (FrameStore store = FrameStore.open("redis://default:s3cret-pw@" + base + "/2")) {
        store.saveObject("x", Map.of("a", 1));
        assertThat(store.url()).isEqualTo("redis://default:***@" + base + "/2");
        assertThat(store.exists("x")).isTrue();
      }
    }
  }

  @Test
  void anExistingJedisClientCanBeUsedAndIsNotClosedByTheStore() {
    try (UnifiedJedis client = TestRedis.client()) {
      String prefix = TestRedis.freshPrefix();
      try (FrameStore store = FrameStore.builder().client(client).prefix(prefix).build()) {
        store.saveObject("x", List.of(1, 2));
      }
      assertThat(client.ping()).isEqualTo("PONG");
      assertThat(client.exists(prefix + ":{x}:head")).isTrue();
    }
  }

  @Test
  void optionsComeFromUrlQueryParameters() {
    String url =
        TestRedis.url()
            + (TestRedis.url().contains("?") ? "&" : "?")
            + "prefix="
            + TestRedis.freshPrefix()
            + "&chunkSize=8KiB&ttl=1h&keepVersions=3";
    try (FrameStore store = FrameStore.open(url)) {
      assertThat(store.config().chunkSize()).isEqualTo(8192);
      assertThat(store.config().ttl()).isEqualTo(Duration.ofHours(1));
      assertThat(store.config().keepVersions()).isEqualTo(3);
    }
  }
}
