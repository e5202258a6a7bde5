package io.redframe.redis;

import io.redframe.FrameStoreException;
import io.redframe.StoreConnectionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The boundary to Jedis: every Redis call of the store goes through {@link #call}, which turns
 * Jedis exceptions into redframe's, naming the server (never its password) and what was being done.
 */
public final class RedisCalls {
  private static final int TRYAGAIN_ATTEMPTS = 20;
  private static final long TRYAGAIN_PAUSE_NANOS = 5_000_000;

  private final UnifiedJedis jedis;
  private final String server;

  public RedisCalls(UnifiedJedis jedis, String server) {
    this.jedis = jedis;
    this.server = server;
  }

  public UnifiedJedis jedis() {
    return jedis;
  }

  /**
   * Whether the client is a Redis Cluster client (keys of different slots on different masters).
   */
  public boolean cluster() {
    return jedis instanceof RedisClusterClient;
  }

  /** The server's redacted URL, for messages. */
  public String server() {
    return server;
  }

  /**
   * Runs {@code operation}, translating Jedis exceptions. On a cluster, a command refused because
   * its slot is being migrated is tried again a few times, as the cluster client itself follows
   * MOVED and ASK: {@code TRYAGAIN} (its keys are split between two masters: the command did
   * nothing), and a script that reached a key of that slot the node no longer holds (redframe's
   * scripts read every such key before their first write, so it did nothing either).
   */
  public <T> T call(String what, Function<UnifiedJedis, T> operation) {
    for (int attempt = 1; ; attempt++) {
      try {
        return operation.apply(jedis);
      } catch (JedisDataException e) {
        if (!cluster()
            || attempt >= TRYAGAIN_ATTEMPTS
            || !migrating(String.valueOf(e.getMessage()))) {
          throw translate(what, e);
        }
        LockSupport.parkNanos(TRYAGAIN_PAUSE_NANOS * attempt);
      } catch (JedisException e) {
        throw translate(what, e);
      }
    }
  }

  private static boolean migrating(String message) {
    return message.startsWith("TRYAGAIN") || message.contains("non local key");
  }

  /** Translates a Jedis exception raised while doing {@code what}. */
  public FrameStoreException translate(String what, JedisException e) {
    if (e instanceof JedisConnectionException
        || e instanceof JedisClusterOperationException
        || String.valueOf(e.getMessage()).startsWith("CLUSTERDOWN")) {
      return new StoreConnectionException(
          "Redis unreachable at " + server + " while " + what + ": " + message(e), e);
    }
    if (e instanceof JedisAccessControlException) {
      return new StoreConnectionException(
          "Redis at " + server + " refused access while " + what + ": " + message(e), e);
    }
    if (migrating(String.valueOf(e.getMessage()))) {
      return new FrameStoreException(
          "Redis at "
              + server
              + " could not finish "
              + what
              + ": the frame's slot is being migrated between masters (resharding) and the"
              + " command could not run on either side; nothing was changed, try again when the"
              + " migration ends ("
              + message(e)
              + ")",
          e);
    }
    return new FrameStoreException(
        "Redis at " + server + " failed while " + what + ": " + message(e), e);
  }

  private static String message(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
        text.append(" (").append(cause.getMessage()).append(')');
      }
    }
    return text.toString();
  }
}
