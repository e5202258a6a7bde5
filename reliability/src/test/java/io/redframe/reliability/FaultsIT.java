package io.redframe.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.FrameStore;
import io.redframe.FrameStoreException;
import io.redframe.Manifest;
import io.redframe.SaveOptions;
import io.redframe.StoreConnectionException;
import io.redframe.arrow.ArrowFrames;
import io.redframe.embedded.RedisProcess;
import io.redframe.testing.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

/** Real faults: the server killed mid-save, paused, or out of memory. */
class FaultsIT {
  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator(2L << 30);
  }

  @AfterEach
  void close() {
    allocator.close();
  }

  private static String url(int port, String extra) {
    return "redis://127.0.0.1:"
        + port
        + "?prefix=faults&chunkSize=16KiB&pipelineWindow=64KiB&connectTimeout=2s"
        + (extra.contains("&timeout=") ? "" : "&timeout=5s")
        + extra;
  }

  private long generation(FrameStore store) throws Exception {
    try (ArrowReader reader = ArrowFrames.of(store).load("f", allocator)) {
      return Generations.check(reader, 0, true);
    }
  }

  private void save(FrameStore store, long generation) {
    try (VectorSchemaRoot root = Generations.frame(allocator, generation)) {
      ArrowFrames.of(store)
          .save(
              "f",
              root,
              null,
              SaveOptions.defaults().tags(Map.of("generation", Long.toString(generation))));
    }
  }

  /**
   * kill -9 at random points during saves (AOF, fsync always), restart: the frame is its previous
   * or its new version, complete and valid; the writer got a clear error.
   */
  @Test
  void killNineDuringSavesLeavesThePreviousOrTheNewVersion() throws Exception {
    List<String> config = List.of("appendonly yes", "appendfsync always");
    RedisProcess server = RedisProcess.builder().config(config).start();
    Path dir = server.directory();
    int port = server.port();
    Random random = new Random(7);
    int trials = Sized.trials(6, 60);
    int interrupted = 0;
    try {
      try (FrameStore store = FrameStore.open(url(port, ""))) {
        save(store, 1);
      }
      long committed = 1;
      for (int trial = 0; trial < trials; trial++) {
        long next = committed + 1;
        FrameStore store = FrameStore.open(url(port, ""));
        CompletableFuture<Void> saving =
            CompletableFuture.runAsync(
                () -> {
                  for (long g = next; ; g++) {
                    save(store, g);
                  }
                });
        TimeUnit.MILLISECONDS.sleep(50 + random.nextInt(400));
        server.kill();
        Throwable failure = saving.handle((ok, e) -> e).get(60, TimeUnit.SECONDS);
        assertThat(failure).as("the writer learns of the failure").isNotNull();
        assertThat(rootCause(failure)).isInstanceOf(FrameStoreException.class);
        assertThat(rootCause(failure).getMessage())
            .containsAnyOf("Redis unreachable at", "Redis at");
        try {
          store.close();
        } catch (RuntimeException e) {
          // the pool's connections are dead
        }
        interrupted++;
        server = RedisProcess.builder().directory(dir).port(port).config(config).start();
        try (FrameStore reopened = FrameStore.open(url(port, ""))) {
          long seen = generation(reopened);
          Manifest manifest = reopened.manifest("f");
          assertThat(Long.parseLong(manifest.tags().get("generation"))).isEqualTo(seen);
          assertThat(seen)
              .as("previous or a newer complete version")
              .isGreaterThanOrEqualTo(committed);
          committed = seen;
        }
      }
    } finally {
      server.close();
    }
    System.out.println("kill -9 trials: " + interrupted + ", all frames complete");
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && !(t instanceof FrameStoreException)) {
      t = t.getCause();
    }
    return t;
  }

  /** A paused server: timeouts fire with clear errors and nothing is left half-visible. */
  @Test
  void aPausedServerTimesOutClearlyAndLeavesNothingHalfVisible() throws Exception {
    try (RedisProcess server = RedisProcess.builder().config("appendonly no").start();
        FrameStore store = FrameStore.open(url(server.port(), "&timeout=500ms&pendingTtl=2s"))) {
      save(store, 1);
      server.pause(Duration.ofSeconds(3));
      assertThatThrownBy(() -> save(store, 2))
          .isInstanceOf(StoreConnectionException.class)
          .hasMessageContaining("Redis unreachable at redis://127.0.0.1:" + server.port())
          .hasMessageContaining("timed out");
      TestRedis.await(
          "the pause to end",
          Duration.ofSeconds(10),
          () -> {
            try {
              return generation(store) == 1;
            } catch (Exception e) {
              return false;
            }
          });
      assertThat(store.versions("f")).extracting(v -> v.version()).containsExactly(1L);
    }
  }

  /**
   * maxmemory reached mid-save: a clear error, the previous version intact, the partial write gone.
   */
  @Test
  void runningOutOfMemoryMidSaveKeepsThePreviousVersion() throws Exception {
    try (RedisProcess server =
            RedisProcess.builder()
                .config("appendonly no", "maxmemory 6mb", "maxmemory-policy noeviction")
                .start();
        FrameStore store = FrameStore.open(url(server.port(), "&pendingTtl=2s"))) {
      save(store, 1);
      byte[] big = new byte[32 << 20];
      new Random(1).nextBytes(big);

      assertThatThrownBy(() -> store.saveBytes("f", big))
          .isInstanceOf(FrameStoreException.class)
          .hasMessageContaining("OOM");
      assertThat(generation(store)).isEqualTo(1);
      try (Jedis admin =
          new Jedis(
              "127.0.0.1",
              server.port(),
              DefaultJedisClientConfig.builder().serverDefaultProtocol().build())) {
        TestRedis.await(
            "the partial write to disappear",
            Duration.ofSeconds(10),
            () -> admin.keys("faults:{f}:v:*").size() == 1);
      }
      save(store, 3);
      assertThat(generation(store)).isEqualTo(3);
    }
  }
}
