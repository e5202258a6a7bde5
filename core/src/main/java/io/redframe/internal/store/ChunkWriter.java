package io.redframe.internal.store;

import io.redframe.ChunkEntry;
import io.redframe.FrameStoreException;
import io.redframe.LimitExceededException;
import io.redframe.StoreOption;
import io.redframe.redis.RedisCalls;
import io.redframe.spi.Checksums;
import io.redframe.spi.ChunkSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Writes the chunks of one pending version: each chunk is an {@code HSET} of one field, pipelined,
 * with a round trip (and a refresh of the pending key's expiry) whenever a window of bytes is in
 * flight.
 *
 * <p>The encoder and Redis work at the same time: {@link #write} checks and checksums a chunk on
 * the caller's thread and queues it; a sender task (on a thread of its own, from the store's sender
 * pool) sends the queue down one pooled connection. At most one window of bytes waits in the queue
 * (the encoder blocks beyond that), so memory stays bounded. The first failure of the sender task
 * is thrown to the caller at its next call; progress is reported on the caller's thread. Not
 * thread-safe: one caller thread.
 *
 * <p>Chunks go to the key {@code chunkKey} gives for their index: the version's own hash (layout 1)
 * or its segment keys (layout 2, on Redis Cluster, where the pipeline sends each command to the
 * master of its slot). A reply that is a cluster redirection (MOVED, ASK, TRYAGAIN, a master that
 * failed over) is sent again on its own through the cluster client, which follows redirections
 * within its retry budget; every command sent is idempotent.
 */
final class ChunkWriter implements ChunkSink, AutoCloseable {
  private static final byte[] MANIFEST = "manifest".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MANIFEST_CRC = "manifest.crc32c".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ID = "id".getBytes(StandardCharsets.US_ASCII);

  /** Permits handed back when the sender task stops, so a blocked caller always wakes. */
  private static final int UNBLOCK = Integer.MAX_VALUE / 2;

  private final RedisCalls redis;
  private final Executor executor;
  private final byte[] key;
  private final IntFunction<byte[]> chunkKey;
  private final int chunkSize;
  private final long maxChunkBytes;
  private final long window;
  private final long pendingTtlMillis;
  private final String where;
  private final LongConsumer progress;
  private final List<ChunkEntry> entries = new ArrayList<>();
  private final LinkedBlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>();
  private final Semaphore queuedBytes;
  private final int queueLimit;
  private final AtomicLong acknowledged = new AtomicLong();
  private volatile FrameStoreException failure;
  private CompletableFuture<Void> sender;
  private long reported;
  private long totalBytes;

  /**
   * A field to send; {@link #END} sends what is left and syncs, {@link #STOP} abandons. Not a
   * record: the two markers are told apart by identity.
   */
  private static final class Outgoing {
    final byte[] key;
    final byte[] field;
    final byte[] bytes;
    final int permits;
    final String what;

    Outgoing(byte[] key, byte[] field, byte[] bytes, int permits, String what) {
      this.key = key;
      this.field = field;
      this.bytes = bytes;
      this.permits = permits;
      this.what = what;
    }
  }

  private static final Outgoing END = new Outgoing(null, null, null, 0, "end");
  private static final Outgoing STOP = new Outgoing(null, null, null, 0, "stop");

  ChunkWriter(
      RedisCalls redis,
      Executor executor,
      byte[] key,
      IntFunction<byte[]> chunkKey,
      int chunkSize,
      long maxChunkBytes,
      long window,
      long pendingTtlMillis,
      String where,
      LongConsumer progress) {
    this.redis = redis;
    this.executor = executor;
    this.key = key;
    this.chunkKey = chunkKey;
    this.chunkSize = chunkSize;
    this.maxChunkBytes = maxChunkBytes;
    this.window = window;
    this.pendingTtlMillis = pendingTtlMillis;
    this.where = where;
    this.progress = progress;
    this.queueLimit = (int) Math.max(1, Math.min(window, 1L << 30));
    this.queuedBytes = new Semaphore(queueLimit);
  }

  @Override
  public int chunkSize() {
    return chunkSize;
  }

  @Override
  public void write(long firstRow, long rows, List<Integer> columns, byte[] bytes) {
    ChunkEntry entry = entry(entries.size(), firstRow, rows, columns, bytes, maxChunkBytes, where);
    entries.add(entry);
    enqueue(
        chunkKey.apply(entries.size() - 1),
        entry.field().getBytes(StandardCharsets.US_ASCII),
        bytes,
        "writing chunks of " + where);
  }

  /**
   * The manifest entry of chunk {@code index}, after checking its size against {@code
   * maxChunkBytes} and its rows.
   */
  static ChunkEntry entry(
      int index,
      long firstRow,
      long rows,
      List<Integer> columns,
      byte[] bytes,
      long maxChunkBytes,
      String where) {
    if (bytes.length > maxChunkBytes) {
      throw new LimitExceededException(
          "Chunk " + index + " of " + where,
          StoreOption.MAX_CHUNK_BYTES.key(),
          bytes.length,
          maxChunkBytes);
    }
    if (firstRow < 0 || rows < 0) {
      throw new IllegalArgumentException(
          "firstRow and rows must be >= 0: " + firstRow + ", " + rows);
    }
    return new ChunkEntry(
        KeyLayout.chunkField(index),
        firstRow,
        rows,
        columns,
        bytes.length,
        Checksums.crc32c(bytes));
  }

  @Override
  public void write(
      long firstRow, long rows, List<Integer> columns, byte[] bytes, int offset, int length) {
    write(firstRow, rows, columns, Arrays.copyOfRange(bytes, offset, offset + length));
  }

  private void enqueue(byte[] target, byte[] field, byte[] bytes, String what) {
    throwIfFailed();
    if (sender == null) {
      try {
        sender = CompletableFuture.runAsync(this::sendAll, executor);
      } catch (RejectedExecutionException e) {
        throw new FrameStoreException("Saving " + where + " failed: the store is closed", e);
      }
    }
    int permits = Math.min(bytes.length, queueLimit);
    queuedBytes.acquireUninterruptibly(permits);
    throwIfFailed();
    queue.add(new Outgoing(target, field, bytes, permits, what));
    totalBytes += bytes.length;
    report();
  }

  private void throwIfFailed() {
    FrameStoreException failed = failure;
    if (failed != null) {
      throw failed;
    }
  }

  private void report() {
    long done = acknowledged.get();
    if (done != reported) {
      reported = done;
      progress.accept(done);
    }
  }

  /** The sender task: sends queued fields until {@link #END} or {@link #STOP}, or a failure. */
  private void sendAll() {
    SenderTask task = new SenderTask();
    try {
      task.sendUntilDone();
    } catch (JedisException e) {
      failure = redis.translate(task.what, e);
    } catch (FrameStoreException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = new FrameStoreException(task.what + " was interrupted");
    } catch (RuntimeException e) {
      failure = new FrameStoreException(task.what + " failed: " + e, e);
    } catch (Error e) {
      failure = new FrameStoreException(task.what + " failed: " + e, e);
      throw e;
    } finally {
      queue.clear();
      queuedBytes.release(UNBLOCK);
      task.close();
    }
  }

  /** The sender task's state: its pipeline (while it holds a connection) and what it sent. */
  private final class SenderTask {
    private AbstractPipeline pipeline;
    private final List<Sent> inFlight = new ArrayList<>();
    // Keys are the writer's own arrays, one per key: identity tells them apart.
    private final Set<byte[]> touched = Collections.newSetFromMap(new IdentityHashMap<>());
    private long bytesInFlight;
    private long sent;
    private String what = "writing chunks of " + where;

    void sendUntilDone() throws InterruptedException {
      for (Outgoing next = take(); next != STOP; next = take()) {
        what = next.what;
        if (next == END) {
          sync();
          return;
        }
        send(next);
        if (bytesInFlight >= window) {
          sync();
        }
      }
    }

    private Outgoing take() throws InterruptedException {
      Outgoing next = queue.poll();
      if (next == null) {
        // Nothing to send: hand the connection back while the encoder works (it may be loading
        // from this store: a sender holding a pooled connection idle could starve its fetches).
        if (pipeline != null) {
          sync();
          pipeline.close();
          pipeline = null;
        }
        next = queue.take();
      }
      return next;
    }

    private void send(Outgoing field) {
      inFlight.add(new Sent(field, pipeline().hset(field.key, field.field, field.bytes)));
      touched.add(field.key);
      queuedBytes.release(field.permits);
      bytesInFlight += field.bytes.length;
      sent += field.bytes.length;
    }

    private void sync() {
      touched.add(key);
      for (byte[] k : touched) {
        inFlight.add(new Sent(k, null, pipeline().pexpire(k, pendingTtlMillis)));
      }
      touched.clear();
      ChunkWriter.this.sync(pipeline(), inFlight);
      bytesInFlight = 0;
      acknowledged.set(sent);
    }

    private AbstractPipeline pipeline() {
      if (pipeline == null) {
        pipeline = redis.jedis().pipelined();
      }
      return pipeline;
    }

    /**
     * Sends anything still queued in the client (so nothing arrives after an abandon's UNLINK) and
     * returns the connection to the pool, or discards a broken one.
     */
    void close() {
      if (pipeline != null) {
        try {
          pipeline.close();
        } catch (JedisException | FrameStoreException e) {
          // The connection is broken; the pool discards it. The pending key expires by itself.
        }
      }
    }
  }

  /**
   * A command in flight: an {@code HSET} of a field, or (with {@code field} null) a {@code PEXPIRE}
   * of {@code key}; what is needed to send it again.
   */
  private static final class Sent {
    final byte[] key;
    final Outgoing field;
    final Response<?> reply;

    Sent(byte[] key, Outgoing field, Response<?> reply) {
      this.key = key;
      this.field = field;
      this.reply = reply;
    }

    Sent(Outgoing field, Response<?> reply) {
      this(field.key, field, reply);
    }
  }

  /**
   * Sends what is queued (the expiry refreshes last) and checks every reply; on a cluster, sends a
   * redirected command again on its own.
   */
  private void sync(AbstractPipeline pipeline, List<Sent> inFlight) {
    boolean cluster = redis.cluster();
    try {
      pipeline.sync();
    } catch (JedisException e) {
      if (!cluster || !Redirects.retryable(e)) {
        throw e;
      }
    }
    for (Sent sent : inFlight) {
      try {
        sent.reply.get(); // throws the command's error, such as OOM when maxmemory is reached
      } catch (JedisException | IllegalStateException e) {
        if (!cluster || !Redirects.retryable(e)) {
          throw e;
        }
        resend(sent);
      }
    }
    inFlight.clear();
  }

  private void resend(Sent sent) {
    if (sent.field == null) {
      redis.jedis().pexpire(sent.key, pendingTtlMillis);
    } else {
      redis.jedis().hset(sent.key, sent.field.field, sent.field.bytes);
    }
  }

  /**
   * Writes the manifest and its checksum after the last chunk, and waits until Redis has
   * acknowledged every field.
   */
  void finish(byte[] manifest, String id) {
    String what = "writing the manifest of " + where;
    enqueue(key, ID, id.getBytes(StandardCharsets.US_ASCII), what);
    enqueue(key, MANIFEST, manifest, what);
    enqueue(
        key, MANIFEST_CRC, Checksums.crc32c(manifest).getBytes(StandardCharsets.US_ASCII), what);
    queue.add(END);
    await();
    throwIfFailed();
    report();
  }

  private void await() {
    try {
      sender.join();
    } catch (CompletionException e) {
      if (failure == null) {
        failure = new FrameStoreException("Saving " + where + " failed: " + e.getCause(), e);
      }
    }
  }

  List<ChunkEntry> entries() {
    return List.copyOf(entries);
  }

  long totalBytes() {
    return totalBytes;
  }

  /**
   * Stops the sender task (abandoning what is still queued) and waits for it, so no command of this
   * writer reaches Redis after close returns.
   */
  @Override
  public void close() {
    if (sender != null && !sender.isDone()) {
      queue.clear();
      queue.add(STOP);
      await();
    }
  }
}
