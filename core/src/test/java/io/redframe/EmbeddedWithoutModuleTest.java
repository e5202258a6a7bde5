package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.spi.EmbeddedServerProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Core alone runs no redis-server: {@code embedded:} names the module that does. */
class EmbeddedWithoutModuleTest {
  @Test
  void coreAloneHasNoEmbeddedProviderAndNoBundledBinary() {
    assertThat(ServiceLoader.load(EmbeddedServerProvider.class)).isEmpty();
    assertThat(getClass().getClassLoader().getResource("redis-server-7.0.15-linux-amd64"))
        .as("core's test class path carries no native binary")
        .isNull();
  }

  @Test
  void openingAnEmbeddedUrlFailsNamingTheArtifactToAdd(@TempDir Path tmp) {
    Path dir = tmp.resolve("store");

    assertThatThrownBy(() -> FrameStore.open("embedded:" + dir))
        .isExactlyInstanceOf(FrameStoreException.class)
        .hasMessageContaining("io.redframe:redframe-embedded")
        .hasMessageContaining("redis://");
    assertThat(Files.exists(dir)).as("nothing was created").isFalse();
  }

  @Test
  void anEmbeddedUrlWithoutAFolderFailsTheSameWay() {
    assertThatThrownBy(() -> FrameStore.builder().url("embedded:").build())
        .isExactlyInstanceOf(FrameStoreException.class)
        .hasMessageContaining("io.redframe:redframe-embedded");
  }
}
