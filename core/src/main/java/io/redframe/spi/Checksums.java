package io.redframe.spi;

import java.util.Locale;
import java.util.zip.CRC32C;

/** CRC-32C as the manifest writes it: 8 lowercase hex digits. */
public final class Checksums {
  private Checksums() {}

  public static String crc32c(byte[] bytes) {
    return crc32c(bytes, 0, bytes.length);
  }

  public static String crc32c(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return String.format(Locale.ROOT, "%08x", crc.getValue());
  }
}
