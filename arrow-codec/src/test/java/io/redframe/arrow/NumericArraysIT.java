package io.redframe.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.ChunkEntry;
import io.redframe.CorruptFrameException;
import io.redframe.FrameStore;
import io.redframe.Manifest;
import io.redframe.testing.TestRedis;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.UnifiedJedis;

/** Numeric arrays: every dtype and format, N-d in both orders, slices, through a real Redis. */
class NumericArraysIT {
  private BufferAllocator allocator;
  private FrameStore store;

  @BeforeEach
  void open() {
    allocator = new RootAllocator(1L << 30);
    store = TestRedis.store(b -> b.chunkSize(4096).pipelineWindow(64 * 1024));
  }

  @AfterEach
  void close() {
    store.close();
    allocator.close();
  }

  static Object random(DType dtype, int n, long seed) {
    Random r = new Random(seed);
    Object array = Array.newInstance(dtype.arrayClass().getComponentType(), n);
    for (int i = 0; i < n; i++) {
      Object value =
          switch (dtype) {
            case FLOAT64 ->
                i % 97 == 5
                    ? Double.NaN
                    : i % 89 == 7 ? Double.NEGATIVE_INFINITY : r.nextGaussian();
            case FLOAT32 -> i % 97 == 5 ? Float.NaN : r.nextFloat();
            case INT64 -> r.nextLong();
            case INT32 -> r.nextInt();
            case INT16 -> (short) r.nextInt();
            case INT8 -> (byte) r.nextInt();
            case BOOL -> r.nextBoolean();
          };
      Array.set(array, i, value);
    }
    return array;
  }

