package io.redframe.jobs;

import io.redframe.FrameStore;
import io.redframe.FrameStoreException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Warns, once per store, when its Redis may evict keys: a {@code maxmemory-policy} other than
 * {@code noeviction} lets Redis drop a queue's keys under memory pressure, and with them queued,
 * running and ended jobs. A server that refuses {@code CONFIG GET} (an ACL, a managed Redis) is
 * noted at debug level. Thread-safe.
 */
final class EvictionCheck {
  private static final System.Logger LOG = System.getLogger(JobQueue.class.getName());
  private static final Set<FrameStore> CHECKED =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  /**
   * What the check found.
   *
   * @param policy the server's policy, empty when it would not say
   * @param safe whether the policy is {@code noeviction}
   * @param message the line logged
   */
  record Result(Optional<String> policy, boolean safe, String message) {}

  private EvictionCheck() {}

  /** Checks {@code store}'s server and logs the result, the first time it sees that store. */
  static void once(FrameStore store) {
    if (CHECKED.add(store)) {
      Result result = check(store);
      LOG.log(
          result.safe() ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
          result.message());
    }
  }

  /** Reads {@code maxmemory-policy} from {@code store}'s server; never throws for a refusal. */
  static Result check(FrameStore store) {
    String server = store.redis().server();
    Map<String, String> reply;
    try {
      reply = store.redis().call("reading maxmemory-policy", j -> j.configGet("maxmemory-policy"));
    } catch (FrameStoreException e) {
      return new Result(
          Optional.empty(),
          true,
          "Could not read maxmemory-policy from Redis at "
              + server
              + " ("
              + e.getMessage()
              + "); make sure it is noeviction, or jobs can be evicted and lost");
    }
    String policy = reply.get("maxmemory-policy");
    if (policy == null) {
      return new Result(
          Optional.empty(), true, "Redis at " + server + " did not report a maxmemory-policy");
    }
    if (policy.equalsIgnoreCase("noeviction")) {
      return new Result(
          Optional.of(policy), true, "Redis at " + server + " has maxmemory-policy noeviction");
    }
    return new Result(
        Optional.of(policy),
        false,
        "Redis at "
            + server
            + " has maxmemory-policy "
            + policy
            + ": under memory pressure it evicts keys, and job queue keys are not exempt: queued,"
            + " running and finished jobs can be evicted and lost. Set maxmemory-policy"
            + " noeviction for the Redis that holds job queues.");
  }
}
