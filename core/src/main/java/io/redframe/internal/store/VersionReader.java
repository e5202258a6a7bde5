package io.redframe.internal.store;

import static io.redframe.internal.store.StoreContext.text;
import static io.redframe.internal.store.StoreContext.where;

import io.redframe.CacheStats;
import io.redframe.ChunkEntry;
import io.redframe.CodecMismatchException;
import io.redframe.CorruptFrameException;
import io.redframe.FrameNotFoundException;
import io.redframe.FrameRef;
import io.redframe.LimitExceededException;
import io.redframe.Manifest;
import io.redframe.StaleReferenceException;
import io.redframe.StoreOption;
import io.redframe.VersionInfo;
import io.redframe.spi.CodecId;
import io.redframe.spi.FrameDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Reads published versions: the manifest with the head in one atomic script (so a load is pinned to
 * one version from its first step), then only the chunks the decoder asks for; a small version's
 * chunks come with its manifest, so it loads in one round trip.
 */
public final class VersionReader {
  /** The most chunk bytes a load takes with the manifest (if the pipeline window allows). */
  private static final long PREFETCH_BYTES = 1 << 20;

  private final StoreContext context;
  private final LoadCache cache;

  public VersionReader(StoreContext context) {
    this.context = context;
    this.cache = new LoadCache(context.config().cacheSize());
  }

  /** What the load cache has done ({@code cacheSize}); all zero when it is off. */
  public CacheStats cacheStats() {
    return cache.stats();
  }

  /** The manifest of {@code version}, or of the current version if empty. */
  public Manifest manifest(String name, OptionalLong version) {
    return resolve(name, version, 0).manifest();
  }

  /** A version's manifest, with its chunks' bytes if they came with it (else an empty map). */
  record Resolved(Manifest manifest, Map<String, byte[]> chunks) {}

  /**
   * The manifest of {@code version} (the current one if empty) and, if the version's chunks hold at
   * most {@code prefetch} bytes, the chunks: a small frame loads in one round trip.
   */
  Resolved resolve(String name, OptionalLong version, long prefetch) {
    return resolve(name, version, prefetch, true);
  }

  /**
   * As {@link #resolve(String, OptionalLong, long)}, passing the kept manifest's id if {@code
   * useKept}.
   */
  private Resolved resolve(String name, OptionalLong version, long prefetch, boolean useKept) {
    Names.check(name);
    KeyLayout keys = context.keys();
    byte[] wanted = version.isPresent() ? text(version.getAsLong()) : new byte[0];
    Manifest known = useKept ? cache.manifest(name, version) : null;
    // A small version whose chunks are not all kept is cheaper read whole, in this round trip.
    if (known != null && prefetch > 0 && known.bytes() <= prefetch && !allKept(known)) {
      known = null;
    }
    byte[] knownId = known == null ? new byte[0] : KeyLayout.bytes(known.id());
    List<?> reply =
        context
            .redis()
            .call(
                "reading the manifest of frame '" + Names.shorten(name) + "'",
                jedis ->
                    Script.RESOLVE.run(
                        jedis,
                        List.of(keys.head(name)),
                        List.of(
                            keys.versionBase(name),
                            wanted,
                            text(context.config().maxManifestBytes()),
                            text(prefetch),
                            knownId)));
    long code = Script.longAt(reply, 0);
    if (code != 3 && code != 4 && version.isEmpty()) {
      cache.forgetCurrent(name);
    }
    if (code == 0) {
      throw new FrameNotFoundException(
          "No frame '"
              + Names.shorten(name)
              + "' in "
              + context.redis().server()
              + " (prefix '"
              + keys.prefix()
              + "')");
    }
    long found = Script.longAt(reply, 1);
    if (code == 4) {
      if (known == null || known.version() != found) {
        // the kept manifest's id is held by another version number (one save published twice
        // after a retried command): forget what is kept and read the manifest itself
        if (known != null) {
          cache.forget(name, known.version());
          cache.forgetCurrent(name);
        }
        if (!useKept || known == null) {
          throw new CorruptFrameException(
              "Corrupt " + where(name, found) + ": it holds the id of another version");
        }
        return resolve(name, version, prefetch, false);
      }
      return new Resolved(known, Map.of());
    }
    if (code == 1) {
      cache.forget(name, found);
      throw new FrameNotFoundException(
          "Frame '"
              + Names.shorten(name)
              + "' has no readable version "
              + found
              + "; readable versions: "
              + readable(name));
    }
    if (code == 2) {
      throw new LimitExceededException(
          "Manifest of " + where(name, found),
          StoreOption.MAX_MANIFEST_BYTES.key(),
          Script.longAt(reply, 2),
          context.config().maxManifestBytes());
    }
    byte[] json = (byte[]) reply.get(2);
    String crc = Script.textAt(reply, 3);
    String id = Script.textAt(reply, 4);
    Manifest manifest = context.manifests().read(json, crc, where(name, found));
    if (!manifest.name().equals(name) || manifest.version() != found || !manifest.id().equals(id)) {
      throw new CorruptFrameException(
          "Corrupt manifest of "
              + where(name, found)
              + ": it describes frame '"
              + Names.shorten(manifest.name())
              + "' version "
              + manifest.version()
              + " with id '"
              + manifest.id()
              + "' (the version's id field holds '"
              + id
              + "')");
    }
    cache.putManifest(manifest, json.length, version.isEmpty());
    Map<String, byte[]> chunks = new HashMap<>();
    for (int i = 5; i + 1 < reply.size(); i += 2) {
      chunks.put(Script.textAt(reply, i), (byte[]) reply.get(i + 1));
    }
    return new Resolved(manifest, chunks);
  }