  static List<Arguments> dtypesAndFormats() {
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : DType.values()) {
      for (ArrayFormat format : ArrayFormat.values()) {
        cases.add(Arguments.of(dtype, format));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("dtypesAndFormats")
  void oneDimensionalArraysRoundTrip(DType dtype, ArrayFormat format) {
    NumericArrays arrays =
        NumericArrays.of(store, allocator).format(format).compression(ArrowCompression.LZ4);
    for (int n : new int[] {0, 1, 20_000}) {
      NdArray array = NdArray.of(random(dtype, n, n));
      arrays.save("a" + n, array);

      assertThat(arrays.load("a" + n)).as("%d elements", n).isEqualTo(array);
      assertThat(arrays.formatOf("a" + n)).isEqualTo(format);
    }
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("dtypesAndFormats")
  void nDimensionalArraysInBothOrdersRoundTripAndSlice(DType dtype, ArrayFormat format) {
    NumericArrays arrays = NumericArrays.of(store, allocator).format(format);
    for (NdArray.Order order : NdArray.Order.values()) {
      long[] shape = {40, 7, 5};
      NdArray array = NdArray.of(random(dtype, 40 * 7 * 5, order.name().hashCode()), order, shape);
      arrays.save("m", array);

      assertThat(arrays.load("m")).isEqualTo(array);
      assertThat(arrays.load("m", 13, 29)).as("%s slice", order).isEqualTo(slice(array, 13, 29));
      assertThat(arrays.load("m", 39, 1000)).isEqualTo(slice(array, 39, 40));
      assertThat(arrays.load("m", 40, 40).shape()).containsExactly(0, 7, 5);
    }
  }

  /** Rows [from, to) of the first axis, computed element by element. */
  static NdArray slice(NdArray array, int from, int to) {
    long[] shape = array.shape();
    long[] sliced = shape.clone();
    sliced[0] = (long) to - from;
    int rest = (int) array.rowSize();
    Object out =
        Array.newInstance(array.dtype().arrayClass().getComponentType(), (to - from) * rest);
    for (int i = from; i < to; i++) {
      for (int j = 0; j < rest; j++) {
        int source = array.order() == NdArray.Order.C ? i * rest + j : i + (int) shape[0] * j;
        int target =
            array.order() == NdArray.Order.C ? (i - from) * rest + j : (i - from) + (to - from) * j;
        Array.set(out, target, Array.get(array.data(), source));
      }
    }
    return NdArray.of(out, array.order(), sliced);
  }

  /** The raw chunks, joined, are numpy's tobytes(); a C-order slice fetches only its chunks. */
  @Test
  void rawChunksAreNumpyBytesAndASliceFetchesOnlyItsChunks() throws Exception {
    NumericArrays arrays = NumericArrays.of(store, allocator);
    double[] values = (double[]) random(DType.FLOAT64, 1000 * 16, 3);
    arrays.save("w", NdArray.of(values, NdArray.Order.C, 1000, 16));
    Manifest manifest = store.manifest("w");
    try (UnifiedJedis raw = TestRedis.client()) {
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      for (ChunkEntry chunk : manifest.chunks()) {
        joined.write(
            raw.hget(
                TestRedis.chunkKey(store, manifest, chunk),
                chunk.field().getBytes(StandardCharsets.US_ASCII)));
      }
      ByteBuffer expected = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
      expected.asDoubleBuffer().put(values);
      assertThat(joined.toByteArray()).isEqualTo(expected.array());
      assertThat(manifest.properties().get("shape")).isEqualTo(List.of(1000, 16));
      assertThat(manifest.properties().get("dtype")).isEqualTo("<f8");

      // Remove every chunk that does not hold rows 500..509: the slice still loads.
      long first = 500 * 16;
      long end = 510 * 16;
      for (ChunkEntry chunk : manifest.chunks()) {
        if (!chunk.overlapsRows(first, end)) {
          raw.hdel(
              TestRedis.chunkKey(store, manifest, chunk),
              chunk.field().getBytes(StandardCharsets.US_ASCII));
        }
      }
    }
    NdArray rows = arrays.load("w", 500, 510);
    assertThat(rows.doubles())
        .containsExactly(java.util.Arrays.copyOfRange(values, 500 * 16, 510 * 16));
    assertThatThrownBy(() -> arrays.load("w"))
        .isInstanceOf(io.redframe.FrameNotFoundException.class);
  }

  @Test
  void arrowArraysCarryShapeInTheSchemaAndSliceByChunks() {
    NumericArrays arrays =
        NumericArrays.of(store, allocator)
            .format(ArrayFormat.ARROW)
            .compression(ArrowCompression.ZSTD);
    long[] values = (long[]) random(DType.INT64, 3000 * 4, 5);
    arrays.save("l", NdArray.of(values, NdArray.Order.C, 3000, 4));
    var schema = ArrowFrames.of(store).schema("l");

    assertThat(schema.getCustomMetadata())
        .containsEntry("numpy.dtype", "<i8")
        .containsEntry("numpy.shape", "[3000,4]")
        .containsEntry("numpy.order", "C");
    assertThat(arrays.load("l", 1000, 1002).longs())
        .containsExactly(java.util.Arrays.copyOfRange(values, 4000, 4008));
  }

  @Test
  void jsonArraysAreNestedListsWithNonFiniteTokens() {
    NumericArrays arrays = NumericArrays.of(store, allocator).format(ArrayFormat.JSON);
    arrays.save(
        "j",
        NdArray.of(
            new double[] {1.5, Double.NaN, Double.POSITIVE_INFINITY, -2, 0, 3},
            NdArray.Order.C,
            2,
            3));

    assertThat(joinedChunks("j"))
        .isEqualTo(
            "{\"dtype\":\"<f8\",\"shape\":[2,3],\"order\":\"C\",\"data\":[[1.5,NaN,Infinity],[-2.0,0.0,3.0]]}");
  }

  /**
   * The stored chunks of the current version of {@code name}, joined: what another language reads.
   */
  private String joinedChunks(String name) {
    Manifest manifest = store.manifest(name);
    byte[] key = TestRedis.versionKey(store, name, manifest.version());
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    try (UnifiedJedis raw = TestRedis.client()) {
      for (ChunkEntry chunk : manifest.chunks()) {
        joined.writeBytes(raw.hget(key, chunk.field().getBytes(StandardCharsets.US_ASCII)));
      }
    }
    return joined.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aStoredShapeThatDoesNotMatchTheBytesIsCorruption() {
    NumericArrays arrays = NumericArrays.of(store, allocator);
    arrays.save("s", new int[] {1, 2, 3});
    try (UnifiedJedis raw = TestRedis.client()) {
      byte[] key = TestRedis.versionKey(store, "s", 1);
      String manifest =
          new String(
              raw.hget(key, "manifest".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
      byte[] tampered =
          manifest
              .replace("\"shape\" : [ 3 ]", "\"shape\" : [ 3000000000 ]")
              .getBytes(StandardCharsets.UTF_8);
      raw.hset(key, "manifest".getBytes(StandardCharsets.UTF_8), tampered);
      raw.hset(
          key,
          "manifest.crc32c".getBytes(StandardCharsets.UTF_8),
          io.redframe.spi.Checksums.crc32c(tampered).getBytes(StandardCharsets.US_ASCII));
    }
    assertThatThrownBy(() -> arrays.load("s"))
        .isInstanceOfAny(CorruptFrameException.class, io.redframe.LimitExceededException.class)
        .hasMessageContaining("frame 's' version 1");
  }
}
