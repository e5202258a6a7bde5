package io.redframe.internal.store;

import static io.redframe.internal.store.StoreContext.text;
import static io.redframe.internal.store.StoreContext.where;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.redframe.FencedOutException;
import io.redframe.FrameRef;
import io.redframe.FrameStoreException;
import io.redframe.LimitExceededException;
import io.redframe.Manifest;
import io.redframe.SaveOptions;
import io.redframe.SaveResult;
import io.redframe.StoreOption;
import io.redframe.VersionConflictException;
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

/**
 * The save protocol: allocate a version (its key is created pending, with an expiry), pipeline the
 * chunks into it, add the manifest, then publish in one Lua script that checks the version is
 * complete, applies compare-and-set, moves the head, applies retention and TTL to every key of the
 * frame, updates the catalog and announces the version. Until the publish, readers cannot reach the
 * version; if the writer dies, the pending key expires.
 */
public final class VersionWriter {
  private static final int EVENTS_KEPT = 100;
  private static final String WRITER = WriterId.describe();

  private final StoreContext context;

  public VersionWriter(StoreContext context) {
    this.context = context;
  }

  public SaveResult save(String name, FrameEncoder encoder, SaveOptions options) {
    Names.check(name);
    KeyLayout keys = context.keys();
    long version = allocate(name, options);
    String id = VersionIds.next();
    String where = where(name, version);
    byte[] key = keys.version(name, version);
    ChunkWriter writer =
        new ChunkWriter(
            context.redis(),
            context.senders(),
            key,
            context.config().chunkSize(),
            context.config().maxChunkBytes(),
            context.config().pipelineWindow(),
            context.config().pendingTtl().toMillis(),
            where,
            options.progress());
    Manifest manifest;
    try {
      EncodedFrame encoded = encoder.encode(writer);
      manifest = manifest(name, version, id, encoder, encoded, writer, options);
      writer.finish(manifestBytes(manifest, where), id);
    } catch (IOException e) {
      abandon(writer, key);
      throw new FrameStoreException("Saving " + where + " failed: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      abandon(writer, key);
      throw e;
    }
    writer.close();
    boolean current = publish(name, version, manifest, options);
    return new SaveResult(
        name, version, current, manifest.rows(), manifest.bytes(), manifest.chunks().size());
  }

  private long allocate(String name, SaveOptions options) {
    KeyLayout keys = context.keys();
    List<byte[]> keyList = new ArrayList<>(List.of(keys.head(name)));
    List<byte[]> args =
        new ArrayList<>(
            List.of(
                keys.versionBase(name),
                text(context.config().pendingTtl().toMillis()),
                expected(options.ifVersion()),
                text(WRITER)));
    options
        .fence()
        .ifPresent(
            fence -> {
              keyList.add(keys.fence(name, fence.id()));
              args.add(text(fence.token()));
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
    return Script.longAt(reply, 1);
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
      ChunkWriter writer,
      SaveOptions options) {
    return new Manifest(
        Manifest.LAYOUT,
        name,
        version,
        id,
        encoder.codec().id(),
        encoder.codec().version(),
        encoded.compression(),
        encoded.rows(),
        writer.totalBytes(),
        encoded.columns(),
        writer.entries(),
        context.clock().instant(),
        WRITER,
        options.tags(),
        encoded.properties());
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
    KeyLayout keys = context.keys();
    Duration ttl = options.ttl().orElse(context.config().ttl());
    List<byte[]> args =
        List.of(
            text(version),
            expected(options.ifVersion()),
            text(ttl.toMillis()),
            text(context.config().gracePeriod().toMillis()),
            text(context.config().keepVersions()),
            keys.versionBase(name),
            // chunks, id, manifest, its checksum, pending marker
            text(manifest.chunks().size() + 4),
            catalogEntry(manifest),
            KeyLayout.bytes(name),
            text(EVENTS_KEPT),
            keys.pinsBase(name),
            text(manifest.id()));
    List<byte[]> keyList =
        new ArrayList<>(
            List.of(
                keys.head(name),
                keys.version(name, version),
                keys.versions(name),
                keys.events(name),
                keys.catalog()));
    List<byte[]> argList = new ArrayList<>(args);
    options
        .fence()
        .ifPresent(
            fence -> {
              keyList.add(keys.fence(name, fence.id()));
              argList.add(text(fence.token()));
            });
    List<?> reply =
        context
            .redis()
            .call(
                "publishing " + where(name, version),
                jedis -> Script.PUBLISH.run(jedis, keyList, argList));
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
              + (manifest.chunks().size() + 4)
              + " fields). A round trip took longer than pendingTtl ("
              + context.config().pendingTtl()
              + "); nothing was published");
    }
    return Script.longAt(reply, 1) == 1;
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
