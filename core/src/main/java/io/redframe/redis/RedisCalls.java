package io.redframe.redis;

import io.redframe.FrameStoreException;
import io.redframe.StoreConnectionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
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
   * Runs {@code operation}, translating Jedis exceptions. On a cluster, a command refused with
   * {@code TRYAGAIN} (its keys are in a slot being migrated, split between two masters: the command
   * did nothing) is tried again a few times, as the cluster client itself follows MOVED and ASK.
   */
  public <T> T call(String what, Function<UnifiedJedis, T> operation) {
    for (int attempt = 1; ; attempt++) {
      try {
        return operation.apply(jedis);
      } catch (JedisDataException e) {
        if (!cluster()
            || attempt >= TRYAGAIN_ATTEMPTS
            || !String.valueOf(e.getMessage()).startsWith("TRYAGAIN")) {
          throw translate(what, e);
        }
        LockSupport.parkNanos(TRYAGAIN_PAUSE_NANOS * attempt);
      } catch (JedisException e) {
        throw translate(what, e);
      }
    }
  }

  /** Translates a Jedis exception raised while doing {@code what}. */
  public FrameStoreException translate(String what, JedisException e) {
    if (e instanceof JedisConnectionException) {
      return new StoreConnectionException(
          "Redis unreachable at " + server + " while " + what + ": " + message(e), e);
    }
    if (e instanceof JedisAccessControlException) {
      return new StoreConnectionException(
          "Redis at " + server + " refused access while " + what + ": " + message(e), e);
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
