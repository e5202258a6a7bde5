package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.testing.TestRedis;
import io.redframe.testing.TokenCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Writers and readers racing on one frame never see a torn or mixed version. */
class ConcurrencyIT {
  private static final int CHUNKS = 24;
  private static final int CHUNK_BYTES = 8 * 1024;

  @Test
  void concurrentWritersAndReadersNeverSeeATornOrMixedVersion() throws Exception {
    // A small window makes every save and load take several round trips, so they interleave.
    try (FrameStore store =
        TestRedis.store(b -> b.chunkSize(CHUNK_BYTES).pipelineWindow(64 * 1024).keepVersions(2))) {
      store.save("shared", TokenCodec.encoder("seed", CHUNKS, CHUNK_BYTES));
      Map<Long, String> tokenOfVersion = new ConcurrentHashMap<>();
      tokenOfVersion.put(1L, "seed");
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicLong reads = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
          int writer = w;
          writers.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 40; i++) {
                      String token = "w" + writer + "-" + i;
                      SaveResult saved =
                          store.save(
                              "shared",
                              TokenCodec.encoder(token, CHUNKS, CHUNK_BYTES),
                              SaveOptions.defaults().tags(Map.of("token", token)));
                      tokenOfVersion.put(saved.version(), token);
                    }
                    return null;
                  }));
        }
        List<Future<List<String>>> readers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
          readers.add(pool.submit(() -> readUntil(store, writing, reads)));
        }
        for (Future<?> writer : writers) {
          writer.get();
        }
        writing.set(false);
        List<String> problems = new ArrayList<>();
        for (Future<List<String>> reader : readers) {
          problems.addAll(reader.get());
        }

        assertThat(problems).isEmpty();
        assertThat(reads.get()).isGreaterThan(20);
        assertThat(tokenOfVersion).hasSize(81);
        Manifest last = store.manifest("shared");
        assertThat(store.load("shared", OptionalLong.empty(), TokenCodec.decoder()))
            .containsOnly(tokenOfVersion.get(last.version()));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** Loads continuously; returns every inconsistency seen. */
  private static List<String> readUntil(FrameStore store, AtomicBoolean writing, AtomicLong reads) {
    List<String> problems = new ArrayList<>();
    while (writing.get()) {
      Manifest manifest = store.manifest("shared");
      List<String> tokens =
          store.load("shared", OptionalLong.of(manifest.version()), TokenCodec.decoder());
      reads.incrementAndGet();
      String expected = manifest.tags().getOrDefault("token", "seed");
      if (tokens.size() != CHUNKS || tokens.stream().anyMatch(t -> !t.equals(expected))) {
        problems.add("version " + manifest.version() + " read as " + tokens);
      }
      List<String> current = store.load("shared", TokenCodec.decoder());
      if (current.stream().distinct().count() != 1) {
        problems.add("a current read mixed tokens: " + current.stream().distinct().toList());
      }
    }
    return problems;
  }

  @Test
  void racingUnconditionalSavesAllSucceedAndTheLastAllocatedIsCurrent() throws Exception {
    try (FrameStore store = TestRedis.store(b -> b.gracePeriod(Duration.ofMinutes(1)))) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<SaveResult>> saves = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          String token = "s" + i;
          saves.add(pool.submit(() -> store.save("race", TokenCodec.encoder(token, 3, 1024))));
        }
        long highestCurrent = 0;
        for (Future<SaveResult> save : saves) {
          SaveResult result = save.get();
          if (result.current()) {
            highestCurrent = Math.max(highestCurrent, result.version());
          }
        }

        assertThat(store.manifest("race").version()).isEqualTo(40).isEqualTo(highestCurrent);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
