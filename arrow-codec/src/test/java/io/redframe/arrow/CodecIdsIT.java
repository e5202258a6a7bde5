package io.redframe.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.CodecMismatchException;
import io.redframe.FrameKind;
import io.redframe.FrameStore;
import io.redframe.SaveOptions;
import io.redframe.spi.Codec;
import io.redframe.testing.TestRedis;
import io.redframe.testing.TokenCodec;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * This module's codecs are found by id (without the Tablesaw adapter on the class path), so a
 * manifest tells a table from an array; Arrow arrays have their own codec, and those written before
 * it still load.
 */
class CodecIdsIT {
  private BufferAllocator allocator;
  private FrameStore store;

  @BeforeEach
  void open() {
    allocator = new RootAllocator(1L << 28);
    store = TestRedis.store(b -> b.chunkSize(4096));
  }

  @AfterEach
  void close() {
    store.close();
    allocator.close();
  }

  @Test
  void tablesAndArraysOfEveryFormatHaveTheirKind() {
    try (VectorSchemaRoot root = doubles(100, Map.of())) {
      ArrowFrames.of(store).save("table", root);
    }
    NumericArrays arrays = NumericArrays.of(store, allocator);
    for (ArrayFormat format : ArrayFormat.values()) {
      arrays.format(format).save("array-" + format, new double[] {1, 2, 3});
    }
    store.save("token", TokenCodec.encoder("x", 1, 8), SaveOptions.defaults());

    assertThat(store.manifest("table").kind()).isEqualTo(FrameKind.TABLE);
    assertThat(store.manifest("table").codec()).isEqualTo(ArrowFrames.CODEC.id());
    for (ArrayFormat format : ArrayFormat.values()) {
      assertThat(store.manifest("array-" + format).kind())
          .as("%s", format)
          .isEqualTo(FrameKind.ARRAY);
    }
    assertThat(store.manifest("array-ARROW").codec()).isEqualTo("arrow-array");
    assertThat(store.manifest("token").kind()).isEqualTo(FrameKind.UNKNOWN);
    assertThat(Codec.find("json-table")).as("the Tablesaw adapter is not here").isEmpty();
    for (String id : List.of("arrow", "arrow-array", "raw", "json-array")) {
      assertThat(Codec.find(id).orElseThrow().module())
          .isEqualTo("io.redframe:redframe-arrow-codec");
    }
  }

  /** A frame's values as one Arrow column, with the metadata an array written before had. */
  private VectorSchemaRoot doubles(int rows, Map<String, String> metadata) {
    Field field =
        new Field(
            "values",
            FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            null);
    VectorSchemaRoot root =
        VectorSchemaRoot.create(new Schema(List.of(field), metadata), allocator);
    Float8Vector values = (Float8Vector) root.getVector(0);
    for (int i = 0; i < rows; i++) {
      values.setSafe(i, i * 0.5);
    }
    root.setRowCount(rows);
    return root;
  }

  @Test
  void arrowArraysWrittenBeforeTheirOwnCodecStillLoad() {
    // what NumericArrays wrote in Arrow format before arrays had their own codec id
    Map<String, String> numpy =
        Map.of("numpy.dtype", "<f8", "numpy.shape", "[10,3]", "numpy.order", "C");
    try (VectorSchemaRoot root = doubles(30, numpy)) {
      ArrowFrames.of(store).save("old", root);
    }
    assertThat(store.manifest("old").codec()).isEqualTo("arrow");

    NdArray rows = NumericArrays.of(store, allocator).load("old", 2, 4);

    assertThat(rows.shape()).containsExactly(2, 3);
    assertThat((double[]) rows.data()).containsExactly(3.0, 3.5, 4.0, 4.5, 5.0, 5.5);
    assertThat(NumericArrays.of(store, allocator).formatOf("old")).isEqualTo(ArrayFormat.ARROW);
  }

  @Test
  void anArrowArrayOpensAsArrowButAnArrayOfOtherFormatsIsRefused() throws Exception {
    NumericArrays arrays = NumericArrays.of(store, allocator);
    arrays.format(ArrayFormat.ARROW).save("arrow", new double[] {1.5, 2.5});
    arrays.format(ArrayFormat.RAW).save("raw", new double[] {1.5, 2.5});

    try (ArrowReader reader = ArrowFrames.of(store).load("arrow", allocator)) {
      assertThat(reader.loadNextBatch()).isTrue();
      assertThat(reader.getVectorSchemaRoot().contentToTSVString()).isEqualTo("values\n1.5\n2.5\n");
    }
    assertThat(ArrowFrames.of(store).schema("arrow").getCustomMetadata())
        .containsEntry("numpy.dtype", "<f8");
    assertThatThrownBy(() -> ArrowFrames.of(store).load("raw", allocator))
        .isInstanceOf(CodecMismatchException.class)
        .hasMessageContaining("raw v1")
        .hasMessageContaining("the Arrow loader");
  }

  @Test
  void theArrowDecoderLoadsAPinnedReference() throws Exception {
    try (VectorSchemaRoot root = doubles(5, Map.of())) {
      ArrowFrames.of(store).save("t", root);
    }
    var ref = store.manifest("t").ref();

    try (ArrowReader reader =
        store.load(ref, ArrowFrames.decoder(allocator, ArrowLoadOptions.all().rows(1, 3)))) {
      assertThat(reader.loadNextBatch()).isTrue();
      assertThat(reader.getVectorSchemaRoot().contentToTSVString()).isEqualTo("values\n0.5\n1.0\n");
      assertThat(reader.loadNextBatch()).isFalse();
    }
  }
}
