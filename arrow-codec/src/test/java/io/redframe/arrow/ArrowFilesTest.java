package io.redframe.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Arrow IPC files and streams on disk, compressed or not, through the public reader and writer. */
class ArrowFilesTest {
  @TempDir Path dir;
  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator(1L << 28);
  }

  @AfterEach
  void close() {
    allocator.close();
  }

  private VectorSchemaRoot root(int rows) {
    Schema schema =
        new Schema(
            List.of(
                Field.nullable("id", new ArrowType.Int(64, true)),
                Field.nullable("name", new ArrowType.Utf8())));
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    BigIntVector id = (BigIntVector) root.getVector(0);
    VarCharVector name = (VarCharVector) root.getVector(1);
    for (int i = 0; i < rows; i++) {
      id.setSafe(i, i);
      if (i % 7 == 3) {
        name.setNull(i);
      } else {
        name.setSafe(i, ("row " + i % 5).getBytes(StandardCharsets.UTF_8));
      }
    }
    root.setRowCount(rows);
    return root;
  }

  private static String content(ArrowReader reader) throws IOException {
    StringBuilder all = new StringBuilder();
    while (reader.loadNextBatch()) {
      all.append(reader.getVectorSchemaRoot().contentToTSVString());
    }
    return all.toString();
  }

  @ParameterizedTest
  @EnumSource(ArrowCompression.class)
  void aFileWrittenCompressedReadsBack(ArrowCompression compression) throws Exception {
    Path file = dir.resolve("t.arrow");
    String written;
    try (VectorSchemaRoot root = root(5_000);
        ArrowFileWriter writer =
            ArrowFiles.writer(
                root,
                null,
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                compression)) {
      writer.start();
      writer.writeBatch();
      writer.writeBatch();
      writer.end();
      written = root.contentToTSVString();
    }

    try (ArrowReader reader = ArrowFiles.reader(file, allocator)) {
      assertThat(reader).isInstanceOf(ArrowFileReader.class);
      assertThat(content(reader)).isEqualTo(written + written);
    }
  }

  @ParameterizedTest
  @EnumSource(ArrowCompression.class)
  void aStreamIsToldFromAFileByItsFirstBytesAndDecompresses(ArrowCompression compression)
      throws Exception {
    Path file = dir.resolve("t.arrows");
    String written;
    try (VectorSchemaRoot root = root(300);
        ArrowStreamWriter writer =
            new ArrowStreamWriter(
                root,
                null,
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                IpcOption.DEFAULT,
                // another writer's codecs, as a file from elsewhere would be compressed
                compression == ArrowCompression.NONE
                    ? NoCompressionCodec.Factory.INSTANCE
                    : CommonsCompressionFactory.INSTANCE,
                compression.codecType(),
                Optional.empty())) {
      writer.start();
      writer.writeBatch();
      writer.end();
      written = root.contentToTSVString();
    }

    try (FileChannel channel = FileChannel.open(file);
        ArrowReader reader = ArrowFiles.reader(channel, allocator)) {
      assertThat(reader).isInstanceOf(ArrowStreamReader.class);
      assertThat(content(reader)).isEqualTo(written);
    }
  }
}
