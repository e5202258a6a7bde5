package io.redframe.internal.store;

import static io.redframe.internal.store.StoreContext.text;
import static io.redframe.internal.store.StoreContext.where;

import io.redframe.ChunkEntry;
import io.redframe.FrameStoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The segment keys of layout 2 versions (Redis Cluster): their seal before publish, and their lives
 * after it. A segment has a hash tag of its own, so no script can touch it beside its version's
 * key; instead the client gives every segment the life of its version in steps that are each
 * idempotent:
 *
 * <ol>
 *   <li>before the first chunk, the version is entered in the frame's segment registry (a sorted
 *       set in the frame's slot), so its segments can always be found again;
 *   <li>while written, segments expire with the pending version ({@code pendingTtl}, refreshed);
 *   <li>{@link #seal}: every segment must hold all its chunks, then gets the life the publish gives
 *       the version (no expiry, or the TTL), before the publish;
 *   <li>{@link #sync}, after anything that changes versions' lives (a publish and its retention, a
 *       pin, an unpin, a delete): each registered version's remaining life is read in one script,
 *       copied to its segments, and the segments of versions that are gone are removed.
 * </ol>
 *
 * A writer that dies before the publish leaves segments that expire by themselves (or, if it died
 * between seal and publish, that the next sync of the frame removes). Segments outlive their
 * version by {@link #MARGIN_MS}, never the other way round, except when a process dies between a
 * script that lengthened a version's life and the sync after it; a read then finds the chunks gone
 * and says so ({@code FrameNotFoundException}), and the next sync repairs what is left.
 */
final class Segments {
  /** How much longer than its version a segment lives. */
  static final long MARGIN_MS = 5_000;

  private static final int ATTEMPTS = 4;

  private final StoreContext context;

  Segments(StoreContext context) {
    this.context = context;
  }

  /** Enters version {@code version} with its segment count in the frame's registry. */
  void register(String name, long version, int segments) {
    context
        .redis()
        .call(
            "registering the segments of " + where(name, version),
            jedis -> jedis.zadd(context.keys().segmentRegistry(name), segments, text(version)));
  }

  /**
   * Checks that every segment of a written version holds its chunks, and gives it the life its
   * version gets at publish ({@code ttlMillis}, 0 for none); with the {@code replicas} option,
   * waits until that many replicas of each master holding segments have them.
   */
  void seal(String name, long version, int segments, List<ChunkEntry> chunks, long ttlMillis) {
    long[] expected = new long[segments];
    for (ChunkEntry chunk : chunks) {
      expected[(int) (KeyLayout.chunkIndex(chunk.field()) % segments)]++;
    }
    List<byte[]> keys = context.keys().segments(name, version, segments);
    long life = ttlMillis > 0 ? ttlMillis + MARGIN_MS : -1;
    List<Long> found =
        perNode(
            "sealing the segments of " + where(name, version),
            keys,
            (pipeline, key) -> {
              Response<Long> length = pipeline.hlen(key);
              if (life > 0) {
                pipeline.pexpire(key, life);
              } else {
                pipeline.persist(key);
              }
              return length;
            },
            context.config().replicas());
    for (int k = 0; k < segments; k++) {
      if (found.get(k) != expected[k]) {
        throw new FrameStoreException(
            "Could not publish "
                + where(name, version)
                + ": segment "
                + k
                + " holds "
                + found.get(k)
                + " of its "
                + expected[k]
                + " chunks (it expired while written, or a master failed over before its"
                + " replica had it); nothing was published");
      }
    }
  }

  /**
   * Gives the segments of every layout 2 version of {@code name} their version's remaining life,
   * and removes the segments of versions that are gone (then their registry entries).
   */
  void sync(String name) {
    KeyLayout keys = context.keys();
    List<?> reply =
        context
            .redis()
            .call(
                "reading the versions of frame '" + Names.shorten(name) + "'",
                jedis ->
                    Script.LIVES.run(
                        jedis,
                        List.of(keys.segmentRegistry(name)),
                        List.of(keys.versionBase(name), text(MARGIN_MS))));
    List<byte[]> gone = new ArrayList<>();
    for (int i = 0; i + 2 < reply.size(); i += 3) {
      long version = Script.longAt(reply, i);
      int segments = (int) Math.min(ManifestJson.MAX_SEGMENTS, Script.longAt(reply, i + 1));
      long pttl = Script.longAt(reply, i + 2);
      perNode(
          "keeping the segments of " + where(name, version),
          context.keys().segments(name, version, segments),
          (pipeline, key) ->
              pttl == -2
                  ? pipeline.unlink(key)
                  : pttl == -1 ? pipeline.persist(key) : pipeline.pexpire(key, pttl + MARGIN_MS),
          0);
      if (pttl == -2) {
        gone.add(text(version));
      }
    }
    if (!gone.isEmpty()) {
      context
          .redis()
          .call(
              "removing segments of frame '" + Names.shorten(name) + "'",
              jedis -> jedis.zrem(keys.segmentRegistry(name), gone.toArray(new byte[0][])));
    }
  }

  /** A command queued on one node's pipeline for one key. */
  private interface Op {
    Response<Long> queue(Pipeline pipeline, byte[] key);
  }

  /**
   * Runs {@code op} on every key, pipelined on one connection per master (the master of each key's
   * slot); with {@code replicas > 0}, then {@code WAIT}s on each of those connections. Returns the
   * replies in key order. A redirection (a slot that moved, a master that failed over) refreshes
   * the slot map and runs it all again, a few times at most: every op is idempotent.
   */
  private List<Long> perNode(String what, List<byte[]> keys, Op op, int replicas) {
    RedisClusterClient cluster = (RedisClusterClient) context.redis().jedis();
    JedisException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        // Which master holds each key: a connection is borrowed and given back at once, so this
        // never holds one node's connection while it waits for another's (saves running at once
        // would deadlock on a small pool).
        Map<HostAndPort, List<Integer>> byNode = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
          try (Connection connection =
              cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(keys.get(i)))) {
            byNode.computeIfAbsent(connection.getHostAndPort(), n -> new ArrayList<>()).add(i);
          }
        }
        Response<?>[] replies = new Response<?>[keys.size()];
        for (Map.Entry<HostAndPort, List<Integer>> node : byNode.entrySet()) {
          List<Integer> indexes = node.getValue();
          try (Connection connection =
              cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(keys.get(indexes.get(0))))) {
            Jedis jedis = new Jedis(connection);
            Pipeline pipeline = jedis.pipelined();
            for (int i : indexes) {
              replies[i] = op.queue(pipeline, keys.get(i));
            }
            pipeline.sync();
            for (int i : indexes) {
              replies[i].get();
            }
            if (replicas > 0) {
              waitFor(what, jedis, node.getKey(), replicas);
            }
          }
        }
        List<Long> out = new ArrayList<>(keys.size());
        for (Response<?> reply : replies) {
          out.add(reply.get() instanceof Long l ? l : 0L);
        }
        return out;
      } catch (JedisException e) {
        if (!Redirects.retryable(e)) {
          throw context.redis().translate(what, e);
        }
        last = e;
        cluster.refreshClusterTopology();
      }
    }
    throw context.redis().translate(what, last);
  }

  private void waitFor(String what, Jedis jedis, HostAndPort node, int replicas) {
    long acknowledged = jedis.waitReplicas(replicas, context.config().replicaTimeout().toMillis());
    if (acknowledged < replicas) {
      throw new FrameStoreException(
          what
              + ": only "
              + acknowledged
              + " of "
              + replicas
              + " replicas of "
              + node
              + " acknowledged within replicaTimeout ("
              + context.config().replicaTimeout()
              + ")");
    }
  }
}
