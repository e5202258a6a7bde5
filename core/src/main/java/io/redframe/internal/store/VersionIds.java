package io.redframe.internal.store;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Version ids: 128 random bits as 32 lowercase hex digits, so that no two versions share one. */
final class VersionIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private VersionIds() {}

  static String next() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
