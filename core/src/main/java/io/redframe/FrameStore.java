package io.redframe;

import io.redframe.internal.codec.BytesCodec;
import io.redframe.internal.codec.ObjectCodec;
import io.redframe.internal.connect.Connections;
import io.redframe.internal.connect.StoreUrl;
import io.redframe.internal.store.Catalog;
import io.redframe.internal.store.Pins;
import io.redframe.internal.store.StoreContext;
import io.redframe.internal.store.VersionReader;
import io.redframe.internal.store.VersionWriter;
import io.redframe.internal.store.Watcher;
import io.redframe.redis.RedisCalls;
import io.redframe.spi.EmbeddedServerProvider;
import io.redframe.spi.FrameDecoder;
import io.redframe.spi.FrameEncoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.ServiceLoader;
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
 * {@code ~/.redframe/embedded}) and shares between every store that opens the same folder (this
 * needs the {@code io.redframe:redframe-embedded} module on the class or module path). With no URL,
 * {@code REDFRAME_URL} is used if set, else {@code embedded:}. Options ({@link StoreOption}) come
 * from URL query parameters or the {@link Builder}.
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
  private final Pins pins;
  private final RedisCalls redis;
  private final Clock clock;
  private final ExecutorService ownedExecutor;
  private final ExecutorService ownedSenders;
  private final UnifiedJedis ownedClient;
  private final EmbeddedServerProvider.Lease embedded;
  private volatile boolean closed;

  private final Optional<String> evictionPolicy;

  private FrameStore(
      Builder builder,
      StoreConfig config,
      String url,
      RedisCalls redis,
      UnifiedJedis ownedClient,
      EmbeddedServerProvider.Lease embedded) {
    this.config = config;
    this.url = url;
    this.redis = redis;
    this.evictionPolicy = Connections.evictionPolicy(redis);
    this.clock = builder.clock;
    this.ownedClient = ownedClient;
    this.embedded = embedded;
    this.ownedExecutor =
        builder.fetchers != null
            ? null
            : Executors.newFixedThreadPool(
                Math.max(2, config.poolSize() / 2), daemons("redframe-fetch-"));
    // One sender per save in flight, never queued behind fetches or other saves: a save that
    // copies a frame being loaded from this store must not wait for a thread its load needs.
    this.ownedSenders =
        builder.senders != null ? null : Executors.newCachedThreadPool(daemons("redframe-send-"));
    this.context =
        StoreContext.of(
            redis,
            config,
            builder.fetchers != null ? builder.fetchers : ownedExecutor,
            builder.senders != null ? builder.senders : ownedSenders,
            clock);
    this.writer = new VersionWriter(context);
    this.reader = new VersionReader(context);
    this.catalog = new Catalog(context);
    this.watcher = new Watcher(context, reader);
    this.pins = new Pins(context);
  }

  /**
   * Opens the store at {@code REDFRAME_URL}, or the embedded default if it is not set.
   *
   * @throws FrameStoreException if the server cannot be reached or checked (see {@link
   *     Builder#build()})
   */
  public static FrameStore open() {
    return builder().build();
  }

  /**
   * Opens the store at {@code url}; see the class documentation for the URL forms.
   *
   * @throws IllegalArgumentException if the URL or one of its options is malformed
   * @throws FrameStoreException if the server cannot be reached or checked (see {@link
   *     Builder#build()})
   */
  public static FrameStore open(String url) {
    return builder().url(url).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The directory an {@code embedded:} URL names, expanded as opening it would ({@code ~} for the
   * user's home), or empty if it names none (the embedded server's default directory). For tools
   * that manage the embedded server without opening a store, such as {@code redframe server}.
   *
   * @throws IllegalArgumentException if {@code url} is malformed or not an {@code embedded:} URL
   */
  public static Optional<Path> embeddedDirectory(String url) {
    StoreUrl parsed = StoreUrl.parse(url);
    if (parsed.kind() != StoreUrl.Kind.EMBEDDED) {
      throw new IllegalArgumentException("the store here is " + parsed + ", not an embedded: URL");
    }
    return parsed.directory();
  }

  // ---- frames through a codec ----

  /**
   * Saves a new version of {@code name} written by {@code encoder}, with default options.
   *
   * @see #save(String, FrameEncoder, SaveOptions)
   */
  public SaveResult save(String name, FrameEncoder encoder) {
    return save(name, encoder, SaveOptions.defaults());
  }

  /**
   * Saves a new version of {@code name}. The chunks are written as the encoder produces them; the
   * version becomes visible in one atomic step at the end. If anything fails, nothing becomes
   * visible and what was written expires by itself.
   *
   * @throws IllegalArgumentException if the name is empty or longer than the limit
   * @throws VersionConflictException if {@code options.ifVersion} does not match; nothing changed
   * @throws LimitExceededException if a chunk or the manifest is over a configured limit
   * @throws StoreConnectionException if Redis cannot be reached
   * @throws FrameStoreException if Redis or the encoder fails (an encoder's {@code IOException} is
   *     wrapped)
   * @throws IllegalStateException if the store is closed
   */
  public SaveResult save(String name, FrameEncoder encoder, SaveOptions options) {
    ensureOpen();
    return writer.save(name, encoder, Objects.requireNonNull(options, "options"));
  }

  /**
   * Loads the current version of {@code name}.
   *
   * @see #load(String, OptionalLong, FrameDecoder, LongConsumer)
   */
  public <T> T load(String name, FrameDecoder<T> decoder) {
    return load(name, OptionalLong.empty(), decoder);
  }

  /**
   * Loads {@code version} of {@code name} (the current one if empty).
   *
   * @see #load(String, OptionalLong, FrameDecoder, LongConsumer)
   */
  public <T> T load(String name, OptionalLong version, FrameDecoder<T> decoder) {
    return load(name, version, decoder, bytes -> {});
  }

  /**
   * Loads {@code version} of {@code name} (the current one if empty), calling {@code progress} with
   * the chunk bytes fetched so far as each window arrives (on the loading thread; for progress
   * bars). The version is resolved once, at the start: a save meanwhile does not change what is
   * read.
   *
   * @throws FrameNotFoundException if the frame or the version does not exist
   * @throws CodecMismatchException if {@code decoder} does not read the frame's codec
   * @throws CorruptFrameException if stored bytes fail their checks or do not decode
   * @throws LimitExceededException if a size is over a configured limit
   * @throws StoreConnectionException if Redis cannot be reached
   * @throws FrameStoreException for any other failure of Redis
   * @throws IllegalStateException if the store is closed
   */
  public <T> T load(
      String name, OptionalLong version, FrameDecoder<T> decoder, LongConsumer progress) {
    ensureOpen();
    return reader.load(name, version, decoder, Objects.requireNonNull(progress, "progress"));
  }

  /**
   * Loads the version {@code ref} names, after checking that it still holds the content the
   * reference was taken from (its id).
   *
   * @throws StaleReferenceException if the version number now holds other content
   * @throws FrameNotFoundException if the version does not exist
   * @see #load(String, OptionalLong, FrameDecoder, LongConsumer) for the other exceptions
   */
  public <T> T load(FrameRef ref, FrameDecoder<T> decoder) {
    return load(ref, decoder, bytes -> {});
  }

  /**
   * As {@link #load(FrameRef, FrameDecoder)}, reporting progress as {@link #load(String,
   * OptionalLong, FrameDecoder, LongConsumer)} does.
   */
  public <T> T load(FrameRef ref, FrameDecoder<T> decoder, LongConsumer progress) {
    ensureOpen();
    Manifest manifest = reader.manifest(Objects.requireNonNull(ref, "ref"));
    return reader.load(manifest, decoder, Objects.requireNonNull(progress, "progress"));
  }

  /**
   * The manifest of the current version, without loading any data.
   *
   * @see #manifest(String, OptionalLong)
   */
  public Manifest manifest(String name) {
    return manifest(name, OptionalLong.empty());
  }

  /**
   * The manifest of {@code version} (the current one if empty), without loading any data. Its
   * {@link Manifest#kind()} says what the frame holds and {@link Manifest#ref()} is the durable
   * reference to it.
   *
   * @throws FrameNotFoundException if the frame or the version does not exist
   * @throws CorruptFrameException if the manifest fails its checksum or its checks
   * @throws LimitExceededException if the manifest is over {@code maxManifestBytes}
   * @throws StoreConnectionException if Redis cannot be reached
   * @throws IllegalStateException if the store is closed
   */
  public Manifest manifest(String name, OptionalLong version) {
    ensureOpen();
    return reader.manifest(name, version);
  }

  /**
   * The manifest of the version {@code ref} names, checked against its id.
   *
   * @throws StaleReferenceException if the version number now holds other content
   * @see #manifest(String, OptionalLong) for the other exceptions
   */
  public Manifest manifest(FrameRef ref) {
    ensureOpen();
    return reader.manifest(Objects.requireNonNull(ref, "ref"));
  }

  /**
   * What the load cache has done since this store opened: hits, misses, evictions and the bytes it
   * keeps. The cache is off (all zero) unless the store's {@code cacheSize} option is set.
   */
  public CacheStats cacheStats() {
    return reader.cacheStats();
  }

  /**
   * Whether {@code name} has a current version.
   *
   * @throws StoreConnectionException if Redis cannot be reached
   */
  public boolean exists(String name) {
    ensureOpen();
    return reader.exists(name);
  }

  /**
   * Readable versions of {@code name}, oldest first (empty if the frame does not exist).
   *
   * @throws StoreConnectionException if Redis cannot be reached
   */
  public List<VersionInfo> versions(String name) {
    ensureOpen();
    return reader.versions(name);
  }

  /**
   * Deletes every version of {@code name}. Returns whether it existed. Pinned versions stay
   * readable by number until their last pin ends.
   *
   * @throws StoreConnectionException if Redis cannot be reached
   */
  public boolean delete(String name) {
    ensureOpen();
    return catalog.delete(name);
  }

  /**
   * Raises fence {@code fenceId} of frame {@code name} to {@code token} for {@code ttl}, before a
   * fenced save ({@link SaveOptions#fenced}) with that token: from now on, saves under the fence
   * with a lower token are refused. Returns the version already published under the fence, if one
   * was (then a fenced save would be refused too: use that version).
   *
   * @throws FencedOutException if a higher token holds the fence
   * @throws IllegalArgumentException if the fence id or token is malformed, or ttl not positive
   * @throws StoreConnectionException if Redis cannot be reached
   */
  public Optional<FrameRef> raiseFence(String name, String fenceId, long token, Duration ttl) {
    ensureOpen();
    checkPositive(Objects.requireNonNull(ttl, "ttl"), "fence ttl");
    return Optional.ofNullable(writer.raiseFence(name, fenceId, token, ttl));
  }

  // ---- pins ----

  /**
   * Pins the current version of {@code name} for {@code ttl}; see {@link Pin}.
   *
   * @throws FrameNotFoundException if the frame does not exist
   * @throws IllegalArgumentException if {@code ttl} is not positive
   * @throws StoreConnectionException if Redis cannot be reached
   */
  public Pin pin(String name, Duration ttl) {
    return pin(name, OptionalLong.empty(), "", ttl);
  }

  /**
   * Pins {@code version} of {@code name} for {@code ttl}: it stays readable by number until the pin
   * is closed or expires, whatever saves, retention, TTLs or deletes happen meanwhile.
   *
   * @throws FrameNotFoundException if that version is not readable
   * @throws IllegalArgumentException if {@code ttl} is not positive
   * @throws StoreConnectionException if Redis cannot be reached
   */
  public Pin pin(String name, long version, Duration ttl) {
    return pin(name, OptionalLong.of(version), "", ttl);
  }

  /**
   * Pins the version {@code ref} names, checking its id.
   *
   * @throws StaleReferenceException if the version number now holds other content
   * @throws FrameNotFoundException if that version is not readable
   * @throws IllegalArgumentException if {@code ttl} is not positive
   * @throws StoreConnectionException if Redis cannot be reached
   */
  public Pin pin(FrameRef ref, Duration ttl) {
    return pin(ref.name(), OptionalLong.of(ref.version()), ref.id(), ttl);
  }

  private Pin pin(String name, OptionalLong version, String id, Duration ttl) {
    ensureOpen();
    checkPositive(Objects.requireNonNull(ttl, "ttl"), "pin ttl");
    String token = token();
    return new Pin(pins, token, pins.pin(name, version, id, token, ttl));
  }

  /**
   * Ends the pin {@code token} on {@code ref} that another {@link Pin} handle (perhaps in another
   * process, which kept {@link Pin#token()}) took: a job queue ends its jobs' pins this way when it
   * removes them. Returns whether the pin was still held.
   *
   * @throws StoreConnectionException if Redis cannot be reached
   */
  public boolean unpin(FrameRef ref, String token) {
    ensureOpen();
    return pins.unpin(Objects.requireNonNull(ref, "ref"), Objects.requireNonNull(token, "token"));
  }

  static void checkPositive(Duration duration, String what) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + duration);
    }
  }

  private static final SecureRandom TOKENS = new SecureRandom();

  private static String token() {
    byte[] bytes = new byte[12];
    TOKENS.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Every frame, sorted by name.
   *
   * @throws StoreConnectionException if Redis cannot be reached
   */
  public List<FrameInfo> list() {
    return list("*");
  }

  /**
   * Frames whose name matches {@code glob} ({@code *}, {@code ?}, {@code [abc]}; escape a literal
   * one with {@link #globEscape}), sorted by name.
   *
   * @throws StoreConnectionException if Redis cannot be reached
   */
  public List<FrameInfo> list(String glob) {
    ensureOpen();
    return catalog.list(Objects.requireNonNull(glob, "glob"));
  }

  /**
   * Frames whose name matches {@code glob} and whose current version carries all of {@code tags}
   * (given at save with {@link SaveOptions#tags}), sorted by name.
   *
   * @throws StoreConnectionException if Redis cannot be reached
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

  /**
   * Waits until {@code name} exists; returns its manifest, or empty after {@code timeout}.
   *
   * @throws StoreConnectionException if Redis cannot be reached
   */
  public Optional<Manifest> awaitFrame(String name, Duration timeout) {
    return awaitVersion(name, 0, timeout);
  }

  /**
   * Waits until the current version of {@code name} is above {@code afterVersion} (a save by this
   * or another process); returns its manifest, or empty after {@code timeout}.
   *
   * @throws StoreConnectionException if Redis cannot be reached
   */
  public Optional<Manifest> awaitVersion(String name, long afterVersion, Duration timeout) {
    ensureOpen();
    return watcher.await(name, afterVersion, timeout);
  }

  // ---- objects ----

  /**
   * Saves {@code value} (a record, map, list or POJO) as JSON.
   *
   * @see #saveObject(String, Object, ObjectFormat, SaveOptions)
   */
  public SaveResult saveObject(String name, Object value) {
    return saveObject(name, value, ObjectFormat.JSON, SaveOptions.defaults());
  }

  /**
   * Saves {@code value} as JSON or YAML.
   *
   * @see #saveObject(String, Object, ObjectFormat, SaveOptions)
   */
  public SaveResult saveObject(String name, Object value, ObjectFormat format) {
    return saveObject(name, value, format, SaveOptions.defaults());
  }

  /**
   * Saves {@code value} as JSON or YAML through Jackson.
   *
   * @throws FrameStoreException if the value cannot be written as JSON or YAML (naming it)
   * @see #save(String, FrameEncoder, SaveOptions) for the other exceptions
   */
  public SaveResult saveObject(
      String name, Object value, ObjectFormat format, SaveOptions options) {
    return save(name, ObjectCodec.encoder(value, format), options);
  }

  /**
   * Loads an object saved with {@link #saveObject} (JSON or YAML) as {@code type}.
   *
   * @throws CorruptFrameException if the stored text does not read as {@code type}
   * @throws CodecMismatchException if the frame is not an object
   * @see #load(String, OptionalLong, FrameDecoder, LongConsumer) for the other exceptions
   */
  public <T> T loadObject(String name, Class<T> type) {
    return load(name, OptionalLong.empty(), ObjectCodec.decoder(type));
  }

  /**
   * Loads an object as a generic type, such as {@code new TypeReference<Map<String, Run>>(){}}.
   *
   * @see #loadObject(String, Class)
   */
  @SuppressWarnings("TypeParameterUnusedInFormals") // T is what `type` names, as in Gson
  public <T> T loadObject(String name, Type type) {
    return load(name, OptionalLong.empty(), ObjectCodec.decoder(type));
  }

  /**
   * Loads {@code version} of an object as {@code type}.
   *
   * @see #loadObject(String, Class)
   */
  public <T> T loadObject(String name, long version, Class<T> type) {
    return load(name, OptionalLong.of(version), ObjectCodec.decoder(type));
  }

  /**
   * Loads {@code version} of an object as a generic type.
   *
   * @see #loadObject(String, Class)
   */
  @SuppressWarnings("TypeParameterUnusedInFormals") // T is what `type` names, as in Gson
  public <T> T loadObject(String name, long version, Type type) {
    return load(name, OptionalLong.of(version), ObjectCodec.decoder(type));
  }

  /**
   * Loads the object {@code ref} names, checking its id.
   *
   * @throws StaleReferenceException if the version number now holds other content
   * @see #loadObject(String, Class)
   */
  public <T> T loadObject(FrameRef ref, Class<T> type) {
    return load(ref, ObjectCodec.decoder(type));
  }

  /**
   * Loads the object {@code ref} names as a generic type, checking its id.
   *
   * @see #loadObject(FrameRef, Class)
   */
  @SuppressWarnings("TypeParameterUnusedInFormals") // T is what `type` names, as in Gson
  public <T> T loadObject(FrameRef ref, Type type) {
    return load(ref, ObjectCodec.decoder(type));
  }

  // ---- opaque bytes ----

  /**
   * Saves the bytes of {@code in} (read to its end, chunk by chunk; not closed).
   *
   * @throws FrameStoreException if reading {@code in} fails (nothing becomes visible)
   * @see #save(String, FrameEncoder, SaveOptions) for the other exceptions
   */
  public SaveResult saveBytes(String name, InputStream in, SaveOptions options) {
    return save(name, BytesCodec.encoder(in), options);
  }

  /**
   * Saves {@code bytes}.
   *
   * @see #saveBytes(String, InputStream, SaveOptions)
   */
  public SaveResult saveBytes(String name, byte[] bytes) {
    return saveBytes(name, new ByteArrayInputStream(bytes), SaveOptions.defaults());
  }

  /**
   * A stream over the current version's bytes, fetched a window at a time; close it. Its reads
   * throw {@link CorruptFrameException} (unchecked) for a chunk that fails its checks.
   *
   * @throws CodecMismatchException if the frame does not hold bytes
   * @see #load(String, OptionalLong, FrameDecoder, LongConsumer) for the other exceptions
   */
  public InputStream openBytes(String name) {
    return load(name, OptionalLong.empty(), BytesCodec.streamDecoder());
  }

  /**
   * The current version's bytes.
   *
   * @see #openBytes(String)
   */
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
    return Optional.ofNullable(embedded).map(EmbeddedServerProvider.Lease::directory);
  }

  /**
   * The server's {@code maxmemory-policy}, read when the store opened; empty if the server would
   * not say ({@code CONFIG} refused by an ACL or a managed Redis). Any policy other than {@code
   * noeviction} lets Redis evict keys under memory pressure, and a frame whose chunks are evicted
   * can no longer be loaded: opening such a store logs a warning (once per server and JVM).
   */
  public Optional<String> evictionPolicy() {
    return evictionPolicy;
  }

  /**
   * The store's Redis boundary, for redframe's own modules (the job queue, the SQL driver) and
   * extensions that keep keys of their own beside the store's: their calls go through the same
   * connections and their Jedis exceptions are translated into the same {@link
   * FrameStoreException}s. Users of frames never need it.
   */
  public RedisCalls redis() {
    ensureOpen();
    return redis;
  }

  /** The clock the store stamps manifests with ({@link Builder#clock}). */
  public Clock clock() {
    return clock;
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
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
    if (ownedSenders != null) {
      ownedSenders.shutdownNow();
    }
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
   *
   * <p>Every setter throws {@link NullPointerException} for a null argument, {@link
   * IllegalArgumentException} for a value outside its option's range (the message names the option
   * and the range; {@link StoreOption} lists them), and {@link IllegalStateException} for a setting
   * given twice, or a URL option beside a client.
   */
  public static final class Builder {
    private String url;
    private UnifiedJedis client;
    private Clock clock = Clock.systemUTC();
    private boolean clockSet;
    private ExecutorService fetchers;
    private ExecutorService senders;
    private final Map<StoreOption, Object> options = new EnumMap<>(StoreOption.class);

    private Builder() {}

    /**
     * The clock that stamps manifests ({@link Manifest#created()}); the system UTC clock by
     * default. For deterministic tests. Expiry, TTLs and pins always run on the Redis server's
     * clock.
     */
    public Builder clock(Clock clock) {
      if (clockSet) {
        throw new IllegalStateException("The clock was already set to " + this.clock);
      }
      this.clock = Objects.requireNonNull(clock, "clock");
      clockSet = true;
      return this;
    }

    /**
     * The executors the store runs its I/O on instead of its own: {@code fetchers} fetch chunk
     * windows ahead of decoders, {@code senders} send each save's chunks while its encoder makes
     * the next ones (one task per save in flight, for the whole save: give it at least as many
     * threads as saves run at once, or saves wait for each other). The store does not shut them
     * down.
     */
    public Builder executors(ExecutorService fetchers, ExecutorService senders) {
      if (this.fetchers != null) {
        throw new IllegalStateException("The executors were already set");
      }
      this.fetchers = Objects.requireNonNull(fetchers, "fetchers");
      this.senders = Objects.requireNonNull(senders, "senders");
      return this;
    }

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

    /** The grace budget of each frame, in bytes; see {@link StoreOption#GRACE_BYTES}. */
    public Builder graceBytes(long bytes) {
      return set(StoreOption.GRACE_BYTES, bytes);
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

    /**
     * Connects, checks the server (Redis 6.2 or newer) and returns the open store.
     *
     * @throws IllegalArgumentException if an option given in the URL is unknown or malformed
     * @throws IllegalStateException if an option is set both in the URL and on the builder
     * @throws StoreConnectionException if the server cannot be reached or refuses the credentials
     * @throws FrameStoreException if the server is older than Redis 6.2, or {@code embedded:} is
     *     asked for without the {@code redframe-embedded} module
     */
    public FrameStore build() {
      if (client != null) {
        StoreConfig config = new StoreConfig(options);
        RedisCalls redis = new RedisCalls(client, "the given Redis client");
        Connections.check(redis);
        return new FrameStore(this, config, "client:" + client, redis, null, null);
      }
      String text = url != null ? url : defaultUrl();
      StoreUrl parsed = StoreUrl.parse(text);
      StoreConfig config = new StoreConfig(merged(parsed));
      return parsed.kind() == StoreUrl.Kind.EMBEDDED
          ? openEmbedded(parsed, config)
          : openServer(parsed, config);
    }

    private Map<StoreOption, Object> merged(StoreUrl parsed) {
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
      return all;
    }

    private static String defaultUrl() {
      String env = System.getenv("REDFRAME_URL");
      return env != null && !env.isBlank() ? env : "embedded:";
    }

    private FrameStore openServer(StoreUrl url, StoreConfig config) {
      UnifiedJedis jedis = Connections.open(url, config);
      try {
        RedisCalls redis = new RedisCalls(jedis, url.toString());
        Connections.check(redis);
        return new FrameStore(this, config, url.toString(), redis, jedis, null);
      } catch (RuntimeException e) {
        jedis.close();
        throw e;
      }
    }

    private FrameStore openEmbedded(StoreUrl url, StoreConfig config) {
      Duration startTimeout =
          config.connectTimeout().compareTo(Duration.ofSeconds(30)) > 0
              ? config.connectTimeout()
              : Duration.ofSeconds(30);
      EmbeddedServerProvider.Lease server = embeddedProvider().open(url.directory(), startTimeout);
      UnifiedJedis jedis = null;
      try {
        jedis =
            Connections.open(
                server.host(), server.port(), null, server.password(), 0, false, config);
        Path dir = server.directory();
        String where = "embedded:" + dir + " (127.0.0.1:" + server.port() + ")";
        RedisCalls redis = new RedisCalls(jedis, where);
        Connections.check(redis);
        return new FrameStore(this, config, "embedded:" + dir, redis, jedis, server);
      } catch (RuntimeException e) {
        if (jedis != null) {
          jedis.close();
        }
        server.close();
        throw e;
      }
    }

    private static EmbeddedServerProvider embeddedProvider() {
      Iterator<EmbeddedServerProvider> found =
          ServiceLoader.load(EmbeddedServerProvider.class, FrameStore.class.getClassLoader())
              .iterator();
      if (!found.hasNext()) {
        found = ServiceLoader.load(EmbeddedServerProvider.class).iterator();
      }
      if (!found.hasNext()) {
        throw new FrameStoreException(
            "An embedded: store needs the redframe-embedded module, which runs a private"
                + " redis-server: add io.redframe:redframe-embedded to the class or module path,"
                + " or open a redis:// URL");
      }
      return found.next();
    }
  }
}
