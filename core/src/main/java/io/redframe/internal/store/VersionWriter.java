package io.redframe.internal.store;

import static io.redframe.internal.store.StoreContext.text;
import static io.redframe.internal.store.StoreContext.where;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.redframe.ChunkEntry;
import io.redframe.FencedOutException;
import io.redframe.FrameRef;
import io.redframe.FrameStoreException;
import io.redframe.LimitExceededException;
import io.redframe.Manifest;
import io.redframe.SaveOptions;
import io.redframe.SaveResult;
import io.redframe.StoreOption;
import io.redframe.VersionConflictException;
import io.redframe.redis.LuaScript;
import io.redframe.spi.Checksums;
import io.redframe.spi.EncodedFrame;
import io.redframe.spi.FrameEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.IntFunction;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The save protocol. A large save allocates a version (its key is created pending, with an expiry),
 * pipelines the chunks into it as the encoder makes them, adds the manifest, then publishes in one
 * Lua script that checks the version is complete, applies compare-and-set, moves the head, applies
 * retention and TTL to every key of the frame, updates the catalog and announces the version. Until
 * the publish, readers cannot reach the version; if the writer dies, the pending key expires.
 *
 * <p>A small save (chunks within one script call: {@link #SMALL_BYTES}, or the pipeline window if
 * smaller) does all of that in one script call and one round trip: the writer guesses the version
 * number (one more than its last save of the frame), and the script allocates it only if it is the
 * next one, then writes the fields and publishes with the same steps; a wrong guess writes nothing
 * and the reply names the next number. A save starts small and turns large when its chunks outgrow
 * the limit.
 */
public final class VersionWriter {
  private static final System.Logger LOG = System.getLogger("io.redframe.FrameStore");
  private static final int EVENTS_KEPT = 100;
  private static final String WRITER = WriterId.describe();

  /** The most chunk bytes a save sends in one script call (if the pipeline window allows). */
  private static final long SMALL_BYTES = 1 << 20;

  /** Guesses a small save makes before it allocates its version as a large one does. */
  private static final int SMALL_ATTEMPTS = 4;

  /** Chunk bytes beyond which a small save stages its chunks instead of passing them to Lua. */
  static final long STAGE_BYTES = 2048;

  /** Guesses an allocation makes before it gives up (each lost one means another save began). */
  private static final int ALLOC_ATTEMPTS = 1000;

  /** Frames this store saved most recently, and their last version, for guesses. */
  private static final int REMEMBERED = 10_000;

  private static final byte[] ID = KeyLayout.bytes("id");
  private static final byte[] MANIFEST = KeyLayout.bytes("manifest");
  private static final byte[] MANIFEST_CRC = KeyLayout.bytes("manifest.crc32c");

  private final StoreContext context;
  private final Segments segments;

  /**
   * Set once the server refused a staged save's RENAME (an ACL without it): small saves then pass
   * their chunks as script arguments again.
   */
  private volatile boolean stagingRefused;

  private final Map<String, Long> lastVersions =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > REMEMBERED;
        }
      };

  public VersionWriter(StoreContext context) {
    this.context = context;
    this.segments = new Segments(context);
  }

  public SaveResult save(String name, FrameEncoder encoder, SaveOptions options) {
    Names.check(name);
    String id = VersionIds.next();
    Streaming streaming = new Streaming(name, options);
    SmallSink sink =
        new SmallSink(
            context.config().chunkSize(),
            smallLimit(),
            context.config().maxChunkBytes(),
            "frame '" + Names.shorten(name) + "' (a new version)",
            streaming::start);
    EncodedFrame encoded;
    try {
      encoded = encoder.encode(sink);
      if (sink.writer() == null) {
        SaveResult saved = saveSmall(name, id, encoder, encoded, sink, options);
        if (saved != null) {
          return saved;
        }
        sink.stream(); // the guesses lost to other writers: allocate, as a large save does
      }
    } catch (IOException e) {
      streaming.abandon();
      throw new FrameStoreException(
          "Saving frame '" + Names.shorten(name) + "' failed: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      streaming.abandon();
      throw e;
    }
    return streaming.finish(id, encoder, encoded);
  }

  /** The most bytes of chunks a save sends in its one script call. */
  private long smallLimit() {
    return Math.min(context.config().pipelineWindow(), SMALL_BYTES);
  }

  /**
   * The state of a save streamed through a {@link ChunkWriter}: the version it allocated and its
   * writer, once started.
   */
  private final class Streaming {
    private final String name;
    private final SaveOptions options;
    private long version;

    /** Segment keys of a layout 2 version (on a cluster), else 0. */
    private int segmentCount;

    private ChunkWriter writer;

    Streaming(String name, SaveOptions options) {
      this.name = name;
      this.options = options;
    }

    ChunkWriter start() {
      version = allocate(name, options);
      KeyLayout keys = context.keys();
      byte[] key = keys.version(name, version);
      IntFunction<byte[]> chunkKey = index -> key;
      if (context.redis().cluster()) {
        int count = context.config().segments();
        List<byte[]> segmentKeys = keys.segments(name, version, count);
        segments.register(name, version, count);
        segmentCount = count;
        chunkKey = index -> segmentKeys.get(index % count);
      }
      writer =
          new ChunkWriter(
              context.redis(),
              context.senders(),
              key,
              chunkKey,
              context.config().chunkSize(),
              context.config().maxChunkBytes(),
              context.config().pipelineWindow(),
              context.config().pendingTtl().toMillis(),
              where(name, version),
              options.progress());
      return writer;
    }

    SaveResult finish(String id, FrameEncoder encoder, EncodedFrame encoded) {
      Manifest manifest;
      try {
        manifest =
            manifest(
                name,
                version,
                id,
                encoder,
                encoded,
                writer.entries(),
                writer.totalBytes(),
                options,
                segmentCount);
        writer.finish(manifestBytes(manifest, where(name, version)), id);
        writer.close();
        if (segmentCount > 0) {
          segments.seal(name, version, segmentCount, manifest.chunks(), ttl(options).toMillis());
        }
      } catch (RuntimeException | Error e) {
        abandon();
        throw e;
      }
      boolean current;
      try {
        current = publish(name, version, manifest, options);
      } catch (RuntimeException e) {
        if (segmentCount > 0) {
          syncQuietly(name); // a refused publish removed the version: remove its segments
        }
        throw e;
      }
      remember(name, version);
      return new SaveResult(
          name, version, current, manifest.rows(), manifest.bytes(), manifest.chunks().size());
    }

    void abandon() {
      if (writer != null) {
        VersionWriter.this.abandon(writer, context.keys().version(name, version));
        if (segmentCount > 0) {
          syncQuietly(name);
        }
      }
    }
  }

  /**
   * Writes and publishes a version whose chunks {@code sink} holds in one script call, guessing its
   * number (the one after this store's last save of the frame, else 1) and guessing again with the
   * number the script says is next. Returns null if other writers kept taking the guessed numbers.
   */
  @SuppressWarnings(
      "ArrayAsKeyOfSetOrMap") // Jedis' HSET takes its fields as a map: never looked up
  private SaveResult saveSmall(
      String name,
      String id,
      FrameEncoder encoder,
      EncodedFrame encoded,
      SmallSink sink,
      SaveOptions options) {
    long version = guess(name);
    // Chunks beyond a few KB go to a key of their own, in the same round trip as the script: Redis
    // copies every script argument into Lua (about 1.2 us per KB), a plain HSET far less. With
    // replicas the script runs on a connection of its own (for WAIT), so they stay arguments.
    boolean staged =
        sink.totalBytes() > STAGE_BYTES && context.config().replicas() == 0 && !stagingRefused;
    byte[] stage = staged ? context.keys().stage(name, id) : null;
    boolean stageSent = false;
    try {
      for (int attempt = 0; attempt < SMALL_ATTEMPTS; attempt++) {
        Manifest manifest =
            manifest(
                name, version, id, encoder, encoded, sink.entries(), sink.totalBytes(), options, 0);
        byte[] json = manifestBytes(manifest, where(name, version));
        List<byte[]> keyList = publishKeys(name, version, options);
        List<byte[]> args = publishArgs(name, version, manifest, options);
        args.add(text(WRITER));
        args.add(text(context.config().pendingTtl().toMillis()));
        args.add(text(staged ? 1 : 0));
        List<ChunkEntry> entries = manifest.chunks();
        Map<byte[], byte[]> chunks = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
          chunks.put(KeyLayout.bytes(entries.get(i).field()), sink.chunks().get(i));
        }
        if (staged) {
          if (keyList.size() == 5) {
            keyList.add(context.keys().head(name)); // KEYS[6] without a fence: a placeholder
          }
          keyList.add(stage);
        } else {
          chunks.forEach(
              (field, bytes) -> {
                args.add(field);
                args.add(bytes);
              });
        }
        args.add(ID);
        args.add(KeyLayout.bytes(id));
        args.add(MANIFEST);
        args.add(json);
        args.add(MANIFEST_CRC);
        args.add(KeyLayout.bytes(Checksums.crc32c(json)));
        String what = "saving " + where(name, version);
        List<?> reply;
        try {
          reply =
              staged && !stageSent
                  ? runStaged(what, stage, chunks, keyList, args)
                  : run(what, Script.SAVE, name, keyList, args);
        } catch (FrameStoreException e) {
          if (!staged || !refusedByAcl(e)) {
            throw e;
          }
          LOG.log(
              System.Logger.Level.WARNING,
              "The Redis user may not run RENAME: small saves pass their chunks as script"
                  + " arguments (slower beyond a few KB; docs/RELIABILITY.md lists the ACL)");
          stagingRefused = true;
          unlinkQuietly(stage);
          stage = null;
          return saveSmall(name, id, encoder, encoded, sink, options);
        }
        stageSent = staged;
        if (Script.longAt(reply, 0) == 4) {
          version = Script.longAt(reply, 1);
          continue;
        }
        stage = null; // renamed, or removed by the script that refused the save
        boolean current = outcome(name, version, manifest, options, reply);
        remember(name, version);
        options.progress().accept(sink.totalBytes());
        return new SaveResult(
            name, version, current, manifest.rows(), manifest.bytes(), manifest.chunks().size());
      }
      return null;
    } finally {
      if (stage != null && stageSent) {
        unlinkQuietly(stage);
      }
    }
  }

  /**
   * Sends the staged chunks ({@code HSET} and the pending TTL) and the save script in one round
   * trip. A script the server lost (NOSCRIPT) runs again on its own; on a cluster, commands
   * redirected by a resharding or failover are sent again one by one.
   */
  private List<?> runStaged(
      String what,
      byte[] stage,
      Map<byte[], byte[]> chunks,
      List<byte[]> keyList,
      List<byte[]> args) {
    long pendingTtl = context.config().pendingTtl().toMillis();
    boolean cluster = context.redis().cluster();
    return context
        .redis()
        .call(
            what,
            client -> {
              Response<Long> written;
              Response<Object> saved;
              try (AbstractPipeline pipeline = client.pipelined()) {
                written = pipeline.hset(stage, chunks);
                pipeline.pexpire(stage, pendingTtl);
                saved = Script.SAVE.run(pipeline, keyList, args);
                try {
                  pipeline.sync();
                } catch (JedisException | IllegalStateException e) {
                  if (!cluster || !Redirects.retryable(e)) {
                    throw e;
                  }
                }
              }
              try {
                written.get();
              } catch (JedisException | IllegalStateException e) {
                if (!cluster || !Redirects.retryable(e)) {
                  throw e;
                }
                client.hset(stage, chunks);
                client.pexpire(stage, pendingTtl);
                return Script.SAVE.run(client, keyList, args);
              }
              try {
                Object reply = saved.get();
                return reply instanceof List<?> list ? list : List.of(reply);
              } catch (JedisException | IllegalStateException e) {
                if (LuaScript.isNoScript(e) || (cluster && Redirects.retryable(e))) {
                  return Script.SAVE.run(client, keyList, args);
                }
                throw e;
              }
            });
  }

  /** Whether {@code e} is the server's ACL refusing a command a script ran. */
  private static boolean refusedByAcl(FrameStoreException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null
          && (message.contains("can't run this command") || message.startsWith("NOPERM"))) {
        return true;
      }
    }
    return false;
  }

  /** Removes a staged key that no script took; it would expire anyway. */
  private void unlinkQuietly(byte[] key) {
    try {
      context.redis().call("removing a staged save", jedis -> jedis.unlink(key));
    } catch (RuntimeException e) {
      // Best effort: the key expires after the pending TTL.
    }
  }

  private long guess(String name) {
    synchronized (lastVersions) {
      Long last = lastVersions.get(name);
      return last == null ? 1 : last + 1;
    }
  }

  private void remember(String name, long version) {
    synchronized (lastVersions) {
      lastVersions.put(name, version);
    }
  }

  /**
   * Allocates the next version number of {@code name}, guessing it as a small save does (every key
   * a script creates must be one of its KEYS on a cluster), and guessing again with the number the
   * script says is next.
   */
  private long allocate(String name, SaveOptions options) {
    KeyLayout keys = context.keys();
    long version = guess(name);
    for (int attempt = 0; ; attempt++) {
      List<byte[]> keyList = new ArrayList<>(List.of(keys.head(name), keys.version(name, version)));
      List<byte[]> args =
          new ArrayList<>(
              List.of(
                  keys.versionBase(name),
                  text(context.config().pendingTtl().toMillis()),
                  expected(options.ifVersion()),
                  text(WRITER),
                  new byte[0],
                  text(version)));
      options
          .fence()
          .ifPresent(
              fence -> {
                keyList.add(keys.fence(name, fence.id()));
                args.set(4, text(fence.token()));
              });
      List<?> reply =
          context
              .redis()
              .call(
                  "allocating a version of frame '" + Names.shorten(name) + "'",
                  jedis -> Script.ALLOC.run(jedis, keyList, args));
      long code = Script.longAt(reply, 0);
      if (code == 1) {
        throw new VersionConflictException(
            name, options.ifVersion().getAsLong(), Script.longAt(reply, 1));
      }
      if (code == 2) {
        throw fencedOut(name, options, reply);
      }
      if (code == 0) {
        return Script.longAt(reply, 1);
      }
      version = Script.longAt(reply, 1); // another writer took the guess: try the next number
      if (attempt > ALLOC_ATTEMPTS) {
        throw new FrameStoreException(
            "Could not allocate a version of frame '"
                + Names.shorten(name)
                + "': other writers took "
                + ALLOC_ATTEMPTS
                + " numbers in a row");
      }
    }
  }

  private static FencedOutException fencedOut(String name, SaveOptions options, List<?> reply) {
    SaveOptions.Fence fence = options.fence().orElseThrow();
    return new FencedOutException(
        name, fence.id(), fence.token(), Script.longAt(reply, 1), Script.longAt(reply, 2));
  }

  private Manifest manifest(
      String name,
      long version,
      String id,
      FrameEncoder encoder,
      EncodedFrame encoded,
      List<ChunkEntry> chunks,
      long bytes,
      SaveOptions options,
      int segmentCount) {
    return new Manifest(
        segmentCount > 0 ? Manifest.LAYOUT_SEGMENTED : Manifest.LAYOUT,
        name,
        version,
        id,
        encoder.codec().id(),
        encoder.codec().version(),
        encoded.compression(),
        encoded.rows(),
        bytes,
        encoded.columns(),
        chunks,
        context.clock().instant(),
        WRITER,
        options.tags(),
        encoded.properties(),
        segmentCount);
  }

  private byte[] manifestBytes(Manifest manifest, String where) {
    byte[] json = context.manifests().write(manifest);
    long limit = context.config().maxManifestBytes();
    if (json.length > limit) {
      throw new LimitExceededException(
          "Manifest of " + where + " (" + manifest.chunks().size() + " chunks)",
          StoreOption.MAX_MANIFEST_BYTES.key(),
          json.length,
          limit);
    }
    return json;
  }

  private boolean publish(String name, long version, Manifest manifest, SaveOptions options) {
    List<byte[]> keyList = publishKeys(name, version, options);
    List<byte[]> argList = publishArgs(name, version, manifest, options);
    List<?> reply =
        run("publishing " + where(name, version), Script.PUBLISH, name, keyList, argList);
    return outcome(name, version, manifest, options, reply);
  }

  /**
   * Runs a publishing script; with the {@code replicas} option, on one connection to the frame's
   * master followed by {@code WAIT} there (on any other connection it would count nothing).
   */
  private List<?> run(
      String what, Script script, String name, List<byte[]> keyList, List<byte[]> args) {
    int replicas = context.config().replicas();
    if (replicas == 0) {
      return context.redis().call(what, jedis -> script.run(jedis, keyList, args));
    }
    return context
        .redis()
        .call(
            what,
            client -> {
              try (Connection connection = connection(client, context.keys().head(name))) {
                Jedis jedis = new Jedis(connection);
                List<?> reply = script.run(jedis, keyList, args);
                long timeout = context.config().replicaTimeout().toMillis();
                long acknowledged = jedis.waitReplicas(replicas, timeout);
                if (Script.longAt(reply, 0) == 0 && acknowledged < replicas) {
                  throw new FrameStoreException(
                      what
                          + ": published, but only "
                          + acknowledged
                          + " of "
                          + replicas
                          + " replicas acknowledged it within replicaTimeout ("
                          + context.config().replicaTimeout()
                          + "): a failover now could lose it");
                }
                return reply;
              }
            });
  }

  /** A connection of its own to the master of {@code key}'s slot. */
  private static Connection connection(UnifiedJedis client, byte[] key) {
    if (client instanceof RedisClusterClient cluster) {
      return cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(key));
    }
    if (client instanceof RedisClient pooled) {
      return pooled.getPool().getResource();
    }
    throw new FrameStoreException(
        "The replicas option needs a RedisClient or a RedisClusterClient (to WAIT on the"
            + " connection that wrote), not a "
            + client.getClass().getName());
  }

  private void syncQuietly(String name) {
    try {
      segments.sync(name);
    } catch (RuntimeException e) {
      // Best effort: the next sync of the frame removes what this one left.
    }
  }

  /** The keys of publish-lib.lua: the frame's, and the fence of a fenced save. */
  private List<byte[]> publishKeys(String name, long version, SaveOptions options) {
    KeyLayout keys = context.keys();
    List<byte[]> keyList =
        new ArrayList<>(
            List.of(
                keys.head(name),
                keys.version(name, version),
                keys.versions(name),
                keys.events(name),
                context.redis().cluster() ? keys.head(name) : keys.catalog()));
    options.fence().ifPresent(fence -> keyList.add(keys.fence(name, fence.id())));
    return keyList;
  }

  /** The arguments of publish-lib.lua (a mutable list: save.lua takes more). */
  private List<byte[]> publishArgs(
      String name, long version, Manifest manifest, SaveOptions options) {
    KeyLayout keys = context.keys();
    Duration ttl = ttl(options);
    List<byte[]> args =
        new ArrayList<>(
            List.of(
                text(version),
                expected(options.ifVersion()),
                text(ttl.toMillis()),
                text(context.config().gracePeriod().toMillis()),
                // keep,budget,bytes: publish-lib.lua's retention and the grace budget
                text(
                    context.config().keepVersions()
                        + ","
                        + context.config().graceBytes()
                        + ","
                        + manifest.bytes()),
                keys.versionBase(name),
                // chunks (unless in segments), id, manifest, its checksum, pending marker
                text(fields(manifest)),
                context.redis().cluster() ? new byte[0] : catalogEntry(manifest),
                KeyLayout.bytes(name),
                text(EVENTS_KEPT),
                keys.pinsBase(name),
                text(manifest.id())));
    // ARGV[13] exists only with KEYS[6]
    options.fence().ifPresent(fence -> args.add(text(fence.token())));
    while (args.size() < 13) {
      args.add(new byte[0]);
    }
    return args;
  }

  private Duration ttl(SaveOptions options) {
    return options.ttl().orElse(context.config().ttl());
  }

  /** The fields the version's key holds when complete. */
  private static int fields(Manifest manifest) {
    return (manifest.segments() > 0 ? 0 : manifest.chunks().size()) + 4;
  }

  /**
   * What publish-lib.lua replied: whether the version is current, or the exception. On a cluster,
   * also what the script could not do there: the catalog entry, and the lives of segments.
   */
  private boolean outcome(
      String name, long version, Manifest manifest, SaveOptions options, List<?> reply) {
    long code = Script.longAt(reply, 0);
    if (code == 1) {
      throw new VersionConflictException(
          name, options.ifVersion().getAsLong(), Script.longAt(reply, 1));
    }
    if (code == 3) {
      throw fencedOut(name, options, reply);
    }
    if (code == 2) {
      throw new FrameStoreException(
          "Could not publish "
              + where(name, version)
              + ": its pending key expired while it was written (it holds "
              + Script.longAt(reply, 1)
              + " of "
              + fields(manifest)
              + " fields). A round trip took longer than pendingTtl ("
              + context.config().pendingTtl()
              + "); nothing was published");
    }
    boolean current = Script.longAt(reply, 1) == 1;
    if (context.redis().cluster()) {
      // The version is published: what follows only catches up (the catalog is a hint, and the
      // next sync redoes this one), so a failure here is logged, not thrown.
      try {
        if (current) {
          byte[] entry = catalogEntry(manifest);
          context
              .redis()
              .call(
                  "listing " + where(name, version) + " in the catalog",
                  jedis -> jedis.hset(context.keys().catalog(), KeyLayout.bytes(name), entry));
        }
        if (reply.size() > 2 && Script.longAt(reply, 2) == 1) {
          segments.sync(name);
        }
      } catch (FrameStoreException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Published " + where(name, version) + ", but could not catch up: " + e.getMessage());
      }
    }
    return current;
  }

  private byte[] catalogEntry(Manifest manifest) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("version", manifest.version());
    entry.put("codec", manifest.codec());
    entry.put("rows", manifest.rows());
    entry.put("bytes", manifest.bytes());
    entry.put("created", manifest.created().toString());
    entry.put("tags", manifest.tags());
    try {
      return context
          .manifests()
          .mapper()
          .writer()
          .without(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsBytes(entry);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] expected(OptionalLong ifVersion) {
    return ifVersion.isPresent() ? text(ifVersion.getAsLong()) : new byte[0];
  }

  /**
   * Raises fence {@code fenceId} of {@code name} to {@code token}; returns the version already
   * published under it (0 if none) and its id.
   */
  public FrameRef raiseFence(String name, String fenceId, long token, Duration ttl) {
    Names.check(name);
    SaveOptions.Fence fence = new SaveOptions.Fence(fenceId, token);
    List<?> reply =
        context
            .redis()
            .call(
                "raising fence '" + fenceId + "' of frame '" + Names.shorten(name) + "'",
                jedis ->
                    Script.FENCE.run(
                        jedis,
                        List.of(context.keys().fence(name, fence.id())),
                        List.of(text(token), text(Math.max(1, ttl.toMillis())))));
    if (Script.longAt(reply, 0) == 1) {
      throw new FencedOutException(name, fenceId, token, Script.longAt(reply, 1), 0);
    }
    long published = Script.longAt(reply, 1);
    return published == 0 ? null : new FrameRef(name, published, Script.textAt(reply, 2));
  }

  /**
   * Removes an abandoned pending version at once (after the writer's last commands, which would
   * otherwise recreate it); if Redis is gone, it expires by itself.
   */
  private void abandon(ChunkWriter writer, byte[] key) {
    writer.close();
    try {
      context.redis().jedis().unlink(key);
    } catch (RuntimeException e) {
      // Best effort: the pending key has an expiry.
    }
  }
}
