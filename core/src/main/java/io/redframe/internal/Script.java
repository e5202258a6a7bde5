package io.redframe.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The store's Lua scripts (resources beside this class). Each runs by {@code EVALSHA}, falling back
 * to {@code EVAL} once when the server does not have it cached (after a restart or {@code SCRIPT
 * FLUSH}).
 */
public enum Script {
  ALLOC("alloc.lua"),
  PUBLISH("publish.lua"),
  RESOLVE("resolve.lua"),
  DELETE("delete.lua"),
  VERSIONS("versions.lua"),
  WATCH("watch.lua"),
  PRUNE("prune.lua");

  private final byte[] source;
  private final byte[] sha;

  Script(String resource) {
    try (InputStream in = Script.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing script resource " + resource);
      }
      source = in.readAllBytes();
      String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source));
      sha = hex.getBytes(StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by the JDK", e);
    }
  }

  /** Runs the script; the reply is the script's table as a list of Long and byte[] items. */
  public List<?> run(UnifiedJedis jedis, List<byte[]> keys, List<byte[]> args) {
    Object reply;
    try {
      reply = jedis.evalsha(sha, keys, args);
    } catch (JedisNoScriptException e) {
      reply = jedis.eval(source, keys, args);
    }
    return reply instanceof List<?> list ? list : List.of(reply);
  }

  /** Reads item {@code index} of a script reply as a long. */
  public static long longAt(List<?> reply, int index) {
    Object item = reply.get(index);
    if (item instanceof Long l) {
      return l;
    }
    return Long.parseLong(text(item));
  }

  /** Reads item {@code index} of a script reply as UTF-8 text. */
  public static String textAt(List<?> reply, int index) {
    return text(reply.get(index));
  }

  private static String text(Object item) {
    if (item instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return String.valueOf(item);
  }
}
