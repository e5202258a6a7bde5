package io.redframe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.arrow.NdArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NumPy .npy files: written as numpy reads them, read with every length checked first. */
class NpyTest {
  @TempDir Path dir;

  @Test
  void writesAndReadsBackEveryOrder() throws Exception {
    Path file = dir.resolve("a.npy");
    NdArray array = NdArray.of(new long[] {1, 2, 3, 4, 5, 6}, NdArray.Order.F, 2, 3);

    Npy.write(array, file);
    NdArray back = Npy.read(file);

    assertThat(back).isEqualTo(array);
    byte[] bytes = Files.readAllBytes(file);
    int header = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
    assertThat((10 + header) % 64).isZero();
    assertThat(new String(bytes, 10, header, StandardCharsets.US_ASCII))
        .startsWith("{'descr': '<i8', 'fortran_order': True, 'shape': (2, 3), }")
        .endsWith("\n");
  }

  @Test
  void refusesWhatIsNotAnNpyFileRedframeReads() throws Exception {
    Path good = dir.resolve("good.npy");
    Npy.write(NdArray.of(new double[] {1, 2, 3}), good);
    byte[] bytes = Files.readAllBytes(good);
    Path truncated = Files.write(dir.resolve("t.npy"), Arrays.copyOf(bytes, bytes.length - 1));
    Path hugeHeader = dir.resolve("h.npy");
    ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    header.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(Integer.MAX_VALUE);
    Files.write(hugeHeader, header.array());
    Path hugeShape = dir.resolve("s.npy");
    Npy.write(NdArray.of(new double[] {1}), hugeShape);
    byte[] shaped = Files.readAllBytes(hugeShape);
    String text = new String(shaped, StandardCharsets.ISO_8859_1).replace("(1,)", "(9999999999,)");
    Files.write(
        hugeShape, text.substring(0, text.length() - 8).getBytes(StandardCharsets.ISO_8859_1));
    Path csv = Files.writeString(dir.resolve("c.npy"), "a,b\n1,2\n");

    assertThatThrownBy(() -> Npy.read(truncated))
        .hasMessage(
            truncated
                + " is not a NumPy .npy file redframe reads: shape (3,) of <f8 needs 24 bytes of"
                + " data, the file has 23 (truncated?)");
    assertThatThrownBy(() -> Npy.read(hugeHeader))
        .hasMessageContaining("its header length 2147483647 does not fit the file");
    assertThatThrownBy(() -> Npy.read(hugeShape)).hasMessageContaining("9,999,999,999 elements");
    assertThatThrownBy(() -> Npy.read(csv))
        .hasMessageContaining("it does not start with NumPy's magic");
  }
}
