package io.redframe;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder validates eagerly: every mistake fails before any connection is made. */
class BuilderTest {
  @Test
  void aSettingGivenTwiceSaysWhatItWasAlreadySetTo() {
    assertThatThrownBy(() -> FrameStore.builder().prefix("a").prefix("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Store option 'prefix' was already set to a");
    assertThatThrownBy(() -> FrameStore.builder().url("redis://h:1").url("redis://h:2"))
        .hasMessageContaining("the URL was already set to redis://h:1");
    assertThatThrownBy(() -> FrameStore.builder().url("redis://u:secret@h:1").url("redis://h:2"))
        .hasMessageContaining("redis://u:***@h:1")
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(e.getMessage())
                    .doesNotContain("secret"));
  }

  @Test
  void anOptionInBothTheUrlAndTheBuilderIsRefused() {
    assertThatThrownBy(
            () -> FrameStore.builder().url("redis://h:1?ttl=1h").ttl(Duration.ofHours(2)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Store option 'ttl' is set both in the URL and on the builder");
  }

  @Test
  void badUrlsAndOptionsFailAtOpenNamingThem() {
    assertThatThrownBy(() -> FrameStore.open("redis://h:1?chunkSize=huge"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'huge' for store option 'chunkSize'");
    assertThatThrownBy(() -> FrameStore.open("redis://h:1?nope=1"))
        .hasMessageContaining("Unknown store option 'nope'");
    assertThatThrownBy(() -> FrameStore.open("mysql://h"))
        .hasMessageContaining("Invalid store URL 'mysql://h': the scheme must be");
    assertThatThrownBy(() -> FrameStore.builder().keepVersions(0))
        .hasMessageContaining("'keepVersions'");
  }
}
