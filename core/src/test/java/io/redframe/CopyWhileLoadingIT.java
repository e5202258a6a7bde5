package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.testing.TestRedis;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Saves whose encoder reads a frame being loaded from the same store, more of them at once than the
 * store has fetch threads: each save's sender must not take a thread its load's fetches need.
 */
class CopyWhileLoadingIT {
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void manyConcurrentCopiesWithinOneStoreFinish() throws Exception {
    byte[] payload = new byte[2 << 20];
    new Random(4).nextBytes(payload);
    int copies = 8;
    ExecutorService callers = Executors.newFixedThreadPool(copies);
    try (FrameStore store =
        TestRedis.store(
            b ->
                b.option(StoreOption.POOL_SIZE, "4")
                    .chunkSize(16 * 1024)
                    .pipelineWindow(64 * 1024))) {
      store.saveBytes("source", new ByteArrayInputStream(payload), SaveOptions.defaults());
      List<Future<SaveResult>> done = new ArrayList<>();
      for (int i = 0; i < copies; i++) {
        String target = "copy-" + i;
        done.add(
            callers.submit(
                () -> {
                  try (InputStream source = store.openBytes("source")) {
                    return store.saveBytes(target, source, SaveOptions.defaults());
                  }
                }));
      }
      for (Future<SaveResult> copy : done) {
        assertThat(copy.get().bytes()).isEqualTo(payload.length);
      }
      for (int i = 0; i < copies; i++) {
        assertThat(store.loadBytes("copy-" + i)).isEqualTo(payload);
      }
    } finally {
      callers.shutdownNow();
    }
  }
}
