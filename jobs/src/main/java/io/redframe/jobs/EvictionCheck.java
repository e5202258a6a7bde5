package io.redframe.jobs;

import io.redframe.FrameStore;
import java.util.Collections;
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

  /** What {@code store}'s server said of its {@code maxmemory-policy} when the store opened. */
  static Result check(FrameStore store) {
    String server = store.redis().server();
    Optional<String> read = store.evictionPolicy();
    if (read.isEmpty()) {
      return new Result(
          Optional.empty(),
          true,
          "Could not read maxmemory-policy from Redis at "
              + server
              + "; make sure it is noeviction, or jobs can be evicted and lost");
    }
    String policy = read.get();
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
