package io.redframe;

import io.redframe.internal.BytesCodec;
import io.redframe.internal.Catalog;
import io.redframe.internal.Connections;
import io.redframe.internal.EmbeddedServer;
import io.redframe.internal.ObjectCodec;
import io.redframe.internal.RedisCalls;
import io.redframe.internal.StoreContext;
import io.redframe.internal.StoreUrl;
import io.redframe.internal.VersionReader;
import io.redframe.internal.VersionWriter;
import io.redframe.internal.Watcher;
import io.redframe.spi.FrameDecoder;
import io.redframe.spi.FrameEncoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import redis.clients.jedis.UnifiedJedis;

/**
 * Named, versioned frames in Redis. A frame is saved under a name as a new immutable version made
 * of chunks and a manifest, published atomically: a reader sees the previous version or the new
 * one, never a mix. Open it JDBC style from a URL:
 *
 * <pre>{@code
 * try (FrameStore store = FrameStore.open("redis://localhost:6379?ttl=7d")) {
 *   store.saveObject("config", Map.of("alpha", 0.05, "runs", 12));
 *   Map<?, ?> config = store.loadObject("config", Map.class);
 * }
 * }</pre>
 *
 * <p>URLs: {@code redis://[user:password@]host[:port][/db]}, {@code rediss://...} for TLS, and
 * {@code embedded:[dir]} for a redis-server that redframe starts, persists to {@code dir} (default
 * {@code ~/.redframe/embedded}) and shares between every store that opens the same folder. With no
 * URL, {@code REDFRAME_URL} is used if set, else {@code embedded:}. Options ({@link StoreOption})
 * come from URL query parameters or the {@link Builder}.
 *
 * <p>Thread-safe: one store serves all threads of a process. Closing it closes the connections it
 * opened (not a client passed to {@link Builder#client}) and drops its lease on an embedded server.
 * Codec modules (Arrow, Tablesaw) save and load through {@link #save(String, FrameEncoder,
 * SaveOptions)} and {@link #load(String, OptionalLong, FrameDecoder)}.
 */
public final class FrameStore implements AutoCloseable {
  private final StoreConfig config;
  private final String url;
  private final StoreContext context;
  private final VersionWriter writer;
  private final VersionReader reader;
  private final Catalog catalog;
  private final Watcher watcher;
  private final ExecutorService executor;
  private final ExecutorService senders;
  private final UnifiedJedis ownedClient;
  private final EmbeddedServer embedded;
  private volatile boolean closed;

  private FrameStore(
      StoreConfig config,
      String url,
      RedisCalls redis,
      UnifiedJedis ownedClient,
      EmbeddedServer embedded) {
    this.config = config;
    this.url = url;
    this.ownedClient = ownedClient;
    this.embedded = embedded;
    this.executor =
        Executors.newFixedThreadPool(
            Math.max(2, config.poolSize() / 2), daemons("redframe-fetch-"));
    // One sender per save in flight, never queued behind fetches or other saves: a save that
    // copies a frame being loaded from this store must not wait for a thread its load needs.
    this.senders = Executors.newCachedThreadPool(daemons("redframe-send-"));
    this.context = StoreContext.of(redis, config, executor, senders);
    this.writer = new VersionWriter(context);
    this.reader = new VersionReader(context);
    this.catalog = new Catalog(context);
    this.watcher = new Watcher(context, reader);
  }

  /** Opens the store at {@code REDFRAME_URL}, or the embedded default if it is not set. */
  public static FrameStore open() {
    return builder().build();
  }

