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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
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
    final byte[] field;
    final byte[] bytes;
    final int permits;
    final String what;

    Outgoing(byte[] field, byte[] bytes, int permits, String what) {
      this.field = field;
      this.bytes = bytes;
      this.permits = permits;
      this.what = what;
    }
  }

  private static final Outgoing END = new Outgoing(null, null, 0, "end");
  private static final Outgoing STOP = new Outgoing(null, null, 0, "stop");

  ChunkWriter(
      RedisCalls redis,
      Executor executor,
      byte[] key,
      int chunkSize,
      long maxChunkBytes,
      long window,
      long pendingTtlMillis,
      String where,
      LongConsumer progress) {
    this.redis = redis;
    this.executor = executor;
    this.key = key;
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
    if (bytes.length > maxChunkBytes) {
      throw new LimitExceededException(
          "Chunk " + entries.size() + " of " + where,
          StoreOption.MAX_CHUNK_BYTES.key(),
          bytes.length,
          maxChunkBytes);
    }
    if (firstRow < 0 || rows < 0) {
      throw new IllegalArgumentException(
          "firstRow and rows must be >= 0: " + firstRow + ", " + rows);
    }
    String field = KeyLayout.chunkField(entries.size());
    entries.add(
        new ChunkEntry(field, firstRow, rows, columns, bytes.length, Checksums.crc32c(bytes)));
    enqueue(field.getBytes(StandardCharsets.US_ASCII), bytes, "writing chunks of " + where);
  }

  @Override
  public void write(
      long firstRow, long rows, List<Integer> columns, byte[] bytes, int offset, int length) {
    write(firstRow, rows, columns, Arrays.copyOfRange(bytes, offset, offset + length));
  }

  private void enqueue(byte[] field, byte[] bytes, String what) {
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
    queue.add(new Outgoing(field, bytes, permits, what));
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
    private final List<Response<?>> inFlight = new ArrayList<>();
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
      inFlight.add(pipeline().hset(key, field.field, field.bytes));
      queuedBytes.release(field.permits);
      bytesInFlight += field.bytes.length;
      sent += field.bytes.length;
    }

    private void sync() {
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

  /** Refreshes the pending key's expiry, sends what is queued and checks every reply. */
  private void sync(AbstractPipeline pipeline, List<Response<?>> inFlight) {
    inFlight.add(pipeline.pexpire(key, pendingTtlMillis));
    pipeline.sync();
    for (Response<?> response : inFlight) {
      response.get(); // throws the command's error, such as OOM when maxmemory is reached
    }
    inFlight.clear();
  }

  /**
   * Writes the manifest and its checksum after the last chunk, and waits until Redis has
   * acknowledged every field.
   */
  void finish(byte[] manifest, String id) {
    String what = "writing the manifest of " + where;
    enqueue(ID, id.getBytes(StandardCharsets.US_ASCII), what);
    enqueue(MANIFEST, manifest, what);
    enqueue(MANIFEST_CRC, Checksums.crc32c(manifest).getBytes(StandardCharsets.US_ASCII), what);
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
