package io.redframe.internal.connect;

import io.redframe.FrameStoreException;
import io.redframe.StoreConfig;
import io.redframe.redis.RedisCalls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** Opens Jedis clients for store URLs and checks the server before the store is handed out. */
public final class Connections {
  private static final int MIN_MAJOR = 6;
  private static final int MIN_MINOR = 2;

  private Connections() {}

  /** A pooled client for a {@code redis://} or {@code rediss://} URL. */
  public static RedisClient open(StoreUrl url, StoreConfig config) {
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
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(config.poolSize());
    pool.setMaxIdle(config.poolSize());
    pool.setMinIdle(0);
    pool.setMaxWait(config.timeout());
    return RedisClient.builder()
        .hostAndPort(host, port)
        .clientConfig(client.build())
        .poolConfig(pool)
        .build();
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

  /** Pings the server and checks it is Redis 6.2 or newer; returns its version. */
  public static String check(RedisCalls redis) {
    redis.call("connecting", UnifiedJedis::ping);
    String info;
    try {
      info = redis.jedis().info("server");
    } catch (JedisDataException e) {
      return "unknown (INFO not allowed)"; // an ACL user without INFO: let the commands decide
    }
    String version =
        info.lines()
            .filter(l -> l.startsWith("redis_version:"))
            .map(l -> l.substring("redis_version:".length()).trim())
            .findFirst()
            .orElse("unknown");
    String[] parts = version.split("\\.", -1);
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      if (major < MIN_MAJOR || (major == MIN_MAJOR && minor < MIN_MINOR)) {
        throw new FrameStoreException(
            "Redis at "
                + redis.server()
                + " is version "
                + version
                + "; redframe needs 6.2 or newer");
      }
    } catch (NumberFormatException e) {
      // A Redis-compatible server with another version scheme: let the commands decide.
    }
    return version;
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }
}
