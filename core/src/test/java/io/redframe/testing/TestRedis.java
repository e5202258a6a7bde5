package io.redframe.testing;

import io.redframe.ChunkEntry;
import io.redframe.FrameStore;
import io.redframe.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis that integration tests run against: the server at {@code REDIS_URL} if set, else one
 * real {@code redis-server} process started once per JVM ({@link TestServer}: the binary on PATH,
 * else the build's fixture) and stopped when the JVM exits. Every store a test opens gets a fresh
 * key prefix, so tests never see each other's keys.
 */
public final class TestRedis {
  private static String url;

  private TestRedis() {}

  /** The system property that picks the shared server's topology: {@code cluster} or standalone. */
  public static final String TOPOLOGY = "redframe.test.topology";

  /**
   * The URL of the shared test server: {@code REDIS_URL} if set; else, when the system property
   * {@value #TOPOLOGY} is {@code cluster}, the {@code redis-cluster://} URL of one {@link
   * TestCluster} (3 masters, no replicas) per JVM; else a standalone server's.
   */
  public static synchronized String url() {
    if (url == null) {
      String env = System.getenv("REDIS_URL");
      if (env != null && !env.isBlank()) {
        url = env;
      } else if ("cluster".equals(System.getProperty(TOPOLOGY))) {
        url = startSharedCluster().url();
      } else {
        url = "redis://127.0.0.1:" + startShared().port();
      }
    }
    return url;
  }

  /** Whether {@link #url()} is a Redis Cluster. */
  public static boolean isCluster() {
    return url().startsWith("redis-cluster://");
  }

  private static TestCluster startSharedCluster() {
    // Nothing fails over here (no replicas): the default node timeout, not a test's quick one.
    TestCluster cluster = TestCluster.start(3, 0, Duration.ofSeconds(15), List.of());
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "redis-test-cluster-stop"));
    return cluster;
  }

  private static TestServer startShared() {
    TestServer server = startServer(List.of("appendonly no"));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "redis-test-server-stop"));
    return server;
  }

  /**
   * A server of the test's own, with these extra {@code redis.conf} lines; the caller closes it.
   * Modules that depend on redframe-embedded use its {@code RedisProcess} for servers to kill or
   * pause.
   */
  public static TestServer startServer(List<String> config) {
    return TestServer.start(config);
  }

  /** A new store on the shared server with a fresh prefix. */
  public static FrameStore store() {
    return store(b -> b);
  }

  /** A new store on the shared server with a fresh prefix and the given settings. */
  public static FrameStore store(UnaryOperator<FrameStore.Builder> settings) {
    return settings.apply(FrameStore.builder().url(url()).prefix(freshPrefix())).build();
  }

  public static String freshPrefix() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /**
   * A raw client on the shared server (a cluster client when it is a cluster), for looking at (and
   * tampering with) keys.
   */
  public static UnifiedJedis client() {
    String shared = url();
    if (!shared.startsWith("redis-cluster://")) {
      return RedisClient.create(java.net.URI.create(shared));
    }
    Set<HostAndPort> nodes = new LinkedHashSet<>();
    for (String node : shared.substring("redis-cluster://".length()).split(",", -1)) {
      nodes.add(HostAndPort.from(node));
    }
    return RedisClusterClient.builder().nodes(nodes).build();
  }

  /**
   * The key of version {@code version} of {@code name} in {@code store}, computed from the layout
   * docs/FORMAT.md documents (not from the store's internals): {@code <prefix>:{<name, with % { }
   * percent-encoded>}:v:<version>}.
   */
  public static byte[] versionKey(FrameStore store, String name, long version) {
    return (frameBase(store, name) + "v:" + version)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * The key holding {@code chunk} of the version {@code manifest} describes, as docs/FORMAT.md
   * documents it: the version key (layout 1), or segment {@code i % segments} (layout 2), {@code
   * <prefix>:{<escaped name>#<version>.<k>}:seg}.
   */
  public static byte[] chunkKey(FrameStore store, Manifest manifest, ChunkEntry chunk) {
    if (manifest.segments() == 0) {
      return versionKey(store, manifest.name(), manifest.version());
    }
    long index = Long.parseLong(chunk.field().substring(2));
    return (store.config().prefix()
            + ":{"
            + escape(manifest.name())
            + "#"
            + manifest.version()
            + "."
            + index % manifest.segments()
            + "}:seg")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The documented base of every key of frame {@code name}, such as {@code p:{sales}:}. */
  public static String frameBase(FrameStore store, String name) {
    return store.config().prefix() + ":{" + escape(name) + "}:";
  }

  /** A name as keys hold it: {@code %}, <code>{</code> and <code>}</code> percent-encoded. */
  private static String escape(String name) {
    return name.replace("%", "%25").replace("{", "%7B").replace("}", "%7D");
  }

  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code condition} holds, polling; fails after {@code timeout}. */
  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(10_000_000);
      if (Thread.interrupted()) {
        throw new AssertionError("Interrupted while waiting for " + what);
      }
    }
  }
}
