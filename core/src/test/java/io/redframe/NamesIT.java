package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.testing.TestRedis;
import io.redframe.testing.TokenCodec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** Names of any content round-trip, list correctly, and keep every key inside the prefix. */
class NamesIT {
  private static final String HOSTILE = "a*b{c}:d";
  private static final String LONG_UNICODE = "données-数据-🚀-".repeat(500) + "end";

  private FrameStore store;

  @BeforeEach
  void open() {
    store = TestRedis.store();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void globAndHashTagCharactersRoundTrip() {
    store.saveObject(HOSTILE, Map.of("v", 1));
    store.saveObject("a", Map.of("v", 2));
    store.saveObject("ab}c", Map.of("v", 3));

    Map<?, ?> back = store.loadObject(HOSTILE, Map.class);
    assertThat(back).isEqualTo(Map.of("v", 1));
    assertThat(store.list()).extracting(FrameInfo::name).containsExactly("a", HOSTILE, "ab}c");
    assertThat(store.list(FrameStore.globEscape(HOSTILE)))
        .extracting(FrameInfo::name)
        .containsExactly(HOSTILE);
    assertThat(store.list("a*")).hasSize(3);
    assertThat(store.list("a")).extracting(FrameInfo::name).containsExactly("a");
  }

  @Test
  void theCatalogIsSearchedByGlobAndTags() {
    store.saveObject(
        "m1",
        1,
        ObjectFormat.JSON,
        SaveOptions.defaults().tags(Map.of("team", "risk", "env", "prod")));
    store.saveObject(
        "m2", 2, ObjectFormat.JSON, SaveOptions.defaults().tags(Map.of("team", "risk")));
    store.saveObject(
        "x1",
        3,
        ObjectFormat.JSON,
        SaveOptions.defaults().tags(Map.of("team", "risk", "env", "prod")));

    assertThat(store.list("m*", Map.of("team", "risk")))
        .extracting(FrameInfo::name)
        .containsExactly("m1", "m2");
    assertThat(store.list("*", Map.of("env", "prod")))
        .extracting(FrameInfo::name)
        .containsExactly("m1", "x1");
    FrameInfo m1 = store.list("m1").get(0);
    assertThat(m1.version()).isEqualTo(1);
    assertThat(m1.codec()).isEqualTo("json");
    assertThat(m1.bytes()).isEqualTo(1);
    assertThat(m1.timeToLive()).isEmpty();
  }

  @Test
  void aTenKilobyteUnicodeNameRoundTripsAndLists() {
    assertThat(LONG_UNICODE.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isGreaterThan(10_000);
    store.save(LONG_UNICODE, TokenCodec.encoder("x", 2, 100));

    assertThat(store.load(LONG_UNICODE, TokenCodec.decoder())).containsExactly("x", "x");
    assertThat(store.list()).extracting(FrameInfo::name).containsExactly(LONG_UNICODE);
    assertThat(store.list("données-*")).hasSize(1);
    assertThat(store.delete(LONG_UNICODE)).isTrue();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void everyKeyStaysInsideThePrefixAndEachFrameInOneHashTag() {
    for (String name : List.of(HOSTILE, "}{", "%7B", "{", "*", LONG_UNICODE)) {
      store.save(name, TokenCodec.encoder("x", 2, 10));
      store.save(name, TokenCodec.encoder("y", 2, 10));
    }
    try (UnifiedJedis raw = TestRedis.client()) {
      Set<String> keys = raw.keys(store.config().prefix() + "*");
      Pattern tagged =
          Pattern.compile(
              Pattern.quote(store.config().prefix())
                  + ":(\\{[^}]*\\}):(head|versions|events|v:\\d+)");
      long tags =
          keys.stream()
              .filter(k -> !k.equals(store.config().prefix() + ":catalog"))
              .map(
                  k -> {
                    Matcher m = tagged.matcher(k);
                    assertThat(m.matches()).as(k).isTrue();
                    return m.group(1);
                  })
              .distinct()
              .count();

      assertThat(tags).as("one hash tag per frame").isEqualTo(6);
      assertThat(raw.keys("*")).filteredOn(k -> k.contains("{")).allMatch(k -> !k.startsWith("{"));
    }
    assertThat(store.load("%7B", TokenCodec.decoder())).containsOnly("y");
    assertThat(store.load("{", TokenCodec.decoder())).containsOnly("y");
    assertThat(store.list("\\*")).extracting(FrameInfo::name).containsExactly("*");
  }
}
