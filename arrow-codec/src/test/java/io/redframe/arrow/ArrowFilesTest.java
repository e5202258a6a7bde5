package io.redframe.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.NoCompressionCodec;
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
import org.junit.jupiter.api.Test;
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

  private Path arrowFile(String name) throws Exception {
    Path file = dir.resolve(name);
    try (VectorSchemaRoot root = root(1_000);
        ArrowFileWriter writer =
            ArrowFiles.writer(
                root,
                null,
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                ArrowCompression.NONE)) {
      writer.start();
      writer.writeBatch();
      writer.end();
    }
    return file;
  }

  /** Opens and reads every batch of {@code file}; returns the failure. */
  private IOException failure(Path file) {
    return catchThrowableOfType(
        IOException.class,
        () -> {
          try (ArrowReader reader = ArrowFiles.reader(file, allocator)) {
            content(reader);
          }
        });
  }

  @Test
  void aTinyStreamDeclaringAHugeMessageIsRefusedBeforeAnythingIsAllocated() throws Exception {
    Path file = dir.resolve("evil.arrows");
    ByteBuffer bytes = ByteBuffer.allocate(76).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putInt(0xFFFFFFFF).putInt(0x7FFFFFF0);
    Files.write(file, bytes.array());

    assertThat(failure(file))
        .hasMessage(
            file
                + " is not an Arrow IPC file or stream: the message at byte 0 declares"
                + " 2,147,483,632 bytes of metadata, but 68 bytes follow");
    assertThat(allocator.getPeakMemoryAllocation()).isZero();
  }

  @Test
  void aMessageDeclaringABodyLongerThanTheFileIsRefused() throws Exception {
    Path whole = arrowFile("whole.arrow");
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.arrows");
    // the stream inside the file, cut in the middle of its record batch
    Files.write(cut, Arrays.copyOfRange(bytes, 8, bytes.length / 2));

    assertThat(failure(cut).getMessage())
        .startsWith(cut + " is not a valid Arrow IPC stream: the message at byte ")
        .contains("declares a body of");
  }

  @Test
  void aTruncatedFileSaysSo() throws Exception {
    Path whole = arrowFile("whole.arrow");
    Path cut = dir.resolve("cut.arrow");
    byte[] bytes = Files.readAllBytes(whole);
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 20));

    assertThat(failure(cut))
        .hasMessageStartingWith(cut + " is not a complete Arrow IPC file (")
        .hasMessageEndingWith(
            "it starts like an Arrow IPC file but its end is missing; was it truncated?");
  }

  @Test
  void otherFormatsAreNamed() throws Exception {
    Path zip = dir.resolve("zip.arrow");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("a.txt"));
      out.write(1);
    }
    Path parquet = dir.resolve("p.feather");
    Files.write(parquet, "PAR1\0\0\0\0PAR1".getBytes(StandardCharsets.US_ASCII));
    Path random = dir.resolve("random.arrow");
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    Files.write(random, noise);

    assertThat(failure(zip)).hasMessage(zip + " is a zip archive, not an Arrow IPC file or stream");
    assertThat(failure(parquet)).hasMessageStartingWith(parquet + " is a Parquet file");
    assertThat(failure(random)).hasMessageStartingWith(random + " is not ");
    assertThat(allocator.getAllocatedMemory()).isZero();
  }

  @Test
  void everyTruncationOfAFileOrStreamFailsWithAnIoException() throws Exception {
    byte[] bytes = Files.readAllBytes(arrowFile("whole.arrow"));
    for (int cut = 0; cut < bytes.length - 1; cut += 7) {
      Path file = dir.resolve("cut-" + cut + ".arrow");
      Files.write(file, Arrays.copyOf(bytes, cut));
      Path stream = dir.resolve("cut-" + cut + ".arrows");
      Files.write(stream, Arrays.copyOfRange(bytes, Math.min(8, cut), cut));
      assertThat(failure(file)).as("cut at %d", cut).hasMessageContaining(file.toString());
      if (cut > 8) {
        try (ArrowReader reader = ArrowFiles.reader(stream, allocator)) {
          content(reader); // a stream cut between messages is a shorter stream
        } catch (IOException e) {
          assertThat(e).hasMessageContaining(stream.toString());
        }
      }
    }
    assertThat(allocator.getAllocatedMemory()).isZero();
  }
}
