package io.redframe.internal.store;

import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * Which failures of a pipelined command on Redis Cluster are worth sending the command again on its
 * own (through the cluster client, which follows MOVED and ASK, waits out TRYAGAIN and CLUSTERDOWN,
 * and refreshes its slot map after a failover, within its retry budget). Jedis' cluster pipeline
 * does none of that: it hands such replies back as exceptions.
 */
final class Redirects {
  private Redirects() {}

  static boolean retryable(RuntimeException e) {
    if (e instanceof IllegalStateException) {
      // Jedis' cluster pipeline leaves the replies of a node it lost unset: reading one then
      // throws this ("Please close pipeline or multi block before calling this method").
      return String.valueOf(e.getMessage()).contains("pipeline");
    }
    if (e instanceof JedisRedirectionException
        || e instanceof JedisClusterOperationException
        || e instanceof JedisConnectionException) {
      return true;
    }
    String message = String.valueOf(e.getMessage());
    return e instanceof JedisDataException
        && (message.startsWith("TRYAGAIN")
            || message.startsWith("CLUSTERDOWN")
            || message.startsWith("MOVED")
            || message.startsWith("ASK"));
  }
}
