package io.redframe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.FrameStore;
import io.redframe.Manifest;
import io.redframe.cli.RedframeJar.Result;
import io.redframe.testing.TestRedis;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/** Input files are read with bounded, checked lengths; output files are all or nothing. */
class FilesIT {
  @TempDir Path dir;

  private static Path data(String file) throws URISyntaxException {
    return Path.of(FilesIT.class.getResource("/data/" + file).toURI());
  }

  @Test
  void aTinyStreamDeclaringATwoGigabyteMessageIsRefusedWithoutAllocating() throws Exception {
    Path evil = dir.resolve("evil.arrows");
    Files.write(
        evil,
        ByteBuffer.allocate(76)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putInt(0xFFFFFFFF)
            .putInt(0x7FFFFFF0)
            .array());

    Result put = RedframeJar.fresh("-Xmx64m").run("put", evil.toString());

    assertThat(put.exit()).isEqualTo(1);
    assertThat(put.err().strip())
        .isEqualTo(
            "redframe: "
                + evil
                + " is not an Arrow IPC file or stream: the message at byte 0 declares"
                + " 2,147,483,632 bytes of metadata, but 68 bytes follow");
  }

  @Test
  void filesThatAreNotArrowSayWhatTheyAreNot() throws Exception {
    RedframeJar redframe = RedframeJar.fresh();
    Path arrow = dir.resolve("w.arrow");
    assertThat(redframe.run("put", data("seattle-weather.csv").toString()).exit()).isZero();
    assertThat(redframe.run("get", "seattle-weather", "--out", arrow.toString()).exit()).isZero();
    byte[] bytes = Files.readAllBytes(arrow);
    Path truncated = write("truncated.arrow", Arrays.copyOf(bytes, bytes.length / 2));
    Path truncatedStream =
        write("truncated.arrows", Arrays.copyOfRange(bytes, 8, bytes.length / 2));
    Path zip = write("zip.arrow", "PK\u0003\u0004 a zip".getBytes(StandardCharsets.ISO_8859_1));
    Path parquet = write("p.arrow", "PAR1 and then PAR1".getBytes(StandardCharsets.US_ASCII));
    Path random =
        write("random.feather", "not arrow at all, just text".getBytes(StandardCharsets.US_ASCII));

    assertThat(redframe.run("put", truncated.toString()).err())
        .startsWith("redframe: " + truncated + " is not a complete Arrow IPC file (")
        .contains("was it truncated?");
    assertThat(redframe.run("put", truncatedStream.toString()).err())
        .contains(truncatedStream + " is not a valid Arrow IPC stream: the message at byte ")
        .contains("bytes follow");
    assertThat(redframe.run("put", zip.toString()).err().strip())
        .isEqualTo("redframe: " + zip + " is a zip archive, not an Arrow IPC file or stream");
    assertThat(redframe.run("put", parquet.toString()).err())
        .startsWith("redframe: " + parquet + " is a Parquet file");
    assertThat(redframe.run("put", random.toString()).err())
        .startsWith("redframe: " + random + " is not an Arrow IPC file or stream: the message");
    assertThat(redframe.run("ls").out().lines().count()).isEqualTo(2); // header, seattle-weather
  }

