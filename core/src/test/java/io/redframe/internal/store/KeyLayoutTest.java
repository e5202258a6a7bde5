package io.redframe.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyLayoutTest {
  private final KeyLayout keys = new KeyLayout("rf");

  private static String text(byte[] key) {
    return new String(key, StandardCharsets.UTF_8);
  }

  @Test
  void keysShareOneHashTagPerFrame() {
    assertThat(text(keys.head("sales"))).isEqualTo("rf:{sales}:head");
    assertThat(text(keys.version("sales", 12))).isEqualTo("rf:{sales}:v:12");
    assertThat(text(keys.versions("sales"))).isEqualTo("rf:{sales}:versions");
    assertThat(text(keys.events("sales"))).isEqualTo("rf:{sales}:events");
    assertThat(text(keys.catalog())).isEqualTo("rf:catalog");
  }

  @Test
  void braceAndPercentAreEscapedSoTheTagEndsWithTheName() {
    assertThat(text(keys.head("a}b{c%d"))).isEqualTo("rf:{a%7Db%7Bc%25d}:head");
    assertThat(KeyLayout.escape("%7B")).isNotEqualTo(KeyLayout.escape("{"));
    assertThat(text(keys.head("*?[x]"))).isEqualTo("rf:{*?[x]}:head");
  }
}