  /** Opens the store at {@code url}; see the class documentation for the URL forms. */
  public static FrameStore open(String url) {
    return builder().url(url).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---- frames through a codec ----

  /** Saves a new version of {@code name} written by {@code encoder}, with default options. */
  public SaveResult save(String name, FrameEncoder encoder) {
    return save(name, encoder, SaveOptions.defaults());
  }

  /**
   * Saves a new version of {@code name}. The chunks are written as the encoder produces them; the
   * version becomes visible in one atomic step at the end.
   *
   * @throws VersionConflictException if {@code options.ifVersion} does not match; nothing changed
   */
  public SaveResult save(String name, FrameEncoder encoder, SaveOptions options) {
    ensureOpen();
    return writer.save(name, encoder, Objects.requireNonNull(options, "options"));
  }

  /** Loads the current version of {@code name}. */
  public <T> T load(String name, FrameDecoder<T> decoder) {
    return load(name, OptionalLong.empty(), decoder);
  }

  /** Loads {@code version} of {@code name} (the current one if empty). */
  public <T> T load(String name, OptionalLong version, FrameDecoder<T> decoder) {
    return load(name, version, decoder, bytes -> {});
  }

  /**
   * As {@link #load(String, OptionalLong, FrameDecoder)}, calling {@code progress} with the chunk
   * bytes fetched so far as each window arrives (on the loading thread; for progress bars).
   */
  public <T> T load(
      String name, OptionalLong version, FrameDecoder<T> decoder, LongConsumer progress) {
    ensureOpen();
    return reader.load(name, version, decoder, Objects.requireNonNull(progress, "progress"));
  }

  /** The manifest of the current version, without loading any data. */
  public Manifest manifest(String name) {
    return manifest(name, OptionalLong.empty());
  }

  /** The manifest of {@code version} (the current one if empty), without loading any data. */
  public Manifest manifest(String name, OptionalLong version) {
    ensureOpen();
    return reader.manifest(name, version);
  }

  /** Whether {@code name} has a current version. */
  public boolean exists(String name) {
    ensureOpen();
    return reader.exists(name);
  }

  /** Readable versions of {@code name}, oldest first (empty if the frame does not exist). */
  public List<VersionInfo> versions(String name) {
    ensureOpen();
    return reader.versions(name);
  }

  /** Deletes every version of {@code name}. Returns whether it existed. */
  public boolean delete(String name) {
    ensureOpen();
    return catalog.delete(name);
  }

  /** Every frame, sorted by name. */
  public List<FrameInfo> list() {
    return list("*");
  }

  /**
   * Frames whose name matches {@code glob} ({@code *}, {@code ?}, {@code [abc]}; escape a literal
   * one with {@link #globEscape}), sorted by name.
   */
  public List<FrameInfo> list(String glob) {
    ensureOpen();
    return catalog.list(Objects.requireNonNull(glob, "glob"));
  }

  /**
   * Frames whose name matches {@code glob} and whose current version carries all of {@code tags}
   * (given at save with {@link SaveOptions#tags}), sorted by name.
   */
  public List<FrameInfo> list(String glob, Map<String, String> tags) {
    return list(glob).stream()
        .filter(frame -> frame.tags().entrySet().containsAll(tags.entrySet()))
        .toList();
  }

  /** Escapes the glob characters of a literal name, so {@code list(globEscape(n))} finds n only. */
  public static String globEscape(String literal) {
    return literal.replaceAll("([\\\\*?\\[\\]^-])", "\\\\$1");
  }

  /** Waits until {@code name} exists; returns its manifest, or empty after {@code timeout}. */
  public Optional<Manifest> awaitFrame(String name, Duration timeout) {
    return awaitVersion(name, 0, timeout);
  }

  /**
   * Waits until the current version of {@code name} is above {@code afterVersion} (a save by this
   * or another process); returns its manifest, or empty after {@code timeout}.
   */
  public Optional<Manifest> awaitVersion(String name, long afterVersion, Duration timeout) {
    ensureOpen();
    return watcher.await(name, afterVersion, timeout);
  }

  // ---- objects ----

  /** Saves {@code value} (a record, map, list or POJO) as JSON. */
  public SaveResult saveObject(String name, Object value) {
    return saveObject(name, value, ObjectFormat.JSON, SaveOptions.defaults());
  }

  /** Saves {@code value} as JSON or YAML. */
  public SaveResult saveObject(String name, Object value, ObjectFormat format) {
    return saveObject(name, value, format, SaveOptions.defaults());
  }

  public SaveResult saveObject(
      String name, Object value, ObjectFormat format, SaveOptions options) {
    return save(name, ObjectCodec.encoder(value, format), options);
  }

  /** Loads an object saved with {@link #saveObject} (JSON or YAML) as {@code type}. */
  public <T> T loadObject(String name, Class<T> type) {
    return load(name, OptionalLong.empty(), ObjectCodec.decoder(type));
  }

  /** Loads an object as a generic type, such as {@code new TypeReference<Map<String, Run>>(){}}. */
  public <T> T loadObject(String name, Type type) {
    return load(name, OptionalLong.empty(), ObjectCodec.decoder(type));
  }

  /** Loads {@code version} of an object as {@code type}. */
  public <T> T loadObject(String name, long version, Class<T> type) {
    return load(name, OptionalLong.of(version), ObjectCodec.decoder(type));
  }

  /** Loads {@code version} of an object as a generic type. */
  public <T> T loadObject(String name, long version, Type type) {
    return load(name, OptionalLong.of(version), ObjectCodec.decoder(type));
  }

  // ---- opaque bytes ----

  /** Saves the bytes of {@code in} (read to its end, chunk by chunk; not closed). */
  public SaveResult saveBytes(String name, InputStream in, SaveOptions options) {
    return save(name, BytesCodec.encoder(in), options);
  }

  public SaveResult saveBytes(String name, byte[] bytes) {
    return saveBytes(name, new ByteArrayInputStream(bytes), SaveOptions.defaults());
  }

  /** A stream over the current version's bytes, fetched a window at a time; close it. */
  public InputStream openBytes(String name) {
    return load(name, OptionalLong.empty(), BytesCodec.streamDecoder());
  }

  public byte[] loadBytes(String name) {
    try (InputStream in = openBytes(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- the store ----

  public StoreConfig config() {
    return config;
  }

  /** The store's URL, without its password. */
  public String url() {
    return url;
  }

  /** The embedded server's folder, if this store runs on one. */
  public Optional<Path> embeddedDirectory() {
    return Optional.ofNullable(embedded).map(EmbeddedServer::directory);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("FrameStore " + url + " is closed");
    }
  }

  /** Closes the connections this store opened and drops its embedded-server lease. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    executor.shutdownNow();
    senders.shutdownNow();
    if (ownedClient != null) {
      ownedClient.close();
    }
    if (embedded != null) {
      embedded.close();
    }
  }

  @Override
  public String toString() {
    return "FrameStore[" + url + ", prefix=" + config.prefix() + "]";
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Builds a {@link FrameStore}. Each setting may be given once; a bad value fails at once, and
   * {@link #build()} connects and checks the server, so a store that is handed out works.
   */
  public static final class Builder {
    private String url;
    private UnifiedJedis client;
    private final Map<StoreOption, Object> options = new EnumMap<>(StoreOption.class);

    private Builder() {}

    /** The store URL; without one, {@code REDFRAME_URL} if set, else {@code embedded:}. */
    public Builder url(String url) {
      once("url", this.url, client);
      StoreUrl.parse(url); // fail now, naming the URL
      this.url = url;
      return this;
    }

    /**
     * An existing Jedis client (such as a {@code RedisClient}) to use instead of a URL. The store
     * does not close it.
     */
    public Builder client(UnifiedJedis client) {
      once("client", this.url, this.client);
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Sets an option from text, as in a URL query parameter. */
    public Builder option(StoreOption option, String value) {
      return set(option, option.parse(value));
    }

    public Builder prefix(String prefix) {
      return set(StoreOption.PREFIX, prefix);
    }

    public Builder chunkSize(long bytes) {
      return set(StoreOption.CHUNK_SIZE, bytes);
    }

    public Builder pipelineWindow(long bytes) {
      return set(StoreOption.PIPELINE_WINDOW, bytes);
    }

    public Builder timeout(Duration timeout) {
      return set(StoreOption.TIMEOUT, timeout);
    }

    public Builder keepVersions(int versions) {
      return set(StoreOption.KEEP_VERSIONS, versions);
    }

    public Builder gracePeriod(Duration grace) {
      return set(StoreOption.GRACE_PERIOD, grace);
    }

    public Builder ttl(Duration ttl) {
      return set(StoreOption.TTL, ttl);
    }

    public Builder pendingTtl(Duration ttl) {
      return set(StoreOption.PENDING_TTL, ttl);
    }

    private Builder set(StoreOption option, Object value) {
      Objects.requireNonNull(value, option.key());
      Object valid = option.validate(value);
      Object previous = options.putIfAbsent(option, valid);
      if (previous != null) {
        throw new IllegalStateException(
            "Store option '" + option.key() + "' was already set to " + previous);
      }
      return this;
    }

    private static void once(String what, String url, UnifiedJedis client) {
      if (url != null) {
        throw new IllegalStateException(
            "Cannot set the " + what + ": the URL was already set to " + StoreUrl.redact(url));
      }
      if (client != null) {
        throw new IllegalStateException("Cannot set the " + what + ": a client was already set");
      }
    }

    /** Connects, checks the server (Redis 6.2 or newer) and returns the open store. */
    public FrameStore build() {
      if (client != null) {
        StoreConfig config = new StoreConfig(options);
        RedisCalls redis = new RedisCalls(client, "the given Redis client");
        Connections.check(redis);
        return new FrameStore(config, "client:" + client, redis, null, null);
      }
      String text = url != null ? url : defaultUrl();
      StoreUrl parsed = StoreUrl.parse(text);
      Map<StoreOption, Object> all = new EnumMap<>(options);
      parsed
          .options()
          .forEach(
              (key, value) -> {
                StoreOption option = StoreOption.forKey(key);
                if (all.containsKey(option)) {
                  throw new IllegalStateException(
                      "Store option '" + key + "' is set both in the URL and on the builder");
                }
                all.put(option, option.parse(value));
              });
      StoreConfig config = new StoreConfig(all);
      return parsed.kind() == StoreUrl.Kind.EMBEDDED
          ? openEmbedded(parsed, config)
          : openServer(parsed, config);
    }

    private static String defaultUrl() {
      String env = System.getenv("REDFRAME_URL");
      return env != null && !env.isBlank() ? env : "embedded:";
    }

    private static FrameStore openServer(StoreUrl url, StoreConfig config) {
      UnifiedJedis jedis = Connections.open(url, config);
      try {
        RedisCalls redis = new RedisCalls(jedis, url.toString());
        Connections.check(redis);
        return new FrameStore(config, url.toString(), redis, jedis, null);
      } catch (RuntimeException e) {
        jedis.close();
        throw e;
      }
    }

    private static FrameStore openEmbedded(StoreUrl url, StoreConfig config) {
      Path dir = url.directory().orElseGet(EmbeddedServer::defaultDirectory);
      Duration startTimeout =
          config.connectTimeout().compareTo(Duration.ofSeconds(30)) > 0
              ? config.connectTimeout()
              : Duration.ofSeconds(30);
      EmbeddedServer server = EmbeddedServer.open(dir, startTimeout);
      UnifiedJedis jedis = null;
      try {
        jedis =
            Connections.open(
                server.host(), server.port(), null, server.password(), 0, false, config);
        String where = "embedded:" + dir + " (127.0.0.1:" + server.port() + ")";
        RedisCalls redis = new RedisCalls(jedis, where);
        Connections.check(redis);
        return new FrameStore(config, "embedded:" + dir, redis, jedis, server);
      } catch (RuntimeException e) {
        if (jedis != null) {
          jedis.close();
        }
        server.close();
        throw e;
      }
    }
  }
}
