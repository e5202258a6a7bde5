package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.internal.store.KeyLayout;
import io.redframe.internal.store.Script;
import io.redframe.spi.ChunkSink;
import io.redframe.spi.CodecId;
import io.redframe.spi.EncodedFrame;
import io.redframe.spi.FrameEncoder;
import io.redframe.testing.TestRedis;
import io.redframe.testing.TokenCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** TTLs, retention and the expiry of abandoned writes, observed on the real server's keys. */
class ExpiryIT {
  private FrameStore store;
  private UnifiedJedis raw;

  @BeforeEach
  void open() {
    store =
        TestRedis.store(
            b -> b.pendingTtl(Duration.ofSeconds(2)).gracePeriod(Duration.ofSeconds(30)));
    raw = TestRedis.client();
  }

  @AfterEach
  void close() {
    raw.close();
    store.close();
  }

  private Set<String> keys() {
    return raw.keys(store.config().prefix() + ":*");
  }

  @Test
  void aTtlExpiresHeadManifestAndChunksTogether() {
    store.save(
        "temp",
        TokenCodec.encoder("a", 3, 100),
        SaveOptions.defaults().ttl(Duration.ofMillis(1500)));
    store.save(
        "temp",
        TokenCodec.encoder("b", 3, 100),
        SaveOptions.defaults().ttl(Duration.ofMillis(1500)));
    String base = store.config().prefix() + ":{temp}:";

    for (String key : List.of("head", "versions", "events", "v:2")) {
      assertThat(raw.pttl(base + key)).as(key).isBetween(1L, 1500L);
    }
    assertThat(raw.pttl(base + "v:1")).as("superseded v:1").isBetween(1L, 1500L);
    assertThat(store.list()).extracting(FrameInfo::name).containsExactly("temp");
    assertThat(store.list().get(0).timeToLive()).isPresent();

    TestRedis.await(
        "the frame to expire", Duration.ofSeconds(10), () -> !raw.exists(base + "head"));
    assertThat(keys()).containsExactly(store.config().prefix() + ":catalog");
    assertThatThrownBy(() -> store.manifest("temp")).isInstanceOf(FrameNotFoundException.class);
    assertThat(store.list()).isEmpty();
    assertThat(keys()).as("the stale catalog entry is pruned").isEmpty();
  }

  @Test
  void aSaveWithoutTtlMakesTheFramePermanentAgain() {
    store.save(
        "f", TokenCodec.encoder("a", 1, 10), SaveOptions.defaults().ttl(Duration.ofMinutes(5)));
    store.save("f", TokenCodec.encoder("b", 1, 10));
    String base = store.config().prefix() + ":{f}:";

    assertThat(raw.pttl(base + "head")).isEqualTo(-1);
    assertThat(raw.pttl(base + "v:2")).isEqualTo(-1);
  }

  @Test
  void supersededVersionsStayReadableForTheGracePeriodOrTheKeptCount() {
    try (FrameStore keeping =
        TestRedis.store(b -> b.keepVersions(2).gracePeriod(Duration.ofSeconds(20)))) {
      for (int i = 1; i <= 4; i++) {
        keeping.save("f", TokenCodec.encoder("t" + i, 2, 64));
      }
      List<VersionInfo> versions = keeping.versions("f");

      assertThat(versions).extracting(VersionInfo::version).containsExactly(1L, 2L, 3L, 4L);
      assertThat(versions.get(3).current()).isTrue();
      assertThat(versions.get(3).timeToLive()).isEmpty();
      assertThat(versions.get(2).timeToLive()).as("kept: no expiry").isEmpty();
      assertThat(versions.get(1).timeToLive())
          .hasValueSatisfying(
              t -> assertThat(t).isBetween(Duration.ofMillis(1), Duration.ofSeconds(20)));
      assertThat(keeping.load("f", java.util.OptionalLong.of(2), TokenCodec.decoder()))
          .containsOnly("t2");
    }
    try (FrameStore noGrace = TestRedis.store(b -> b.gracePeriod(Duration.ZERO))) {
      noGrace.save("g", TokenCodec.encoder("one", 1, 8));
      noGrace.save("g", TokenCodec.encoder("two", 1, 8));

      assertThat(noGrace.versions("g")).extracting(VersionInfo::version).containsExactly(2L);
      assertThatThrownBy(() -> noGrace.manifest("g", java.util.OptionalLong.of(1)))
          .isInstanceOf(FrameNotFoundException.class)
          .hasMessageContaining("no readable version 1; readable versions: 2");
    }
  }

