package io.redframe;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.spi.Checksums;
import io.redframe.testing.TestRedis;
import io.redframe.testing.TokenCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** Tampered bytes in Redis are detected and named; no wrong data is ever returned. */
class CorruptionIT {
  private FrameStore store;
  private UnifiedJedis raw;
  private byte[] key;

  @BeforeEach
  void open() {
    store = TestRedis.store();
    raw = TestRedis.client();
    store.save("f", TokenCodec.encoder("good", 4, 1000));
    key = TestRedis.versionKey(store, "f", 1);
  }

  @AfterEach
  void close() {
    raw.close();
    store.close();
  }

  private byte[] field(String name) {
    return raw.hget(key, name.getBytes(StandardCharsets.UTF_8));
  }

  private void put(String name, byte[] value) {
    raw.hset(key, name.getBytes(StandardCharsets.UTF_8), value);
  }

  @Test
  void aFlippedByteInAChunkIsReportedAsCorruptionNamingTheChunk() {
    byte[] chunk = field("c:2");
    chunk[500] ^= 0x01;
    put("c:2", chunk);

    assertThatThrownBy(() -> store.load("f", TokenCodec.decoder()))
        .isInstanceOf(CorruptFrameException.class)
        .hasMessageContaining("chunk c:2 of frame 'f' version 1")
        .hasMessageContaining("CRC-32C");
  }

  @Test
  void aTruncatedOrMissingChunkIsReported() {
    put("c:1", new byte[10]);
    assertThatThrownBy(() -> store.load("f", TokenCodec.decoder()))
        .isInstanceOf(CorruptFrameException.class)
        .hasMessageContaining("chunk c:1")
        .hasMessageContaining("10 bytes stored, manifest says 1000");

    raw.hdel(key, "c:1".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> store.load("f", TokenCodec.decoder()))
        .isInstanceOf(FrameNotFoundException.class)
        .hasMessageContaining("chunk c:1 of frame 'f' version 1 is missing");
  }

  @Test
  void aFlippedByteInTheManifestIsReported() {
    byte[] manifest = field("manifest");
    manifest[manifest.length / 2] ^= 0x04;
    put("manifest", manifest);

    assertThatThrownBy(() -> store.manifest("f"))
        .isInstanceOf(CorruptFrameException.class)
        .hasMessageContaining("Corrupt manifest of frame 'f' version 1")
        .hasMessageContaining("CRC-32C");
  }

  /** Someone rewrote the manifest and its checksum: the content is still checked. */
  @Test
  void aHostileManifestWithAValidChecksumIsRejectedBeforeAllocating() {
    String json = new String(field("manifest"), StandardCharsets.UTF_8);
    assertHostile(
        json.replace("\"bytes\" : 1000", "\"bytes\" : 99999999999"),
        LimitExceededException.class,
        "maxChunkBytes");
    assertHostile(
        json.replace("\"field\" : \"c:1\"", "\"field\" : \"../x\""),
        CorruptFrameException.class,
        "bad field name");
    assertHostile(
        json.replace("\"layout\" : 1", "\"layout\" : 9"), CorruptFrameException.class, "layout 9");
    assertHostile("{\"layout\": [[[[", CorruptFrameException.class, "not a valid manifest");
    assertHostile(
        json.replace("\"name\" : \"f\"", "\"name\" : \"g\""),
        CorruptFrameException.class,
        "describes frame 'g'");
  }

  private void assertHostile(String manifest, Class<? extends Exception> type, String message) {
    byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
    put("manifest", bytes);
    put("manifest.crc32c", Checksums.crc32c(bytes).getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> store.load("f", TokenCodec.decoder()))
        .isInstanceOf(type)
        .hasMessageContaining(message);
  }

  @Test
  void aManifestOverTheReadLimitIsRefusedBeforeItIsFetched() {
    try (FrameStore strict =
        FrameStore.builder()
            .url(TestRedis.url())
            .prefix(store.config().prefix())
            .option(StoreOption.MAX_MANIFEST_BYTES, "1KiB")
            .build()) {
      put("manifest", new byte[5000]);

      assertThatThrownBy(() -> strict.manifest("f"))
          .isInstanceOf(LimitExceededException.class)
          .hasMessageContaining("(5000) exceeds the maximum (1024, set by maxManifestBytes)");
    }
  }

  @Test
  void aCorruptCatalogEntryNamesTheFrame() {
    raw.hset(store.config().prefix() + ":catalog", Map.of("f", "{not json"));

    assertThatThrownBy(() -> store.list())
        .isInstanceOf(CorruptFrameException.class)
        .hasMessageContaining("catalog entry of frame 'f'");
  }
}
