package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.spi.ChunkSink;
import io.redframe.spi.CodecId;
import io.redframe.spi.EncodedFrame;
import io.redframe.spi.FrameEncoder;
import io.redframe.testing.TestRedis;
import io.redframe.testing.TokenCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

class CompareAndSetIT {
  private FrameStore store;

  @BeforeEach
  void open() {
    store = TestRedis.store();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void ifVersionZeroCreatesOnlyWhenAbsent() {
    store.saveObject("cfg", Map.of("v", 1), ObjectFormat.JSON, SaveOptions.defaults().ifVersion(0));

    assertThatThrownBy(
            () ->
                store.saveObject(
                    "cfg", Map.of("v", 2), ObjectFormat.JSON, SaveOptions.defaults().ifVersion(0)))
        .isInstanceOfSatisfying(
            VersionConflictException.class,
            e -> {
              assertThat(e.expectedVersion()).isZero();
              assertThat(e.actualVersion()).isEqualTo(1);
            })
        .hasMessageContaining("'cfg'")
        .hasMessageContaining("nothing was changed");
    Map<?, ?> current = store.loadObject("cfg", Map.class);
    assertThat(current).isEqualTo(Map.of("v", 1));
  }

  @Test
  void aConflictIsReportedAndChangesNothing() {
    store.saveObject("cfg", Map.of("v", 1));
    store.saveObject("cfg", Map.of("v", 2), ObjectFormat.JSON, SaveOptions.defaults().ifVersion(1));
    Set<String> keysBefore = keys();

    assertThatThrownBy(
            () ->
                store.saveObject(
                    "cfg", Map.of("v", 3), ObjectFormat.JSON, SaveOptions.defaults().ifVersion(1)))
        .isInstanceOf(VersionConflictException.class)
        .hasMessageContaining("expected current version 1 but it is 2");

    assertThat(store.manifest("cfg").version()).isEqualTo(2);
    Map<?, ?> current = store.loadObject("cfg", Map.class);
    assertThat(current).isEqualTo(Map.of("v", 2));
    assertThat(keys()).isEqualTo(keysBefore);
  }

  /**
   * The check that counts is the one inside the publish script: a save that lost the race. Its
   * first chunk is over the small-save limit, so it allocates its version (2) before it waits.
   */
  @Test
  void aConflictAtPublishRemovesTheWrittenVersion() throws Exception {
    store.save("frame", TokenCodec.encoder("first", 2, 100));
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    FrameEncoder slow =
        new FrameEncoder() {
          @Override
          public CodecId codec() {
            return TokenCodec.CODEC;
          }

          @Override
          public EncodedFrame encode(ChunkSink sink) throws IOException {
            sink.write(0, 1, List.of(), TokenCodec.fill("slow", 3 << 20));
            written.countDown();
            try {
              proceed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            sink.write(1, 1, List.of(), TokenCodec.fill("slow", 100));
            return new EncodedFrame(2, List.of(), "none", null);
          }
        };
    CompletableFuture<SaveResult> racing =
        CompletableFuture.supplyAsync(
            () -> store.save("frame", slow, SaveOptions.defaults().ifVersion(1)));
    assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
    store.save("frame", TokenCodec.encoder("winner", 2, 100), SaveOptions.defaults().ifVersion(1));
    proceed.countDown();

    assertThat(racing)
        .failsWithin(java.time.Duration.ofSeconds(30))
        .withThrowableThat()
        .havingRootCause()
        .isInstanceOf(VersionConflictException.class);
    assertThat(store.load("frame", TokenCodec.decoder())).containsOnly("winner");
    try (UnifiedJedis raw = TestRedis.client()) {
      String loser = store.config().prefix() + ":{frame}:v:2";
      assertThat(raw.exists(loser)).as("the losing write's version key").isFalse();
    }
  }

  private Set<String> keys() {
    try (UnifiedJedis raw = TestRedis.client()) {
      return raw.keys(store.config().prefix() + ":*");
    }
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
