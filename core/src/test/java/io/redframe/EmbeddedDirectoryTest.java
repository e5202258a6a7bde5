package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The directory of an embedded: URL, for tools that manage the server without a store. */
class EmbeddedDirectoryTest {
  @Test
  void anEmbeddedUrlNamesItsDirectoryOrNone() {
    assertThat(FrameStore.embeddedDirectory("embedded:")).isEmpty();
    assertThat(FrameStore.embeddedDirectory("embedded:/data/frames?ttl=1d"))
        .contains(Path.of("/data/frames"));
    assertThat(FrameStore.embeddedDirectory("embedded:~/frames"))
        .contains(Path.of(System.getProperty("user.home"), "frames"));
  }

  @Test
  void anotherUrlIsRefusedWithoutItsPassword() {
    assertThatThrownBy(() -> FrameStore.embeddedDirectory("redis://:s3cret@cache:6380"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an embedded: URL")
        .hasMessageContaining("cache:6380")
        .hasMessageNotContaining("s3cret");
  }
}
