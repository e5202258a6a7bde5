package io.redframe.jobs.internal;

import io.redframe.redis.LuaScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The queue's scripts: each state change is one script, with lib.lua's functions prepended. */
@SuppressWarnings("ImmutableEnumChecker") // LuaScript is immutable: final fields, copied arrays
public enum JobScripts {
  ENQUEUE("enqueue.lua"),
  TAKE("take.lua"),
  EXTEND("extend.lua"),
  FINISH("finish.lua"),
  PROGRESS("progress.lua"),
  CANCEL("cancel.lua"),
  REQUEUE("requeue.lua"),
  SWEEP("sweep.lua"),
  CLAIM("claim.lua"),
  NOW("now.lua");

  private final LuaScript script;

  JobScripts(String resource) {
    script = LuaScript.of(resource, read("lib.lua") + "\n" + read(resource));
  }

  public LuaScript script() {
    return script;
  }

  private static String read(String resource) {
    try (InputStream in = JobScripts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing script resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
