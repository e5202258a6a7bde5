package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreOptionTest {
  @ParameterizedTest
  @CsvSource({"4096,4096", "512KiB,524288", "4MiB,4194304", "512MiB,536870912", "8192B,8192"})
  void sizesParse(String text, long bytes) {
    assertThat(StoreOption.MAX_CHUNK_BYTES.parse(text)).isEqualTo(bytes);
    assertThat(StoreOption.PIPELINE_WINDOW.parse("1GiB")).isEqualTo(1L << 30);
  }

  @ParameterizedTest
  @CsvSource({
    "250ms,250",
    "30s,30000",
    "10m,600000",
    "2h,7200000",
    "7d,604800000",
    "PT1M,60000",
    "0,0"
  })
  void durationsParse(String text, long millis) {
    assertThat(StoreOption.TTL.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void badValuesNameTheOptionTheValueAndWhatIsExpected() {
    assertThatThrownBy(() -> StoreOption.CHUNK_SIZE.parse("lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid value 'lots' for store option 'chunkSize': expected a size such as 1048576, 512KiB, 4MiB or 1GiB");
    assertThatThrownBy(() -> StoreOption.CHUNK_SIZE.parse("1KiB"))
        .hasMessageContaining("'1KiB' for store option 'chunkSize': expected a value from 4096");
    assertThatThrownBy(() -> StoreOption.TTL.parse("-5s")).hasMessageContaining("'ttl'");
    assertThatThrownBy(() -> StoreOption.POOL_SIZE.parse("1.5")).hasMessageContaining("an integer");
    assertThatThrownBy(() -> StoreOption.PREFIX.parse("a b"))
        .hasMessageContaining("letters, digits");
    assertThatThrownBy(() -> StoreOption.PREFIX.parse("x{y}")).hasMessageContaining("'prefix'");
    assertThatThrownBy(() -> StoreOption.PENDING_TTL.parse("10ms"))
        .hasMessageContaining("at least 1000 ms");
  }

  @Test
  void unknownOptionsListTheKnownOnes() {
    assertThatThrownBy(() -> StoreOption.forKey("chunksize"))
        .hasMessageStartingWith("Unknown store option 'chunksize'; known: prefix, chunkSize");
  }

  @Test
  void everyDefaultIsValid() {
    StoreConfig config = new StoreConfig(java.util.Map.of());

    assertThat(config.prefix()).isEqualTo("redframe");
    assertThat(config.chunkSize()).isEqualTo(1 << 20);
    assertThat(config.ttl()).isZero();
    assertThat(config.keepVersions()).isEqualTo(1);
  }

  @Test
  void chunkSizeMustFitTheReadLimit() {
    assertThatThrownBy(
            () ->
                FrameStore.builder()
                    .chunkSize(64L << 20)
                    .option(StoreOption.MAX_CHUNK_BYTES, "16MiB")
                    .url("redis://127.0.0.1:1")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'maxChunkBytes' (16777216) must be at least 'chunkSize' (67108864)");
  }

  /** The README's option table is generated from the enum; this keeps the two in step. */
  @Test
  void theReadmeOptionTableMatchesTheEnum() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String begin = "<!-- options:begin -->\n";
    String end = "<!-- options:end -->";
    String table = readme.substring(readme.indexOf(begin) + begin.length(), readme.indexOf(end));

    assertThat(table)
        .as("README.md option table; regenerate it with io.redframe.testing.UpdateReadme")
        .isEqualTo(StoreOption.markdownTable());
  }

  /** docs/FORMAT.md tells readers in other languages the defaults; they must be the enum's. */
  @Test
  void theFormatDocumentGivesTheDefaults() throws Exception {
    String format = Files.readString(Path.of("..", "docs", "FORMAT.md"));
    java.util.regex.Matcher row =
        java.util.regex.Pattern.compile("(?m)^\\| `(\\w+)` \\| `([^`]*)`").matcher(format);
    int rows = 0;
    while (row.find()) {
      if (row.start() > format.indexOf("## Keys")) {
        break;
      }
      assertThat(row.group(2))
          .as("default of %s in docs/FORMAT.md", row.group(1))
          .isEqualTo(StoreOption.forKey(row.group(1)).defaultText());
      rows++;
    }
    assertThat(rows).isEqualTo(11);
  }
}