  private boolean allKept(Manifest manifest) {
    for (ChunkEntry chunk : manifest.chunks()) {
      if (!cache.keeps(manifest.id(), chunk.field())) {
        return false;
      }
    }
    return true;
  }

  /** The manifest {@code ref} names, after checking it still holds the same content. */
  public Manifest manifest(FrameRef ref) {
    Manifest manifest = manifest(ref.name(), OptionalLong.of(ref.version()));
    if (!ref.id().isEmpty() && !ref.id().equals(manifest.id())) {
      throw new StaleReferenceException(ref, manifest.id());
    }
    return manifest;
  }

  private String readable(String name) {
    List<VersionInfo> versions = versions(name);
    return versions.isEmpty()
        ? "none"
        : versions.stream().map(v -> Long.toString(v.version())).collect(Collectors.joining(", "));
  }

  public <T> T load(
      String name, OptionalLong version, FrameDecoder<T> decoder, LongConsumer progress) {
    Resolved resolved = resolve(name, version, prefetchLimit());
    return load(resolved.manifest(), resolved.chunks(), decoder, progress);
  }

  /** The most chunk bytes a load takes with the manifest, in its first round trip. */
  private long prefetchLimit() {
    return Math.min(context.config().pipelineWindow(), PREFETCH_BYTES);
  }

  /** Loads the version {@code manifest} describes (read by {@link #manifest}). */
  public <T> T load(Manifest manifest, FrameDecoder<T> decoder, LongConsumer progress) {
    return load(manifest, Map.of(), decoder, progress);
  }

  private <T> T load(
      Manifest manifest,
      Map<String, byte[]> prefetched,
      FrameDecoder<T> decoder,
      LongConsumer progress) {
    String name = manifest.name();
    CodecId codec = new CodecId(manifest.codec(), manifest.codecVersion());
    String where = where(name, manifest.version());
    if (!decoder.accepts(codec)) {
      throw new CodecMismatchException(where, codec, manifest.kind(), decoder.name());
    }
    ChunkReader source =
        new ChunkReader(
            context.redis(),
            context.executor(),
            chunkKeys(context.keys(), manifest),
            name,
            manifest.version(),
            manifest.id(),
            cache,
            context.config().pipelineWindow(),
            prefetched,
            progress);
    try {
      return decoder.decode(manifest, source);
    } catch (IOException e) {
      throw new CorruptFrameException("Cannot decode " + where + ": " + e.getMessage(), e);
    }
  }

  /** Where each chunk of {@code manifest}'s version is: its hash, or its segment (layout 2). */
  static Function<ChunkEntry, byte[]> chunkKeys(KeyLayout keys, Manifest manifest) {
    String name = manifest.name();
    long version = manifest.version();
    if (manifest.layout() == Manifest.LAYOUT) {
      byte[] key = keys.version(name, version);
      return chunk -> key;
    }
    int segments = manifest.segments();
    List<byte[]> segmentKeys = keys.segments(name, version, segments);
    return chunk -> segmentKeys.get((int) (KeyLayout.chunkIndex(chunk.field()) % segments));
  }

  /** Whether {@code name} has a current version; reads the head only. */
  public boolean exists(String name) {
    Names.check(name);
    byte[] head = context.keys().head(name);
    return context
        .redis()
        .call(
            "checking frame '" + Names.shorten(name) + "'",
            jedis -> jedis.hexists(head, KeyLayout.bytes("cur")));
  }

  /** Readable published versions, oldest first. */
  public List<VersionInfo> versions(String name) {
    Names.check(name);
    KeyLayout keys = context.keys();
    List<?> reply =
        context
            .redis()
            .call(
                "listing versions of frame '" + Names.shorten(name) + "'",
                jedis ->
                    Script.VERSIONS.run(
                        jedis,
                        List.of(keys.head(name), keys.versions(name)),
                        List.of(keys.versionBase(name))));
    long current = Script.longAt(reply, 0);
    List<VersionInfo> versions = new ArrayList<>();
    for (int i = 1; i + 1 < reply.size(); i += 2) {
      long version = Script.longAt(reply, i);
      versions.add(new VersionInfo(version, version == current, ttl(Script.longAt(reply, i + 1))));
    }
    return versions;
  }

  static Optional<Duration> ttl(long pttl) {
    return pttl < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(pttl));
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
