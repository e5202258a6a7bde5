package io.redframe.internal.store;

import java.nio.charset.StandardCharsets;

/** Frame names: validation and their short form for messages. */
public final class Names {
  /** Longest name in UTF-8 bytes; keys stay far below Redis' 512 MB key limit. */
  public static final int MAX_NAME_BYTES = 64 * 1024;

  private Names() {}

  /** Throws unless {@code name} is a valid frame name: non-empty, at most 64 KiB of UTF-8. */
  public static String check(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("Frame name must not be null or empty");
    }
    if (name.length() > MAX_NAME_BYTES / 3
        && name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException(
          "Frame name '" + shorten(name) + "' is longer than " + MAX_NAME_BYTES + " UTF-8 bytes");
    }
    return name;
  }

  /** At most the first 200 characters of a name, for messages. */
  public static String shorten(String name) {
    if (name == null || name.length() <= 200) {
      return name;
    }
    return name.substring(0, 200) + "...(" + name.length() + " chars)";
  }
}