  /** An encoder that fails half-way: nothing becomes visible and the pending key is removed. */
  @Test
  void aWriteAbandonedHalfWayLeavesNothingVisible() throws Exception {
    store.save("f", TokenCodec.encoder("old", 2, 64));
    Set<String> before = keys();
    CountDownLatch halfWay = new CountDownLatch(1);
    CountDownLatch fail = new CountDownLatch(1);
    FrameEncoder dying =
        new FrameEncoder() {
          @Override
          public CodecId codec() {
            return TokenCodec.CODEC;
          }

          @Override
          public EncodedFrame encode(ChunkSink sink) throws IOException {
            for (int i = 0; i < 3; i++) {
              sink.write(i, 1, List.of(), TokenCodec.fill("new", 64));
            }
            halfWay.countDown();
            try {
              fail.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new IOException("source file vanished");
          }
        };
    CompletableFuture<SaveResult> save =
        CompletableFuture.supplyAsync(() -> store.save("f", dying));
    assertThat(halfWay.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(store.load("f", TokenCodec.decoder())).containsOnly("old");
    assertThat(store.versions("f")).extracting(VersionInfo::version).containsExactly(1L);
    fail.countDown();
    assertThat(save)
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableThat()
        .havingRootCause()
        .withMessage("source file vanished");
    assertThat(keys()).isEqualTo(before);
    assertThat(store.load("f", TokenCodec.decoder())).containsOnly("old");
  }

  /** A writer that dies (no exception, no cleanup): its pending keys expire by themselves. */
  @Test
  void aCrashedWritersPendingVersionExpires() {
    store.save("f", TokenCodec.encoder("old", 2, 64));
    KeyLayout keys = new KeyLayout(store.config().prefix());
    // Do what a writer does up to the crash: allocate a version, write chunks, never publish.
    List<?> allocated =
        Script.ALLOC.run(
            raw,
            List.of(keys.head("f"), keys.version("f", 2)),
            List.of(
                keys.versionBase("f"),
                KeyLayout.bytes("2000"),
                new byte[0],
                KeyLayout.bytes("test"),
                new byte[0],
                KeyLayout.bytes("2")));
    long version = Script.longAt(allocated, 1);
    byte[] pending = keys.version("f", version);
    raw.hset(pending, KeyLayout.bytes("c:0"), TokenCodec.fill("new", 64));

    assertThat(version).isEqualTo(2);
    assertThat(raw.pttl(pending)).isBetween(1L, 2000L);
    assertThat(store.manifest("f").version()).isEqualTo(1);
    assertThatThrownBy(() -> store.manifest("f", java.util.OptionalLong.of(2)))
        .isInstanceOf(FrameNotFoundException.class);
    TestRedis.await(
        "the pending version to expire", Duration.ofSeconds(10), () -> !raw.exists(pending));
    assertThat(store.load("f", TokenCodec.decoder())).containsOnly("old");
    assertThat(store.save("f", TokenCodec.encoder("next", 1, 8)).version()).isEqualTo(3);
  }

  @Test
  void deleteUnlinksEveryKeyOfTheFrame() {
    store.save("f", TokenCodec.encoder("a", 3, 64));
    store.save("f", TokenCodec.encoder("b", 3, 64));
    store.save("other", TokenCodec.encoder("c", 1, 8));

    assertThat(store.delete("f")).isTrue();
    assertThat(store.delete("f")).isFalse();
    assertThat(keys()).noneMatch(k -> k.contains("{f}"));
    assertThat(store.list()).extracting(FrameInfo::name).containsExactly("other");
    assertThat(store.versions("f")).isEmpty();
  }
}
