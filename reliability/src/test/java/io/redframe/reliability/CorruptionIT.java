package io.redframe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.ChunkEntry;
import io.redframe.CorruptFrameException;
import io.redframe.FrameStore;
import io.redframe.FrameStoreException;
import io.redframe.LimitExceededException;
import io.redframe.Manifest;
import io.redframe.arrow.ArrayFormat;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowFrames;
import io.redframe.arrow.NdArray;
import io.redframe.arrow.NumericArrays;
import io.redframe.spi.Checksums;
import io.redframe.tablesaw.TableFormat;
import io.redframe.tablesaw.TablesawFrames;
import io.redframe.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Random bytes flipped in stored chunks and manifests, thousands of times: every flip detected and
 * reported with frame, version and chunk, never wrong data. Then the checksums are bypassed (the
 * manifest rewritten to match the flipped bytes) so each decoder itself meets hostile bytes: it
 * must reject them with the documented exceptions, or return data that passes its own checks.
 */
class CorruptionIT {
  private BufferAllocator allocator;
  private FrameStore store;
  private RedisClient raw;

  @BeforeEach
  void open() {
    allocator = new RootAllocator(2L << 30);
    store = TestRedis.store(b -> b.chunkSize(8192));
    raw = TestRedis.client();
  }

  @AfterEach
  void close() {
    raw.close();
    store.close();
    allocator.close();
  }

  private byte[] key(String name) {
    return TestRedis.versionKey(store, name, store.manifest(name).version());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Saves one frame of each codec; returns a loader per frame that reads everything. */
  private Map<String, Consumer<String>> frames() {
    try (VectorSchemaRoot root = Generations.frame(allocator, 42)) {
      ArrowFrames.of(store).compression(ArrowCompression.ZSTD).save("arrow", root);
      ArrowFrames.of(store).save("arrow-plain", root);
    }
    Table table =
        Table.create(
            "t",
            DoubleColumn.create("x", new double[] {1.5, 2.5, Double.NaN}),
            StringColumn.create("s", "a", "", "c"));
    for (int i = 0; i < 8; i++) {
      table.append(table);
    }
    TablesawFrames.of(store, allocator).format(TableFormat.JSON).save("json-table", table);
    NumericArrays.of(store, allocator).save("raw", NdArray.of(new long[5000]));
    NumericArrays.of(store, allocator)
        .format(ArrayFormat.JSON)
        .save("json-array", NdArray.of(new double[3000], NdArray.Order.F, 1000, 3));
    store.saveObject(
        "object", Map.of("numbers", new ArrayList<>(java.util.Collections.nCopies(3000, 12345))));
    return Map.of(
        "arrow", this::readArrow,
        "arrow-plain", this::readArrow,
        "json-table", name -> TablesawFrames.of(store, allocator).load(name),
        "raw", name -> NumericArrays.of(store, allocator).load(name),
        "json-array", name -> NumericArrays.of(store, allocator).load(name),
        "object", name -> store.loadObject(name, Map.class));
  }

  private void readArrow(String name) {
    try (ArrowReader reader = ArrowFrames.of(store).load(name, allocator)) {
      if (Generations.check(reader, 0, true) != 42) {
        throw new AssertionError("wrong data returned");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void everyFlippedByteIsDetectedAndNamed() {
    Map<String, Consumer<String>> frames = frames();
    Random random = new Random(11);
    int trials = Sized.trials(2000, 30000);
    int detected = 0;
    for (int trial = 0; trial < trials; trial++) {
      String name = List.copyOf(frames.keySet()).get(random.nextInt(frames.size()));
      Manifest manifest = store.manifest(name);
      byte[] key = key(name);
      boolean inManifest = random.nextInt(5) == 0;
      String field =
          inManifest
              ? "manifest"
              : manifest.chunks().get(random.nextInt(manifest.chunks().size())).field();
      byte[] original = raw.hget(key, bytes(field));
      byte[] flipped = original.clone();
      flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
      raw.hset(key, bytes(field), flipped);
      try {
        frames.get(name).accept(name);
        throw new AssertionError(name + ": a flipped byte in " + field + " went unnoticed");
      } catch (CorruptFrameException e) {
        assertThat(e.getMessage()).contains("frame '" + name + "' version " + manifest.version());
        assertThat(e.getMessage()).contains(inManifest ? "manifest" : "chunk " + field);
        detected++;
      } finally {
        raw.hset(key, bytes(field), original);
      }
    }
    System.out.println("corruption trials: " + trials + ", detected: " + detected);
    assertThat(detected).isEqualTo(trials);
  }

  /**
   * Mutations with the checksums rewritten to match: every decoder (Arrow, JSON table, raw, JSON
   * array, object) sees hostile bytes; only documented exceptions, never a hang or a crash.
   */
  @Test
  void decodersMeetMutatedBytesWithValidChecksums() {
    Map<String, Consumer<String>> frames = frames();
    Random random = new Random(13);
    int trials = Sized.trials(1500, 30000);
    int rejected = 0;
    int accepted = 0;
    for (int trial = 0; trial < trials; trial++) {
      String name = List.copyOf(frames.keySet()).get(random.nextInt(frames.size()));
      Manifest manifest = store.manifest(name);
      byte[] key = key(name);
      int index = random.nextInt(manifest.chunks().size());
      ChunkEntry chunk = manifest.chunks().get(index);
      byte[] original = raw.hget(key, bytes(chunk.field()));
      byte[] originalManifest = raw.hget(key, bytes("manifest"));
      byte[] originalCrc = raw.hget(key, bytes("manifest.crc32c"));
      byte[] mutated = original.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      }
      String json =
          new String(originalManifest, StandardCharsets.UTF_8)
              .replace(
                  "\"crc32c\" : \"" + chunk.crc32c() + "\"",
                  "\"crc32c\" : \"" + Checksums.crc32c(mutated) + "\"");
      byte[] newManifest = bytes(json);
      raw.hset(key, bytes(chunk.field()), mutated);
      raw.hset(key, bytes("manifest"), newManifest);
      raw.hset(key, bytes("manifest.crc32c"), bytes(Checksums.crc32c(newManifest)));
      Throwable seen = null;
      try {
        frames.get(name).accept(name);
        accepted++; // decoded and passed its own checks (a flipped digit, say)
      } catch (CorruptFrameException | LimitExceededException e) {
        seen = e;
        rejected++;
      } catch (IllegalStateException e) {
        seen = e;
        // Decoded, but the Arrow frame's cells no longer spell their generation: with the
        // checksum forged, a flipped byte inside a value is undetectable by design.
        accepted++;
      } catch (FrameStoreException e) {
        throw new AssertionError(name + ": undocumented failure " + e, e);
      } finally {
        raw.hset(key, bytes(chunk.field()), original);
        raw.hset(key, bytes("manifest"), originalManifest);
        raw.hset(key, bytes("manifest.crc32c"), originalCrc);
      }
    }
    System.out.println(
        "checksum-bypassing mutations: "
            + trials
            + ", rejected: "
            + rejected
            + ", decoded and self-consistent: "
            + accepted);
    assertThat(rejected + accepted).isEqualTo(trials);
  }
}
