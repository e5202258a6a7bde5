package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.internal.codec.BytesCodec;
import io.redframe.testing.TestRedis;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Chunks are sent by the store's I/O task while the encoder goes on, but progress is reported on
 * the caller's thread, never backwards, and ends at the whole save.
 */
class ProgressIT {
  private record Call(String thread, long bytes) {}

  @Test
  void saveProgressComesOnTheSavingThreadAndReachesTheEnd() throws Exception {
    byte[] payload = new byte[6 << 20];
    new Random(9).nextBytes(payload);
    List<Call> saves = new CopyOnWriteArrayList<>();
    List<Call> loads = new CopyOnWriteArrayList<>();
    String caller = Thread.currentThread().getName();
    try (FrameStore store =
        TestRedis.store(b -> b.chunkSize(64 * 1024).pipelineWindow(256 * 1024))) {
      SaveResult saved =
          store.saveBytes(
              "blob",
              new ByteArrayInputStream(payload),
              SaveOptions.defaults()
                  .progress(bytes -> saves.add(new Call(Thread.currentThread().getName(), bytes))));
      byte[] loaded;
      try (InputStream in =
          store.load(
              "blob",
              OptionalLong.empty(),
              BytesCodec.streamDecoder(),
              bytes -> loads.add(new Call(Thread.currentThread().getName(), bytes)))) {
        loaded = in.readAllBytes();
      }

      assertThat(loaded).isEqualTo(payload);
      assertThat(saves).hasSizeGreaterThan(5).allMatch(call -> call.thread().equals(caller));
      assertThat(saves).extracting(Call::bytes).isSorted();
      assertThat(saves.get(saves.size() - 1).bytes())
          .isGreaterThan(saved.bytes()); // the chunks, then the manifest
      assertThat(loads).hasSizeGreaterThan(5).allMatch(call -> call.thread().equals(caller));
      assertThat(loads).extracting(Call::bytes).isSorted();
      assertThat(loads.get(loads.size() - 1).bytes()).isEqualTo(saved.bytes());
    }
  }
}
