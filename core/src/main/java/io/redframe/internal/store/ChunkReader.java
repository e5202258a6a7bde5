package io.redframe.internal.store;

import io.redframe.ChunkEntry;
import io.redframe.CorruptFrameException;
import io.redframe.FrameNotFoundException;
import io.redframe.FrameStoreException;
import io.redframe.redis.RedisCalls;
import io.redframe.spi.Checksums;
import io.redframe.spi.Chunk;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.ChunkStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Fetches chunks of one published version in windows of about an eighth of {@code pipelineWindow}
 * bytes, each one pipelined round trip, fetched one after another on pooled connections, up to
 * {@value #AHEAD} windows ahead of the caller, while the caller decodes. So the decoder starts
 * after an eighth of a window, not a whole one (R1M's first 16 MiB took about 10 ms to arrive,
 * during which the decoder had nothing to do), the fetch does not wait for the decoder, at most
 * about 1.125 {@code pipelineWindow} of chunks are in memory, no reply is larger than a chunk, and
 * no connection is held between windows. (Fetching the next whole window only once the caller took
 * the last one made R1M's load through Tablesaw 25% slower.)
 *
 * <p>Every chunk is checked before its bytes are read: its stored length ({@code HSTRLEN}) must
 * equal the manifest's, so a tampered field cannot make the client allocate more than the manifest
 * (itself bounded by {@code maxChunkBytes}) allows; then its CRC-32C must match. The lengths of a
 * whole {@code pipelineWindow} of chunks are checked in one round trip before its first window is
 * read, so each window then takes one round trip. Chunks that came with the manifest (a small
 * version's) get the same checks, without a round trip.
 *
 * <p>Each chunk is read from the key {@code chunkKey} gives: the version's hash, or its segment key
 * (layout 2), so on Redis Cluster one window is fetched from every master holding part of it at
 * once. If the pipelined fetch meets a cluster redirection or a failover, the window is fetched
 * again chunk by chunk through the cluster client, which follows redirections.
 *
 * <p>With the load cache on ({@code cacheSize}), chunks it keeps for this version are handed out
 * without a round trip, after their checksum is checked again, and fetched chunks are kept.
 */
final class ChunkReader implements ChunkSource {
  /** The most kept chunk bytes a window checks on the decoder's thread, not on a fetcher. */
  private static final long AT_HAND_BYTES = 1 << 20;

  /** Windows fetched ahead of the caller: each is this fraction of {@code pipelineWindow}. */
  static final int AHEAD = 8;

  private final RedisCalls redis;
  private final Executor executor;
  private final Function<ChunkEntry, byte[]> chunkKey;
  private final String frame;
  private final long version;
  private final long window;
  private final LongConsumer progress;
  private final Map<String, byte[]> prefetched;
  private final String id;
  private final LoadCache cache;
  private long fetched;

  /** Fields whose stored length was checked ahead (for a whole {@code pipelineWindow} at once). */
  private final Set<String> lengthChecked = ConcurrentHashMap.newKeySet();

  ChunkReader(
      RedisCalls redis,
      Executor executor,
      Function<ChunkEntry, byte[]> chunkKey,
      String frame,
      long version,
      String id,
      LoadCache cache,
      long window,
      Map<String, byte[]> prefetched,
      LongConsumer progress) {
    this.redis = redis;
    this.id = id;
    this.cache = cache;
    this.prefetched = prefetched;
    this.executor = executor;
    this.chunkKey = chunkKey;
    this.frame = frame;
    this.version = version;
    this.window = window;
    this.progress = progress;
  }

  @Override
  public String frame() {
    return frame;
  }

  @Override
  public long version() {
    return version;
  }

  @Override
  public ChunkStream open(List<ChunkEntry> chunks) {
    return new Stream(windows(chunks));
  }

  private List<List<ChunkEntry>> windows(List<ChunkEntry> chunks) {
    List<List<ChunkEntry>> windows = new ArrayList<>();
    List<ChunkEntry> current = new ArrayList<>();
    long bytes = 0;
    long each = Math.max(1, window / AHEAD);
    for (ChunkEntry chunk : chunks) {
      if (!current.isEmpty() && bytes + chunk.bytes() > each) {
        windows.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(chunk);
      bytes += chunk.bytes();
    }
    if (!current.isEmpty()) {
      windows.add(current);
    }
    return windows;
  }

  private String where(ChunkEntry chunk) {
    return "chunk " + chunk.field() + " of frame '" + Names.shorten(frame) + "' version " + version;
  }

  /**
   * The checked chunks of {@code chunks}, in order: those that came with the manifest or are kept
   * by the load cache without a round trip, the others fetched (and then kept).
   */
  List<Chunk> fetch(List<ChunkEntry> chunks) {
    Chunk[] found = new Chunk[chunks.size()];
    List<ChunkEntry> missing = new ArrayList<>();
    List<Integer> missingAt = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      ChunkEntry chunk = chunks.get(i);
      byte[] bytes = prefetched.get(chunk.field());
      if (bytes != null) {
        found[i] = check(chunk, bytes);
        cache.putChunk(id, chunk.field(), bytes);
        continue;
      }
      found[i] = kept(chunk);
      if (found[i] == null) {
        missing.add(chunk);
        missingAt.add(i);
      }
    }
    if (!missing.isEmpty()) {
      List<Chunk> fetchedChunks = fetchFromRedis(missing);
      for (int j = 0; j < fetchedChunks.size(); j++) {
        Chunk chunk = fetchedChunks.get(j);
        found[missingAt.get(j)] = chunk;
        cache.putChunk(id, chunk.entry().field(), chunk.bytes());
      }
    }
    return Arrays.asList(found);
  }

  /** The load cache's copy of {@code chunk} if it still matches its checksum, else null. */
  private Chunk kept(ChunkEntry chunk) {
    byte[] bytes = cache.chunk(id, chunk.field());
    if (bytes == null) {
      return null;
    }
    if (bytes.length == chunk.bytes() && Checksums.crc32c(bytes).equals(chunk.crc32c())) {
      return new Chunk(chunk, bytes);
    }
    cache.dropChunk(id, chunk.field()); // a decoder modified it: fetch it again
    return null;
  }

  /** Whether {@code chunks} are all at hand (and few bytes), so fetching them needs no thread. */
  private boolean atHand(List<ChunkEntry> chunks) {
    long bytes = 0;
    for (ChunkEntry chunk : chunks) {
      if (!prefetched.containsKey(chunk.field())) {
        if (!cache.keeps(id, chunk.field())) {
          return false;
        }
        bytes += chunk.bytes();
      }
    }
    return bytes <= AT_HAND_BYTES;
  }

  private List<Chunk> fetchFromRedis(List<ChunkEntry> chunks) {
    try {
      return fetchPipelined(chunks);
    } catch (JedisException | IllegalStateException e) {
      if (!redis.cluster() || !Redirects.retryable(e)) {
        if (e instanceof JedisException jedis) {
          throw redis.translate("reading chunks of frame '" + Names.shorten(frame) + "'", jedis);
        }
        throw e;
      }
    }
    return redis.call(
        "reading chunks of frame '" + Names.shorten(frame) + "'",
        jedis -> {
          List<Chunk> fetched = new ArrayList<>(chunks.size());
          for (ChunkEntry chunk : chunks) {
            checkLength(chunk, jedis.hstrlen(chunkKey.apply(chunk), field(chunk)));
            fetched.add(check(chunk, jedis.hget(chunkKey.apply(chunk), field(chunk))));
          }
          return fetched;
        });
  }

  private List<Chunk> fetchPipelined(List<ChunkEntry> chunks) {
    try (AbstractPipeline pipeline = redis.jedis().pipelined()) {
      checkLengths(pipeline, chunks);
      List<Response<byte[]>> values = new ArrayList<>(chunks.size());
      for (ChunkEntry chunk : chunks) {
        values.add(pipeline.hget(chunkKey.apply(chunk), field(chunk)));
      }
      pipeline.sync();
      List<Chunk> fetched = new ArrayList<>(chunks.size());
      for (int i = 0; i < chunks.size(); i++) {
        fetched.add(check(chunks.get(i), values.get(i).get()));
      }
      return fetched;
    }
  }

  /**
   * Checks the stored length of each of {@code chunks} not checked yet, in one pipelined round
   * trip, before any of their bytes are read.
   */
  private void checkLengths(AbstractPipeline pipeline, List<ChunkEntry> chunks) {
    List<ChunkEntry> unchecked = new ArrayList<>(chunks.size());
    List<Response<Long>> lengths = new ArrayList<>(chunks.size());
    for (ChunkEntry chunk : chunks) {
      if (!lengthChecked.contains(chunk.field())) {
        unchecked.add(chunk);
        lengths.add(pipeline.hstrlen(chunkKey.apply(chunk), field(chunk)));
      }
    }
    if (unchecked.isEmpty()) {
      return;
    }
    pipeline.sync();
    for (int i = 0; i < unchecked.size(); i++) {
      checkLength(unchecked.get(i), lengths.get(i).get());
      lengthChecked.add(unchecked.get(i).field());
    }
  }

  /**
   * Checks ahead the stored lengths of the chunks of {@code windows} that will be read from Redis
   * (not at hand, not kept by the load cache), so their windows are then read in one round trip
   * each. A failure is left to the window's own fetch, which checks again.
   */
  private void checkLengthsAhead(List<List<ChunkEntry>> windows) {
    List<ChunkEntry> toRead = new ArrayList<>();
    for (List<ChunkEntry> window : windows) {
      for (ChunkEntry chunk : window) {
        if (!prefetched.containsKey(chunk.field())
            && !cache.keeps(id, chunk.field())
            && !lengthChecked.contains(chunk.field())) {
          toRead.add(chunk);
        }
      }
    }
    if (toRead.isEmpty()) {
      return;
    }
    try (AbstractPipeline pipeline = redis.jedis().pipelined()) {
      checkLengths(pipeline, toRead);
    } catch (JedisException | FrameStoreException | IllegalStateException e) {
      // the window's fetch meets the same failure and reports it (or follows a redirection)
    }
  }

  private static byte[] field(ChunkEntry chunk) {
    return chunk.field().getBytes(StandardCharsets.US_ASCII);
  }

  private void checkLength(ChunkEntry chunk, long stored) {
    if (stored == chunk.bytes()) {
      return;
    }
    if (stored == 0) {
      throw new FrameNotFoundException(
          where(chunk)
              + " is missing: the version was deleted or expired during the read"
              + " (a superseded version stays readable for the store's gracePeriod, within its"
              + " graceBytes budget; a pin keeps it as long as needed)");
    }
    throw new CorruptFrameException(
        where(chunk) + " is corrupt: " + stored + " bytes stored, manifest says " + chunk.bytes());
  }

  private Chunk check(ChunkEntry chunk, byte[] bytes) {
    if (bytes == null) {
      throw new FrameNotFoundException(
          where(chunk) + " is missing: the version was deleted or expired during the read");
    }
    checkLength(chunk, bytes.length);
    String crc = Checksums.crc32c(bytes);
    if (!crc.equals(chunk.crc32c())) {
      throw new CorruptFrameException(
          where(chunk)
              + " is corrupt: CRC-32C is "
              + crc
              + ", manifest says "
              + chunk.crc32c()
              + " ("
              + bytes.length
              + " bytes)");
    }
    return new Chunk(chunk, bytes);
  }

  /**
   * Iterates window by window. Up to {@link #AHEAD} windows are fetched ahead, one after another
   * (each fetch starts when the one before it ends), whether or not the caller has taken them.
   */
  private final class Stream implements ChunkStream {
    private final List<List<ChunkEntry>> windows;
    private final ArrayDeque<CompletableFuture<List<Chunk>>> ahead = new ArrayDeque<>();
    private int nextWindow;
    private CompletableFuture<List<Chunk>> lastFetch;
    private Iterator<Chunk> current = List.<Chunk>of().iterator();
    private boolean closed;

    Stream(List<List<ChunkEntry>> windows) {
      this.windows = windows;
      fillAhead();
    }

    private void fillAhead() {
      while (nextWindow < windows.size() && ahead.size() < AHEAD) {
        ahead.add(fetchAhead(windows.get(nextWindow++)));
      }
    }

    private CompletableFuture<List<Chunk>> fetchAhead(List<ChunkEntry> chunks) {
      if (atHand(chunks)) {
        // no round trip to overlap: the chunks came with the manifest or are kept
        try {
          return CompletableFuture.completedFuture(fetch(chunks));
        } catch (RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
      }
      // after the previous fetch, failed or not: a failure reaches the caller from the first
      // window it spoils, and each window's own failure is its own. Every AHEAD windows (one
      // pipelineWindow of bytes), the lengths of the next AHEAD are checked in one round trip.
      int index = nextWindow - 1;
      Supplier<List<Chunk>> task =
          () -> {
            if (index % AHEAD == 0) {
              checkLengthsAhead(windows.subList(index, Math.min(windows.size(), index + AHEAD)));
            }
            return fetch(chunks);
          };
      lastFetch =
          lastFetch == null
              ? CompletableFuture.supplyAsync(task, executor)
              : lastFetch.handleAsync((done, failure) -> task.get(), executor);
      return lastFetch;
    }

    @Override
    public boolean hasNext() {
      if (closed) {
        return false;
      }
      while (!current.hasNext() && !ahead.isEmpty()) {
        List<Chunk> chunks = await(ahead.poll());
        fillAhead();
        for (Chunk chunk : chunks) {
          fetched += chunk.bytes().length;
        }
        progress.accept(fetched);
        current = chunks.iterator();
      }
      return current.hasNext();
    }

    @Override
    public Chunk next() {
      if (!hasNext()) {
        throw new NoSuchElementException("No more chunks");
      }
      return current.next();
    }

    private List<Chunk> await(CompletableFuture<List<Chunk>> future) {
      try {
        return future.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof FrameStoreException f) {
          throw f;
        }
        throw new FrameStoreException(
            "Reading chunks of frame '" + Names.shorten(frame) + "' failed: " + e.getCause(),
            e.getCause());
      }
    }

    @Override
    public void close() {
      closed = true;
      for (CompletableFuture<List<Chunk>> future : ahead) {
        future.cancel(false); // a fetch already running finishes; the ones after it do not start
      }
      ahead.clear();
      current = List.<Chunk>of().iterator();
    }
  }
}
