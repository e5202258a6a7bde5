package io.redframe.jobs.internal;

import io.redframe.redis.LuaScript;
import java.util.List;

/**
 * The keys of one queue. All share the hash tag {@code {<queue>}} after {@code <prefix>:q:}, so
 * they live in one cluster slot and every script can touch them; no frame key starts with {@code
 * <prefix>:q:} (frame keys have a brace right after the prefix). Every script gets all of them, in
 * the order lib.lua names them.
 */
public final class QueueKeys {
  private static final String[] NAMES = {
    "spec",
    "state",
    "result",
    "ready",
    "scheduled",
    "active",
    "done",
    "pending",
    "dependents",
    "seq",
    "events",
    "marker",
    "cache",
    "schedules",
    "due",
    "triggers"
  };

  private final String queue;
  private final String base;
  private final List<byte[]> all;

  public QueueKeys(String prefix, String queue) {
    this.queue = checkName(queue);
    this.base = prefix + ":q:{" + queue + "}:";
    byte[][] keys = new byte[NAMES.length][];
    for (int i = 0; i < NAMES.length; i++) {
      keys[i] = LuaScript.bytes(base + NAMES[i]);
    }
    this.all = List.of(keys);
  }

  /** Queue names: 1-100 of letters, digits and {@code ._-}. */
  public static String checkName(String queue) {
    if (queue == null || !queue.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new IllegalArgumentException(
          "Queue name must be 1-100 of letters, digits and ._- : '" + queue + "'");
    }
    return queue;
  }

  public String queue() {
    return queue;
  }

  /** Every key, in the order the scripts expect. */
  public List<byte[]> all() {
    return all;
  }

  public byte[] key(String name) {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equals(name)) {
        return all.get(i);
      }
    }
    throw new IllegalArgumentException(name);
  }
}
