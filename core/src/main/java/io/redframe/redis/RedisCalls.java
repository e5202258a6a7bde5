package io.redframe.redis;

import io.redframe.FrameStoreException;
import io.redframe.StoreConnectionException;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The boundary to Jedis: every Redis call of the store goes through {@link #call}, which turns
 * Jedis exceptions into redframe's, naming the server (never its password) and what was being done.
 */
public final class RedisCalls {
  private final UnifiedJedis jedis;
  private final String server;

  public RedisCalls(UnifiedJedis jedis, String server) {
    this.jedis = jedis;
    this.server = server;
  }

  public UnifiedJedis jedis() {
    return jedis;
  }

  /** The server's redacted URL, for messages. */
  public String server() {
    return server;
  }

  public <T> T call(String what, Function<UnifiedJedis, T> operation) {
    try {
      return operation.apply(jedis);
    } catch (JedisException e) {
      throw translate(what, e);
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
