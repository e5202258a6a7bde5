package io.redframe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.util.JedisClusterCRC16;

/** The cluster fixture itself: formation, failover and live resharding on real processes. */
class TestClusterIT {

  private static TestCluster timedStart(int masters, int replicas) {
    long start = System.nanoTime();
    TestCluster cluster = TestCluster.start(masters, replicas);
    System.out.printf(
        "TestCluster %d masters + %d replicas each ready in %d ms%n",
        masters, replicas, (System.nanoTime() - start) / 1_000_000);
    return cluster;
  }

  private static RedisClusterClient client(TestCluster cluster) {
    Set<HostAndPort> seeds =
        cluster.masters().stream()
            .map(m -> new HostAndPort("127.0.0.1", m.port()))
            .collect(Collectors.toSet());
    return RedisClusterClient.builder().nodes(seeds).build();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void threeMastersWithOneReplicaEachCoverEverySlot() {
    try (TestCluster cluster = timedStart(3, 1)) {
      assertThat(cluster.nodes()).hasSize(6);
      assertThat(cluster.masters()).hasSize(3);
      assertThat(cluster.replicas()).hasSize(3);
      assertThat(cluster.url())
          .isEqualTo(
              "redis-cluster://"
                  + cluster.masters().stream()
                      .map(m -> "127.0.0.1:" + m.port())
                      .collect(Collectors.joining(",")));
      Set<TestServer> owners = new HashSet<>();
      for (int slot = 0; slot < 16384; slot += 61) { // and the last: each asks CLUSTER NODES
        owners.add(cluster.masterOfSlot(slot));
      }
      for (int slot : new int[] {5460, 5461, 10922, 10923, 16383}) {
        owners.add(cluster.masterOfSlot(slot));
      }
      assertThat(owners).containsExactlyInAnyOrderElementsOf(cluster.masters());
      for (TestServer master : cluster.masters()) {
        try (Jedis jedis = master.jedis()) {
          assertThat(jedis.clusterInfo()).contains("cluster_state:ok", "cluster_known_nodes:6");
          assertThat(jedis.clusterReplicas(master.nodeId())).hasSize(1);
        }
      }
      try (RedisClusterClient client = client(cluster)) {
        for (int i = 0; i < 200; i++) {
          client.set("key" + i, "value" + i);
        }
        for (int i = 0; i < 200; i++) {
          assertThat(client.get("key" + i)).isEqualTo("value" + i);
        }
      }
      Set<TestServer> holders = new HashSet<>();
      for (int i = 0; i < 200; i++) {
        TestServer owner = cluster.masterOfKey(bytes("key" + i));
        try (Jedis jedis = owner.jedis()) {
          assertThat(jedis.get("key" + i)).isEqualTo("value" + i); // no MOVED: really its owner
        }
        holders.add(owner);
      }
      assertThat(holders).hasSize(3);
      assertThat(cluster.usedMemory())
          .hasSize(3)
          .allSatisfy((node, used) -> assertThat(used).isPositive());
    }
  }

  @Test
  void aKilledMasterIsReplacedByItsReplica() {
    try (TestCluster cluster = timedStart(3, 1);
        RedisClusterClient client = client(cluster)) {
      String key = "survivor";
      client.set(key, "still here");
      TestServer master = cluster.masterOfKey(bytes(key));
      TestServer replica =
          cluster.replicas().stream()
              .filter(r -> master.nodeId().equals(masterIdOf(cluster, r)))
              .findFirst()
              .orElseThrow();
      TestRedis.await(
          "the key to reach the replica",
          Duration.ofSeconds(10),
          () -> {
            try (Jedis jedis = replica.jedis()) {
              jedis.readonly();
              return "still here".equals(jedis.get(key));
            }
          });

      long killed = System.nanoTime();
      cluster.kill(master);
      cluster.awaitFailover(master);
      System.out.printf("failover took %d ms%n", (System.nanoTime() - killed) / 1_000_000);

      assertThat(master.isAlive()).isFalse();
      assertThat(cluster.masters()).hasSize(3).contains(replica).doesNotContain(master);
      assertThat(cluster.masterOfKey(bytes(key))).isEqualTo(replica);
      for (TestServer node : cluster.masters()) {
        try (Jedis jedis = node.jedis()) {
          assertThat(jedis.clusterInfo()).contains("cluster_state:ok");
        }
      }
      try (RedisClusterClient fresh = client(cluster)) {
        assertThat(fresh.get(key)).isEqualTo("still here");
        fresh.set(key, "written after failover");
        assertThat(fresh.get(key)).isEqualTo("written after failover");
      }
    }
  }

  private static String masterIdOf(TestCluster cluster, TestServer replica) {
    try (Jedis jedis = replica.jedis()) {
      return jedis
          .info("replication")
          .lines()
          .filter(l -> l.startsWith("master_port:"))
          .map(l -> Integer.parseInt(l.substring("master_port:".length()).strip()))
          .flatMap(port -> cluster.nodes().stream().filter(n -> n.port() == port))
          .map(TestServer::nodeId)
          .findFirst()
          .orElse(null);
    }
  }

  @Test
  void aMigratedSlotTakesItsKeysAndAnswersAskHalfway() {
    try (TestCluster cluster = timedStart(3, 0);
        RedisClusterClient client = client(cluster)) {
      List<String> keys = List.of("{moving}:a", "{moving}:b", "{moving}:c");
      int slot = JedisClusterCRC16.getSlot("{moving}");
      keys.forEach(k -> client.set(k, k + "!"));
      TestServer from = cluster.masterOfSlot(slot);
      TestServer to = cluster.masters().stream().filter(m -> !m.equals(from)).findFirst().get();

      assertThat(cluster.beginMigration(slot, to)).isEqualTo(from);
      try (Jedis source = from.jedis()) {
        assertThat(source.get("{moving}:a")).isEqualTo("{moving}:a!"); // still there
        assertThatThrownBy(() -> source.get("{moving}:missing"))
            .isInstanceOf(JedisAskDataException.class)
            .hasMessageContaining("ASK " + slot);
      }
      assertThat(client.get("{moving}:b")).isEqualTo("{moving}:b!");
      client.set("{moving}:new", "written halfway"); // ASK to the target, which imports it
      try (Jedis target = to.jedis()) {
        target.asking();
        assertThat(target.get("{moving}:new")).isEqualTo("written halfway");
      }

      cluster.finishMigration(slot, to);
      assertThat(cluster.masterOfSlot(slot)).isEqualTo(to);
      try (Jedis source = from.jedis();
          Jedis target = to.jedis()) {
        assertThat(source.clusterCountKeysInSlot(slot)).isZero();
        assertThat(target.clusterCountKeysInSlot(slot)).isEqualTo(4);
        assertThat(target.get("{moving}:c")).isEqualTo("{moving}:c!");
        assertThatThrownBy(() -> source.get("{moving}:c"))
            .isInstanceOf(JedisMovedDataException.class);
      }
      Supplier<List<String>> read = () -> keys.stream().map(client::get).toList();
      assertThat(read.get()).containsExactly("{moving}:a!", "{moving}:b!", "{moving}:c!");
      assertThat(client.get("{moving}:new")).isEqualTo("written halfway");

      int other = JedisClusterCRC16.getSlot("elsewhere");
      client.set("elsewhere", "too");
      TestServer third =
          cluster.masters().stream()
              .filter(m -> !m.equals(cluster.masterOfSlot(other)))
              .findFirst()
              .get();
      cluster.migrateSlot(other, third);
      assertThat(cluster.masterOfKey(bytes("elsewhere"))).isEqualTo(third);
      assertThat(client.get("elsewhere")).isEqualTo("too");
    }
  }
}
