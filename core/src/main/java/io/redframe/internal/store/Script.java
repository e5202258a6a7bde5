package io.redframe.internal.store;

import io.redframe.redis.LuaScript;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.commands.ScriptingKeyBinaryCommands;

/** The store's Lua scripts (resources beside this class), run as {@link LuaScript}s. */
@SuppressWarnings("ImmutableEnumChecker") // a LuaScript never changes once loaded
public enum Script {
  ALLOC("alloc.lua"),
  PUBLISH("publish-lib.lua", "publish.lua"),
  SAVE("publish-lib.lua", "save.lua"),
  RESOLVE("resolve.lua"),
  DELETE("delete.lua"),
  VERSIONS("versions.lua"),
  WATCH("watch.lua"),
  PRUNE("prune.lua"),
  PIN("pin.lua"),
  UNPIN("unpin.lua"),
  FENCE("fence.lua"),
  LIVES("lives.lua");

  private final LuaScript script;

  Script(String... resources) {
    script = LuaScript.resources(Script.class, resources);
  }

  /** Runs the script; the reply is the script's table as a list of Long and byte[] items. */
  public List<?> run(ScriptingKeyBinaryCommands jedis, List<byte[]> keys, List<byte[]> args) {
    return script.run(jedis, keys, args);
  }

  /**
   * Queues the script on {@code pipeline}; a reply failing with NOSCRIPT ({@link
   * LuaScript#isNoScript}) is to be run again with {@link #run}.
   */
  public Response<Object> run(AbstractPipeline pipeline, List<byte[]> keys, List<byte[]> args) {
    return script.run(pipeline, keys, args);
  }

  /** Reads item {@code index} of a script reply as a long. */
  public static long longAt(List<?> reply, int index) {
    return LuaScript.longAt(reply, index);
  }

  /** Reads item {@code index} of a script reply as UTF-8 text. */
  public static String textAt(List<?> reply, int index) {
    return LuaScript.textAt(reply, index);
  }
}
