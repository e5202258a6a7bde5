package io.redframe.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.commands.ScriptingKeyBinaryCommands;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script kept as a resource beside its owner class and run by {@code EVALSHA}, falling back
 * to {@code EVAL} once when the server does not have it cached (after a restart, a failover to a
 * replica, or {@code SCRIPT FLUSH}). Every key the script touches must be passed in {@code keys},
 * so that the script also runs on Redis Cluster when all of them share a hash tag.
 *
 * <pre>{@code
 * static final LuaScript ENQUEUE = LuaScript.resource(Queue.class, "enqueue.lua");
 * List<?> reply = redis.call("enqueueing job " + id, jedis -> ENQUEUE.run(jedis, keys, args));
 * long code = LuaScript.longAt(reply, 0);
 * }</pre>
 *
 * <p>Immutable and thread-safe. Run it inside {@link RedisCalls#call} so that Jedis exceptions are
 * translated into redframe's.
 */
public final class LuaScript {
  private final String name;
  private final byte[] source;
  private final byte[] sha;

  private LuaScript(String name, byte[] source) {
    this.name = name;
    this.source = source;
    try {
      String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source));
      this.sha = hex.getBytes(StandardCharsets.US_ASCII);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by the JDK", e);
    }
  }

  /**
   * The script in resource {@code resource} of {@code owner}'s package (as {@link
   * Class#getResourceAsStream} finds it, which also works on the module path for the owner's own
   * module).
   *
   * @throws IllegalStateException if the resource is missing
   */
  public static LuaScript resource(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "Missing script resource " + resource + " beside " + owner.getName());
      }
      return new LuaScript(resource, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One script from several resources of {@code owner}'s package, in order (a library of local
   * functions first, then the script that calls them), named after the last.
   *
   * @throws IllegalStateException if a resource is missing
   */
  public static LuaScript resources(Class<?> owner, String... resources) {
    if (resources.length == 0) {
      throw new IllegalArgumentException("No script resources given");
    }
    java.io.ByteArrayOutputStream source = new java.io.ByteArrayOutputStream();
    for (String resource : resources) {
      source.writeBytes(resource(owner, resource).source);
      source.write('\n');
    }
    return new LuaScript(resources[resources.length - 1], source.toByteArray());
  }

  /** A script from its source text. */
  public static LuaScript of(String name, String source) {
    return new LuaScript(
        Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(source, "source").getBytes(StandardCharsets.UTF_8));
  }

  /** The resource or given name, for messages. */
  public String name() {
    return name;
  }

  /** The script's SHA-1, as {@code EVALSHA} takes it (40 lowercase hex digits). */
  public String sha() {
    return new String(sha, StandardCharsets.US_ASCII);
  }

  /**
   * Runs the script; the reply is the script's table as a list of {@code Long}, {@code byte[]} and
   * nested lists (a single value is wrapped in a list). {@code jedis} is a client ({@code
   * UnifiedJedis}) or one connection ({@code Jedis}), for a script followed by {@code WAIT}.
   *
   * @throws redis.clients.jedis.exceptions.JedisException as Jedis throws it: call this inside
   *     {@link RedisCalls#call}
   */
  public List<?> run(ScriptingKeyBinaryCommands jedis, List<byte[]> keys, List<byte[]> args) {
    Object reply;
    try {
      reply = jedis.evalsha(sha, keys, args);
    } catch (JedisNoScriptException e) {
      reply = jedis.eval(source, keys, args);
    }
    return reply instanceof List<?> list ? list : java.util.Collections.singletonList(reply);
  }

  /**
   * Queues the script on {@code pipeline} by {@code EVALSHA}. A reply that fails with {@code
   * NOSCRIPT} (the server did not have it cached) is to be run again with {@link #run}, which loads
   * it: see {@link #isNoScript}.
   */
  public Response<Object> run(AbstractPipeline pipeline, List<byte[]> keys, List<byte[]> args) {
    return pipeline.evalsha(sha, keys, args);
  }

  /** Whether {@code e}, from a pipelined reply, says the server does not have the script. */
  public static boolean isNoScript(RuntimeException e) {
    return e instanceof JedisNoScriptException
        || (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT"));
  }

  /** Item {@code index} of a script reply as a long (an integer reply or its decimal text). */
  public static long longAt(List<?> reply, int index) {
    Object item = reply.get(index);
    if (item instanceof Long l) {
      return l;
    }
    return Long.parseLong(textAt(reply, index));
  }

  /** Item {@code index} of a script reply as UTF-8 text. */
  public static String textAt(List<?> reply, int index) {
    Object item = reply.get(index);
    if (item instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return String.valueOf(item);
  }

  /** Text as the UTF-8 bytes a script takes in KEYS or ARGV. */
  public static byte[] bytes(Object value) {
    return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "LuaScript[" + name + ", " + sha() + "]";
  }
}
