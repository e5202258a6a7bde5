package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.testing.TestRedis;
import io.redframe.testing.TestServer;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A load fetches ahead of its caller, in windows of an eighth of {@code pipelineWindow}, without
 * waiting for the caller to take them, and never more than about 1.125 {@code pipelineWindow} of
 * chunks ahead; every chunk's stored length is checked exactly once, before its bytes are read. The
 * commands are counted by Redis itself ({@code INFO commandstats}) on a server of its own.
 */
class FetchAheadIT {
  private static final int CHUNK = 4096;
  private static final int WINDOW = 64 * 1024;
  private static final int CHUNKS = 100;

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestRedis.startServer(List.of("appendonly no"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A store cutting frames into chunks of {@code CHUNK} bytes, windows of {@code WINDOW}. */
  private static FrameStore store() {
    return FrameStore.builder()
        .url(server.url())
        .prefix(TestRedis.freshPrefix())
        .chunkSize(CHUNK)
        .pipelineWindow(WINDOW)
        .build();
  }

  /** {@code CHUNKS} chunks of random bytes. */
  private static byte[] payload(long seed) {
    byte[] payload = new byte[CHUNKS * CHUNK];
    new Random(seed).nextBytes(payload);
    return payload;
  }

  /** How many times Redis ran {@code command} since the last reset. */
  private static long calls(Jedis jedis, String command) {
    for (String line : jedis.info("commandstats").lines().toList()) {
      if (line.startsWith("cmdstat_" + command + ":")) {
        String calls = line.substring(line.indexOf("calls=") + "calls=".length());
        return Long.parseLong(calls.substring(0, calls.indexOf(',')));
      }
    }
    return 0;
  }

  @Test
  void fetchesAheadOfTheCallerWithinABoundAndChecksEachLengthOnce() throws Exception {
    byte[] payload = payload(16);
    try (FrameStore store = store();
        Jedis jedis = server.jedis()) {
      store.saveBytes("blob", payload);
      jedis.configResetStat();
      long before = 1; // the resolve script's HGET of the head's current version

      try (InputStream in = store.openBytes("blob")) {
        assertThat(in.read()).isEqualTo(payload[0] & 0xff);
        long aheadChunks = 8L * (WINDOW / 8) / CHUNK; // eight windows of two chunks
        TestRedis.await(
            "the load to fetch eight windows ahead",
            Duration.ofSeconds(10),
            () -> calls(jedis, "hget") - before >= aheadChunks);
        // the caller holds one window and took nothing more: the fetch must stop at eight ahead
        LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
        long heldChunks = aheadChunks + (WINDOW / 8) / CHUNK;
        assertThat(calls(jedis, "hget") - before)
            .as("chunks fetched while the caller holds its first window")
            .isBetween(aheadChunks, heldChunks);
        assertThat(calls(jedis, "hget") - before).isLessThan(CHUNKS);

        byte[] rest = in.readAllBytes();
        assertThat(rest.length).isEqualTo(payload.length - 1);
        for (int i = 0; i < rest.length; i++) {
          if (rest[i] != payload[i + 1]) {
            throw new AssertionError("byte " + (i + 1) + " differs");
          }
        }
      }
      // each chunk's length once, and the manifest's (by the resolve script)
      assertThat(calls(jedis, "hstrlen")).as("length checks").isEqualTo(CHUNKS + 1L);
      assertThat(calls(jedis, "hget") - before).as("chunks read").isEqualTo(CHUNKS);
    }
  }

  @Test
  void closingEarlyStopsTheFetch() throws Exception {
    byte[] payload = payload(17);
    try (FrameStore store = store();
        Jedis jedis = server.jedis()) {
      store.saveBytes("blob", payload);
      jedis.configResetStat();
      try (InputStream in = store.openBytes("blob")) {
        assertThat(in.read()).isEqualTo(payload[0] & 0xff);
      }
      LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
      long fetched = calls(jedis, "hget");
      assertThat(fetched).as("chunks fetched before and after close").isLessThan(CHUNKS / 2);
      // a later load of the same version reads everything again, exactly
      assertThat(store.loadBytes("blob")).isEqualTo(payload);
    }
  }
}