  @Test
  void anArrowFileWithADictionaryIndexOutsideItsDictionaryIsRefusedNamingFileColumnAndRow()
      throws Exception {
    Path file = dir.resolve("cities.arrows");
    org.apache.arrow.vector.types.pojo.DictionaryEncoding encoding =
        new org.apache.arrow.vector.types.pojo.DictionaryEncoding(0, false, null);
    try (org.apache.arrow.memory.BufferAllocator allocator =
            new org.apache.arrow.memory.RootAllocator(1 << 20);
        org.apache.arrow.vector.VarCharVector words =
            new org.apache.arrow.vector.VarCharVector("words", allocator);
        org.apache.arrow.vector.IntVector keys =
            new org.apache.arrow.vector.IntVector(
                "city",
                new org.apache.arrow.vector.types.pojo.FieldType(
                    true, new org.apache.arrow.vector.types.pojo.ArrowType.Int(32, true), encoding),
                allocator)) {
      words.allocateNew(2);
      words.setSafe(0, "Oslo".getBytes(StandardCharsets.UTF_8));
      words.setSafe(1, "Lima".getBytes(StandardCharsets.UTF_8));
      words.setValueCount(2);
      keys.allocateNew(4);
      keys.set(0, 0);
      keys.set(1, 1);
      keys.set(2, 7); // no such entry
      keys.set(3, 0);
      keys.setValueCount(4);
      org.apache.arrow.vector.dictionary.DictionaryProvider.MapDictionaryProvider dictionaries =
          new org.apache.arrow.vector.dictionary.DictionaryProvider.MapDictionaryProvider();
      dictionaries.put(new org.apache.arrow.vector.dictionary.Dictionary(words, encoding));
      try (org.apache.arrow.vector.VectorSchemaRoot root =
              org.apache.arrow.vector.VectorSchemaRoot.of(keys);
          java.io.OutputStream out = Files.newOutputStream(file);
          org.apache.arrow.vector.ipc.ArrowStreamWriter writer =
              new org.apache.arrow.vector.ipc.ArrowStreamWriter(root, dictionaries, out)) {
        writer.start();
        writer.writeBatch();
        writer.end();
      }
    }
    RedframeJar redframe = RedframeJar.fresh();

    Result put = redframe.run("put", file.toString());

    assertThat(put.exit()).isEqualTo(1);
    assertThat(put.err().strip())
        .isEqualTo(
            "redframe: "
                + file
                + ": Column 'city' row 2 holds dictionary index 7, outside its dictionary (id 0)"
                + " of 2 entries");
    Result asJson = redframe.run("put", file.toString(), "--format", "json");
    assertThat(asJson.exit()).isEqualTo(1);
    assertThat(asJson.err().strip())
        .isEqualTo(
            "redframe: "
                + file
                + ": Column 'city' row 2 holds dictionary index 7, outside its dictionary of 2"
                + " entries");
    assertThat(redframe.run("ls").out().lines().count()).isEqualTo(1); // the header alone
  }

  private Path write(String name, byte[] bytes) throws Exception {
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void aFailedGetLeavesTheExistingFileUntouched() throws Exception {
    RedframeJar redframe = RedframeJar.fresh();
    assertThat(redframe.run("put", data("seattle-weather.csv").toString(), "--name", "w").exit())
        .isZero();
    corruptAChunk("w", redframe.url());
    for (String name : List.of("mine.arrow", "mine.csv", "mine.json")) {
      Path mine = Files.writeString(dir.resolve(name), "the user's own data");

      Result get = redframe.run("get", "w", "--out", mine.toString());

      assertThat(get.exit()).isEqualTo(1);
      assertThat(get.err()).startsWith("redframe: ").contains("frame 'w' version 1");
      assertThat(Files.readString(mine)).isEqualTo("the user's own data");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("mine.arrow", "mine.csv", "mine.json");
    }
  }

  @Test
  void aSuccessfulGetReplacesTheFile() throws Exception {
    RedframeJar redframe = RedframeJar.fresh();
    redframe.run("put", data("stocks.csv").toString(), "--name", "s");
    Path mine = Files.writeString(dir.resolve("s.csv"), "old");

    Result get = redframe.run("get", "s", "--out", mine.toString());

    assertThat(get.exit()).as(get.err()).isZero();
    assertThat(Files.readAllLines(mine)).hasSize(561).first().isEqualTo("symbol,date,price");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).hasSize(1);
    }
  }

  private static void corruptAChunk(String name, String url) {
    try (FrameStore store = FrameStore.open(url)) {
      Manifest manifest = store.manifest(name);
      byte[] key = TestRedis.versionKey(store, name, manifest.version());
      byte[] field = manifest.chunks().get(0).field().getBytes(StandardCharsets.UTF_8);
      UnifiedJedis redis = TestRedis.client();
      byte[] chunk = redis.hget(key, field);
      chunk[chunk.length / 2] ^= 0x5A;
      redis.hset(key, field, chunk);
    }
  }
}
