package io.redframe.testing;

import static java.util.stream.Collectors.joining;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.MigrateParams;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A throwaway Redis Cluster for core's tests: {@link TestServer} nodes on loopback (the same
 * binary), formed with plain cluster commands ({@code CLUSTER MEET}, {@code ADDSLOTSRANGE} or, on
 * 6.2, {@code ADDSLOTS}, {@code REPLICATE}) because the fixture binary comes without {@code
 * redis-cli}. {@link #start} returns once every node says {@code cluster_state:ok} with all 16384
 * slots assigned, every node's {@code CLUSTER NODES} and {@code CLUSTER SLOTS} agree and every
 * replica's link is up; it fails after 30 s naming what did not converge, with the nodes' logs.
 *
 * <p>The topology ({@link #masters()}, {@link #masterOfSlot}) is read from the nodes each time, so
 * it follows failovers and resharding. Nodes are killed ({@link #kill}), paused ({@link
 * TestServer#pause()}) and slots moved ({@link #migrateSlot}) by the test; the caller closes the
 * cluster.
 */
public final class TestCluster implements AutoCloseable {
  private static final int SLOTS = 16384;
  private static final Pattern USED_MEMORY = Pattern.compile("(?m)^used_memory:(\\d+)");
  private static final Duration CONVERGE_TIMEOUT = Duration.ofSeconds(30);

  private final List<TestServer> nodes = new ArrayList<>();
  private final Map<String, List<String>> replicasWhenKilled = new ConcurrentHashMap<>();

  private TestCluster() {}

  /**
   * Starts {@code masters} masters with {@code replicasPerMaster} replicas each (node timeout 2 s).
   */
  public static TestCluster start(int masters, int replicasPerMaster) {
    return start(masters, replicasPerMaster, Duration.ofSeconds(2), List.of());
  }

  /**
   * Starts a cluster whose nodes have this {@code cluster-node-timeout} (how soon a dead master is
   * failed over) and these extra {@code redis.conf} lines.
   */
  public static TestCluster start(
      int masters, int replicasPerMaster, Duration nodeTimeout, List<String> config) {
    if (masters < 1 || replicasPerMaster < 0) {
      throw new IllegalArgumentException(masters + " masters, " + replicasPerMaster + " replicas");
    }
    List<String> lines = new ArrayList<>(List.of("cluster-enabled yes", "appendonly no"));
    lines.addAll(List.of("cluster-config-file nodes.conf", "repl-diskless-sync yes"));
    lines.addAll(
        List.of("repl-diskless-sync-delay 0", "cluster-node-timeout " + nodeTimeout.toMillis()));
    lines.addAll(config);
    TestCluster cluster = new TestCluster();
    try {
      for (int i = 0; i < masters * (1 + replicasPerMaster); i++) {
        cluster.nodes.add(startNode(lines));
      }
      cluster.form(masters, replicasPerMaster);
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private static TestServer startNode(List<String> config) {
    for (int attempt = 1; ; attempt++) {
      try {
        return TestServer.start(config);
      } catch (AssertionError e) {
        // The cluster bus listens on port + 10000: a free port above 55535 cannot have one.
        if (attempt == 10 || !String.valueOf(e.getMessage()).contains("too high")) {
          throw e;
        }
      }
    }
  }

  private void form(int masters, int replicasPerMaster) {
    for (int i = 0; i < nodes.size(); i++) {
      long epoch = i + 1L; // distinct epochs up front: no collision to resolve later
      call(nodes.get(i), j -> j.clusterSetConfigEpoch(epoch));
      nodes.get(i).nodeId();
    }
    for (int i = 0; i < nodes.size(); i++) {
      for (int k = i + 1; k < nodes.size(); k++) {
        int port = nodes.get(k).port();
        call(nodes.get(i), j -> j.clusterMeet("127.0.0.1", port));
      }
    }
    for (int i = 0; i < masters; i++) {
      int first = i * SLOTS / masters;
      int last = (i + 1) * SLOTS / masters - 1;
      call(nodes.get(i), j -> addSlots(j, first, last));
    }
    for (int i = masters; i < nodes.size(); i++) {
      TestServer replica = nodes.get(i);
      String master = nodes.get((i - masters) / replicasPerMaster).nodeId();
      await(
          replica.port() + " to know its master",
          () -> {
            Entry e = find(call(replica, TestCluster::view), master);
            return e != null && !e.failed() ? null : "it sees " + master + " as " + e;
          });
      call(replica, j -> j.clusterReplicate(master));
    }
    int replicas = nodes.size() - masters;
    awaitConverged(
        masters + " masters with " + replicasPerMaster + " replicas each",
        () ->
            live(e -> e.flags().contains("slave")).size() == replicas ? null : "replicas missing");
  }

  private static String addSlots(Jedis jedis, int first, int last) {
    try {
      return jedis.clusterAddSlotsRange(first, last);
    } catch (JedisDataException e) {
      if (!String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("unknown subcommand")) {
        throw e;
      }
      for (int from = first; from <= last; from += 1000) { // Redis 6.2: no ADDSLOTSRANGE
        jedis.clusterAddSlots(IntStream.rangeClosed(from, Math.min(last, from + 999)).toArray());
      }
      return "OK";
    }
  }

  /** {@code redis-cluster://127.0.0.1:<port>,...}: the current masters as seed nodes. */
  public String url() {
    return "redis-cluster://"
        + masters().stream().map(m -> "127.0.0.1:" + m.port()).collect(joining(","));
  }

  /** The live masters holding slots, by their lowest slot; follows failovers. */
  public List<TestServer> masters() {
    return live(e -> e.isMaster() && !e.slots().isEmpty());
  }

  /** The live replicas. */
  public List<TestServer> replicas() {
    return live(e -> e.flags().contains("slave"));
  }

  /** Every node this cluster started, killed ones included. */
  public List<TestServer> nodes() {
    return List.copyOf(nodes);
  }

  /** The master that owns {@code slot} (during a migration: still the source). */
  public TestServer masterOfSlot(int slot) {
    return live(e -> e.isMaster() && e.owns(slot)).stream()
        .findFirst()
        .orElseThrow(() -> new AssertionError("No live master owns slot " + slot));
  }

  /** The master that owns {@code key}'s slot. */
  public TestServer masterOfKey(byte[] key) {
    return masterOfSlot(JedisClusterCRC16.getSlot(key));
  }

  /** SIGKILLs {@code node}, remembering its replicas for {@link #awaitFailover}; returns it. */
  public TestServer kill(TestServer node) {
    List<String> replicas =
        anyView().stream().filter(e -> node.nodeId().equals(e.master())).map(Entry::id).toList();
    replicasWhenKilled.put(node.nodeId(), replicas);
    node.kill();
    return node;
  }

  /**
   * Waits until a replica of {@code killedMaster} is a master and the survivors agree and are ok.
   */
  public void awaitFailover(TestServer killedMaster) {
    List<String> candidates = replicasWhenKilled.getOrDefault(killedMaster.nodeId(), List.of());
    if (candidates.isEmpty()) {
      throw new AssertionError(killedMaster.port() + " was not killed here or had no replica");
    }
    awaitConverged(
        "failover of " + killedMaster.port(),
        () ->
            masters().stream().anyMatch(m -> candidates.contains(m.nodeId()))
                ? null
                : "no replica of " + killedMaster.port() + " is master yet");
  }

  /**
   * Moves {@code slot}, keys and all, to master {@code to}: {@link #beginMigration} then finish.
   */
  public void migrateSlot(int slot, TestServer to) {
    beginMigration(slot, to);
    finishMigration(slot, to);
  }

  /**
   * Marks {@code slot} IMPORTING on {@code to} and MIGRATING on its owner, which it returns; no key
   * moves yet, so the owner answers ASK for keys it does not have.
   */
  public TestServer beginMigration(int slot, TestServer to) {
    TestServer from = masterOfSlot(slot);
    if (from.equals(to)) {
      throw new IllegalArgumentException(to.port() + " already owns slot " + slot);
    }
    call(to, j -> j.clusterSetSlotImporting(slot, from.nodeId()));
    call(from, j -> j.clusterSetSlotMigrating(slot, to.nodeId()));
    return from;
  }

  /**
   * MIGRATEs the slot's remaining keys in batches, assigns the slot to {@code to} on every master
   * and waits until every node agrees.
   */
  public void finishMigration(int slot, TestServer to) {
    TestServer from = masterOfSlot(slot);
    try (Jedis source = from.jedis()) {
      for (List<byte[]> keys = source.clusterGetKeysInSlotBinary(slot, 100);
          !keys.isEmpty();
          keys = source.clusterGetKeysInSlotBinary(slot, 100)) {
        MigrateParams replace = MigrateParams.migrateParams().replace();
        source.migrate("127.0.0.1", to.port(), 0, 5000, replace, keys.toArray(new byte[0][]));
      }
    }
    List<TestServer> order = new ArrayList<>(List.of(to, from));
    masters().stream().filter(m -> !order.contains(m)).forEach(order::add);
    for (TestServer master : order) {
      call(master, j -> j.clusterSetSlotNode(slot, to.nodeId()));
    }
    awaitConverged(
        "slot " + slot + " on " + to.port(),
        () -> masterOfSlot(slot).equals(to) ? null : "slot " + slot + " is not on " + to.port());
  }

  /** {@code used_memory} from {@code INFO memory} of each master. */
  public Map<TestServer, Long> usedMemory() {
    Map<TestServer, Long> used = new LinkedHashMap<>();
    for (TestServer master : masters()) {
      Matcher m = USED_MEMORY.matcher(call(master, j -> j.info("memory")));
      used.put(master, m.find() ? Long.parseLong(m.group(1)) : -1L);
    }
    return used;
  }

  /** Stops every node this cluster started (their temporary folders stay). */
  @Override
  public void close() {
    nodes.forEach(TestServer::close);
  }

  private void awaitConverged(String what, Supplier<String> extra) {
    await(
        what,
        () -> {
          String problem = disagreement();
          return problem != null ? problem : extra.get();
        });
  }

  /** Null when every live node is ok, sees every live node and has the same view; else why not. */
  private String disagreement() {
    List<TestServer> live = nodes.stream().filter(TestServer::isAlive).toList();
    String first = null;
    for (TestServer node : live) {
      try (Jedis j = node.jedis()) {
        String info = j.clusterInfo();
        if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_assigned:16384")) {
          return node.port() + " says " + info.lines().limit(3).collect(joining(" "));
        }
        List<Entry> view = view(j);
        for (TestServer other : live) {
          Entry e = find(view, other.nodeId());
          if (e == null || e.failed() || !"connected".equals(e.link())) {
            return node.port() + " sees " + other.port() + " as " + e;
          }
        }
        String seen = view.stream().map(Entry::agreed).collect(joining("\n")) + "\n" + slotsView(j);
        if (first == null) {
          first = seen;
        } else if (!first.equals(seen)) {
          String of = live.get(0).port() + " and " + node.port();
          return String.format("CLUSTER NODES/SLOTS of %s differ:%n%s%nvs%n%s", of, first, seen);
        }
        if (find(view, node.nodeId()).flags().contains("slave")
            && !j.info("replication").contains("master_link_status:up")) {
          return "replica " + node.port() + " has no master link up";
        }
      } catch (JedisException e) {
        return node.port() + ": " + e;
      }
    }
    return null;
  }

  private void await(String what, Supplier<String> problem) {
    long deadline = System.nanoTime() + CONVERGE_TIMEOUT.toNanos();
    for (String last = problem.get(); last != null; last = problem.get()) {
      if (System.nanoTime() > deadline) {
        String logs =
            nodes.stream()
                .map(n -> "--- " + n.port() + " (" + n.nodeId() + ")\n" + n.logTail(12))
                .collect(joining("\n"));
        throw new AssertionError(
            String.format("Cluster did not converge (%s) in 30 s: %s%n%s", what, last, logs));
      }
      LockSupport.parkNanos(20_000_000);
    }
  }

  private List<Entry> anyView() {
    JedisException last = null;
    for (TestServer node : nodes) {
      if (node.isAlive()) {
        try {
          return call(node, TestCluster::view);
        } catch (JedisException e) {
          last = e; // paused or on its way down: ask another
        }
      }
    }
    throw new AssertionError("No node of the cluster answers", last);
  }

  /** The live nodes that match in some node's CLUSTER NODES, by their lowest slot. */
  private List<TestServer> live(Predicate<Entry> match) {
    return anyView().stream()
        .filter(e -> !e.failed() && match.test(e))
        .sorted(Comparator.comparingInt(Entry::firstSlot))
        .flatMap(e -> nodes.stream().filter(n -> e.id().equals(n.nodeId()) && n.isAlive()))
        .toList();
  }

  private static <T> T call(TestServer node, Function<Jedis, T> command) {
    try (Jedis jedis = node.jedis()) {
      return command.apply(jedis);
    }
  }

  private static Entry find(List<Entry> view, String id) {
    return view.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
  }

  /**
   * One line of CLUSTER NODES; {@code flags} without "myself", {@code slots} without [..] marks.
   */
  private record Entry(
      String id, int port, String flags, String master, String link, String slots) {
    boolean isMaster() {
      return flags.contains("master");
    }

    boolean failed() {
      return flags.contains("fail") || flags.contains("handshake") || flags.contains("noaddr");
    }

    String agreed() {
      return id + " " + port + " " + flags + " " + master + " " + slots;
    }

    int firstSlot() {
      return slots.isEmpty() ? SLOTS : Integer.parseInt(slots.split("[- ]", -1)[0]);
    }

    boolean owns(int slot) {
      for (String range : slots.isEmpty() ? new String[0] : slots.split(" ", -1)) {
        String[] ends = range.split("-", -1);
        if (Integer.parseInt(ends[0]) <= slot && slot <= Integer.parseInt(ends[ends.length - 1])) {
          return true;
        }
      }
      return false;
    }
  }

  private static List<Entry> view(Jedis jedis) {
    List<Entry> entries = new ArrayList<>();
    for (String line : jedis.clusterNodes().split("\n", -1)) {
      String[] f = line.strip().split(" ", -1);
      if (f.length < 8) {
        continue;
      }
      String address = f[1].split("[@,]", -1)[0];
      int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
      String slots =
          Arrays.stream(f, 8, f.length).filter(s -> !s.startsWith("[")).collect(joining(" "));
      String flags = f[2].replace("myself,", "");
      entries.add(new Entry(f[0], port, flags, f[3], f[7], slots));
    }
    entries.sort(Comparator.comparing(Entry::id));
    return entries;
  }

  /** CLUSTER SLOTS as sorted lines "first-last master-port/id [replica-port/id, ...]". */
  @SuppressWarnings("deprecation") // CLUSTER SHARDS replaces it in Redis 7, but 6.2 has no SHARDS
  private static String slotsView(Jedis jedis) {
    List<String> ranges = new ArrayList<>();
    for (Object range : jedis.clusterSlots()) {
      List<?> r = (List<?>) range;
      List<String> replicas = new ArrayList<>();
      for (int i = 3; i < r.size(); i++) {
        replicas.add(endpoint(r.get(i)));
      }
      replicas.sort(null);
      ranges.add(r.get(0) + "-" + r.get(1) + " " + endpoint(r.get(2)) + " " + replicas);
    }
    ranges.sort(null);
    return String.join("\n", ranges);
  }

  private static String endpoint(Object node) {
    List<?> n = (List<?>) node;
    return n.get(1) + "/" + new String((byte[]) n.get(2), StandardCharsets.UTF_8); // RESP2
  }
}
