package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.testing.TestRedis;
import io.redframe.testing.TokenCodec;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Waiting for a frame, or its next version, published by another store. */
class AwaitIT {
  @Test
  void aWaiterWakesUpOnThePublishOfAnotherStore() throws Exception {
    try (FrameStore writer = TestRedis.store();
        FrameStore reader =
            FrameStore.builder().url(TestRedis.url()).prefix(writer.config().prefix()).build()) {
      CompletableFuture<Optional<Manifest>> first =
          CompletableFuture.supplyAsync(() -> reader.awaitFrame("jobs", Duration.ofSeconds(30)));
      writer.save("jobs", TokenCodec.encoder("a", 1, 8));
      assertThat(first.get()).hasValueSatisfying(m -> assertThat(m.version()).isEqualTo(1));

      CompletableFuture<Optional<Manifest>> next =
          CompletableFuture.supplyAsync(
              () -> reader.awaitVersion("jobs", 1, Duration.ofSeconds(30)));
      writer.save("jobs", TokenCodec.encoder("b", 1, 8));
      assertThat(next.get()).hasValueSatisfying(m -> assertThat(m.version()).isEqualTo(2));
    }
  }

  @Test
  void anExistingNewerVersionReturnsAtOnceAndNoneTimesOut() {
    try (FrameStore store = TestRedis.store(b -> b.timeout(Duration.ofMillis(400)))) {
      store.save("f", TokenCodec.encoder("a", 1, 8));

      assertThat(store.awaitVersion("f", 0, Duration.ZERO)).isPresent();
      long start = System.nanoTime();
      assertThat(store.awaitVersion("f", 1, Duration.ofMillis(900))).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(900));
      assertThat(store.awaitFrame("never", Duration.ofMillis(200))).isEmpty();
    }
  }
}
