package io.redframe.arrow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.ChunkEntry;
import io.redframe.CorruptFrameException;
import io.redframe.LimitExceededException;
import io.redframe.Manifest;
import io.redframe.arrow.NdArray;
import io.redframe.arrow.testing.MemorySink;
import io.redframe.arrow.testing.MemorySource;
import io.redframe.spi.Checksums;
import io.redframe.spi.EncodedFrame;
import io.redframe.spi.FrameEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random, mutated and hostile bytes into the raw and JSON array decoders. */
class ArrayDecodersTest {
  /** Encodes in memory and builds the manifest the store would. */
  private static Manifest encode(FrameEncoder encoder, MemorySink sink) throws IOException {
    EncodedFrame frame = encoder.encode(sink);
    List<ChunkEntry> entries = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < sink.chunks().size(); i++) {
      byte[] bytes = sink.chunks().get(i);
      entries.add(
          new ChunkEntry(
              "c:" + i,
              sink.firstRows().get(i),
              sink.rowCounts().get(i),
              List.of(),
              bytes.length,
              Checksums.crc32c(bytes)));
      total += bytes.length;
    }
    return new Manifest(
        1,
        "f",
        1,
        "",
        encoder.codec().id(),
        1,
        "none",
        frame.rows(),
        total,
        frame.columns(),
        entries,
        Instant.EPOCH,
        "test",
        Map.of(),
        frame.properties());
  }

  private static NdArray decodeJson(byte[] document) {
    List<byte[]> chunks = List.of(document);
    ChunkEntry entry =
        new ChunkEntry("c:0", 0, 0, List.of(), document.length, Checksums.crc32c(document));
    Manifest manifest =
        new Manifest(
            1,
            "f",
            1,
            "",
            "json-array",
            1,
            "none",
            0,
            document.length,
            List.of(),
            List.of(entry),
            Instant.EPOCH,
            "test",
            Map.of(),
            null);
    return JsonArrays.decode(
        manifest,
        new MemorySource(List.of(entry), chunks),
        0,
        Long.MAX_VALUE,
        1L << 30,
        "frame 'f' version 1");
  }

  @Property(tries = 1000)
  void randomJsonIsRejected(@ForAll @Size(max = 500) byte[] bytes) {
    assertThatThrownBy(() -> decodeJson(bytes))
        .isInstanceOfAny(CorruptFrameException.class, LimitExceededException.class)
        .hasMessageContaining("frame 'f' version 1");
  }

  @Property(tries = 2000)
  void mutatedJsonDecodesToTheShapeOrIsRejected(
      @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll byte value)
      throws IOException {
    MemorySink sink = new MemorySink(1 << 20);
    JsonArrays.encoder(NdArray.of(new double[] {1, 2, 3, 4, 5, 6}, NdArray.Order.F, 3, 2))
        .encode(sink);
    byte[] document = sink.chunks().get(0);
    document[position % document.length] = value;
    try {
      NdArray array = decodeJson(document);
      assertThat(array.size())
          .isEqualTo((int) java.util.Arrays.stream(array.shape()).reduce(1, (a, b) -> a * b));
    } catch (CorruptFrameException | LimitExceededException expected) {
      assertThat(expected.getMessage()).contains("frame 'f' version 1");
    }
  }

  @org.junit.jupiter.api.Test
  void hostileJsonShapesAndNestingAreRejectedBeforeAllocating() {
    String hungry = "{\"dtype\":\"<f8\",\"shape\":[200000000],\"order\":\"C\",\"data\":[]}";
    assertThatThrownBy(() -> decodeJson(hungry.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CorruptFrameException.class)
        .hasMessageContaining("a shape the document can hold");
    String huge = "{\"dtype\":\"<f8\",\"shape\":[3000000000,1000],\"order\":\"C\",\"data\":[]}";
    assertThatThrownBy(() -> decodeJson(huge.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("the largest Java array");
    String deep =
        "{\"dtype\":\"<f8\",\"shape\":[1],\"order\":\"C\",\"data\":"
            + "[".repeat(5000)
            + "]".repeat(5000)
            + "}";
    assertThatThrownBy(() -> decodeJson(deep.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CorruptFrameException.class);
    String wrongCount = "{\"dtype\":\"<i4\",\"shape\":[2],\"order\":\"C\",\"data\":[1,2,3]}";
    assertThatThrownBy(() -> decodeJson(wrongCount.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("at most 2 items at axis 0");
  }

  @Property(tries = 1000)
  void rawChunksOfRandomBytesDecodeOrAreRejected(
      @ForAll @Size(min = 1, max = 64) byte[] bytes, @ForAll boolean bools) throws IOException {
    NdArray array =
        bools ? NdArray.of(new boolean[bytes.length]) : NdArray.of(new byte[bytes.length]);
    MemorySink sink = new MemorySink(16);
    Manifest manifest = encode(RawArrays.encoder(array), sink);
    List<byte[]> hostile = new ArrayList<>();
    int offset = 0;
    for (byte[] chunk : sink.chunks()) {
      hostile.add(java.util.Arrays.copyOfRange(bytes, offset, offset + chunk.length));
      offset += chunk.length;
    }
    try {
      NdArray decoded =
          RawArrays.decode(
              manifest,
              new MemorySource(manifest.chunks(), hostile),
              0,
              Long.MAX_VALUE,
              1L << 30,
              "frame 'f' version 1");
      assertThat(decoded.size()).isEqualTo(bytes.length);
    } catch (CorruptFrameException expected) {
      assertThat(bools).isTrue();
      assertThat(expected).hasMessageContaining("neither 0 nor 1");
    }
  }

  @org.junit.jupiter.api.Test
  void rawShapesThatDisagreeWithTheBytesAreRejected() throws IOException {
    MemorySink sink = new MemorySink(1024);
    Manifest manifest = encode(RawArrays.encoder(NdArray.of(new long[] {1, 2, 3})), sink);
    Map<String, Object> properties = new java.util.HashMap<>(manifest.properties());
    properties.put("shape", List.of(4));
    Manifest lying =
        new Manifest(
            1,
            "f",
            1,
            "",
            "raw",
            1,
            "none",
            manifest.rows(),
            manifest.bytes(),
            manifest.columns(),
            manifest.chunks(),
            Instant.EPOCH,
            "test",
            Map.of(),
            properties);

    assertThatThrownBy(
            () ->
                RawArrays.decode(
                    lying,
                    new MemorySource(manifest.chunks(), sink.chunks()),
                    0,
                    10,
                    1L << 30,
                    "frame 'f' version 1"))
        .isInstanceOf(CorruptFrameException.class)
        .hasMessageContaining("shape [4] of <i8 needs 32");
  }
}
