package io.redframe.internal.connect;

import io.redframe.FrameStoreException;
import io.redframe.StoreConfig;
import io.redframe.redis.RedisCalls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** Opens Jedis clients for store URLs and checks the server before the store is handed out. */
public final class Connections {
  private static final int MIN_MAJOR = 6;
  private static final int MIN_MINOR = 2;

  /** Tries of one command on a cluster, following MOVED, ASK and TRYAGAIN and failovers. */
  private static final int CLUSTER_ATTEMPTS = 8;

  private Connections() {}

  /**
   * A pooled client for a {@code redis://} or {@code rediss://} URL, or a cluster client (a pool
   * per node, following the slot map) for {@code redis-cluster://} and {@code rediss-cluster://}.
   */
  public static UnifiedJedis open(StoreUrl url, StoreConfig config) {
    if (url.kind().cluster()) {
      Set<HostAndPort> seeds = new LinkedHashSet<>();
      for (StoreUrl.Node node : url.nodes()) {
        seeds.add(new HostAndPort(node.host(), node.port()));
      }
      return RedisClusterClient.builder()
          .nodes(seeds)
          .clientConfig(
              clientConfig(
                      url.user().orElse(null),
                      url.password().orElse(null),
                      0,
                      url.kind().tls(),
                      config)
                  .build())
          .poolConfig(pool(config))
          .maxAttempts(CLUSTER_ATTEMPTS)
          .maxTotalRetriesDuration(config.timeout())
          .build();
    }
    return open(
        url.host(),
        url.port(),
        url.user().orElse(null),
        url.password().orElse(null),
        url.database(),
        url.kind() == StoreUrl.Kind.REDIS_TLS,
        config);
  }

  public static RedisClient open(
      String host,
      int port,
      String user,
      String password,
      int database,
      boolean tls,
      StoreConfig config) {
    return RedisClient.builder()
        .hostAndPort(host, port)
        .clientConfig(clientConfig(user, password, database, tls, config).build())
        .poolConfig(pool(config))
        .build();
  }

  private static DefaultJedisClientConfig.Builder clientConfig(
      String user, String password, int database, boolean tls, StoreConfig config) {
    DefaultJedisClientConfig.Builder client =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(millis(config.connectTimeout()))
            .socketTimeoutMillis(millis(config.timeout()))
            .database(database)
            .clientName("redframe");
    if (tls) {
      // Full verification: the server's certificate chain and its host name.
      SslOptions.Builder ssl = SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL);
      if (!config.tlsCaFile().isEmpty()) {
        ssl.truststore(TlsTrust.pkcs12(Path.of(config.tlsCaFile())), TlsTrust.PASSWORD);
        ssl.trustStoreType("PKCS12");
      }
      client.sslOptions(ssl.build());
    }
    if (user != null) {
      client.user(user);
    }
    if (password != null) {
      client.password(password);
    }
    return client;
  }

  private static ConnectionPoolConfig pool(StoreConfig config) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(config.poolSize());
    pool.setMaxIdle(config.poolSize());
    pool.setMinIdle(0);
    pool.setMaxWait(config.timeout());
    return pool;
  }

  private static final System.Logger LOG = System.getLogger("io.redframe.FrameStore");
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  /**
   * The server's {@code maxmemory-policy} (empty if it refuses {@code CONFIG GET}); logs a warning,
   * once per server and JVM, when it is not {@code noeviction}.
   */
  public static Optional<String> evictionPolicy(RedisCalls redis) {
    Optional<String> policy;
    try {
      policy =
          Optional.ofNullable(
              redis
                  .call("reading maxmemory-policy", j -> j.configGet("maxmemory-policy"))
                  .get("maxmemory-policy"));
    } catch (FrameStoreException e) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "Could not read maxmemory-policy from Redis at "
              + redis.server()
              + ": "
              + e.getMessage());
      return Optional.empty();
    }
    if (policy.isPresent()
        && !policy.get().equalsIgnoreCase("noeviction")
        && WARNED.add(redis.server())) {
      LOG.log(System.Logger.Level.WARNING, evictionWarning(redis.server(), policy.get()));
    }
    return policy;
  }

  /** The warning for a server whose {@code maxmemory-policy} is {@code policy}. */
  public static String evictionWarning(String server, String policy) {
    return "Redis at "
        + server
        + " has maxmemory-policy "
        + policy
        + ": under memory pressure it evicts keys, and a frame whose chunks are evicted can no"
        + " longer be loaded. Set maxmemory-policy noeviction for the Redis that holds frames.";
  }

  /**
   * Pings the server and checks it is Redis 6.2 or newer; returns its version. On a cluster, checks
   * every node the client knows (masters and replicas) and returns the oldest version.
   */
  public static String check(RedisCalls redis) {
    redis.call("connecting", UnifiedJedis::ping);
    if (redis.jedis() instanceof RedisClusterClient cluster) {
      String oldest = null;
      for (Map.Entry<String, ConnectionPool> node : cluster.getClusterNodes().entrySet()) {
        String info =
            redis.call(
                "checking cluster node " + node.getKey(),
                j -> {
                  try (Connection connection = node.getValue().getResource()) {
                    return new Jedis(connection).info("server");
                  }
                });
        String version = checkVersion(redis.server() + " (node " + node.getKey() + ")", info);
        if (oldest == null || compare(version, oldest) < 0) {
          oldest = version;
        }
      }
      return oldest == null ? "unknown" : oldest;
    }
    String info;
    try {
      info = redis.jedis().info("server");
    } catch (JedisDataException e) {
      return "unknown (INFO not allowed)"; // an ACL user without INFO: let the commands decide
    }
    return checkVersion(redis.server(), info);
  }

  private static String checkVersion(String server, String info) {
    String version =
        info.lines()
            .filter(l -> l.startsWith("redis_version:"))
            .map(l -> l.substring("redis_version:".length()).trim())
            .findFirst()
            .orElse("unknown");
    int[] parts = parts(version);
    if (parts != null
        && (parts[0] < MIN_MAJOR || (parts[0] == MIN_MAJOR && parts[1] < MIN_MINOR))) {
      throw new FrameStoreException(
          "Redis at " + server + " is version " + version + "; redframe needs 6.2 or newer");
    }
    return version;
  }

  /** Major and minor of a version, or null for another version scheme (commands decide then). */
  private static int[] parts(String version) {
    String[] parts = version.split("\\.", -1);
    try {
      return new int[] {
        Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int compare(String a, String b) {
    int[] x = parts(a);
    int[] y = parts(b);
    if (x == null || y == null) {
      return 0;
    }
    return x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]);
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }
}
