package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.testing.TestRedis;
import io.redframe.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A store says what its server's maxmemory-policy is, so nobody stores frames where Redis evicts.
 */
class EvictionPolicyIT {
  @Test
  void aStoreOnAnEvictingServerKnowsItsPolicy() {
    try (TestServer server = TestRedis.startServer(List.of("maxmemory-policy allkeys-lru"));
        FrameStore store = FrameStore.open(server.url())) {
      assertThat(store.evictionPolicy()).contains("allkeys-lru");
    }
  }

  @Test
  void theDefaultIsNoEviction() {
    try (FrameStore store = TestRedis.store()) {
      assertThat(store.evictionPolicy()).contains("noeviction");
    }
  }

  @Test
  void aServerThatRefusesConfigStillOpensAndSaysNothing() {
    try (TestServer server = TestRedis.startServer(List.of("appendonly no"))) {
      try (Jedis admin = new Jedis("127.0.0.1", server.port())) {
        admin.aclSetUser("noconfig", "on", ">pw", "~*", "+@all", "-config");
      }
      String url = server.url().replace("redis://", "redis://noconfig:pw@");
      try (FrameStore store = FrameStore.open(url)) {
        assertThat(store.evictionPolicy()).isEmpty();
        store.saveObject("x", List.of(1));
        assertThat(store.exists("x")).isTrue();
      }
    }
  }
}
