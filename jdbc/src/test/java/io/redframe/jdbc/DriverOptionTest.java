package io.redframe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriverOptionTest {
  /** The README's driver option table is generated from the enum; this keeps the two in step. */
  @Test
  void theReadmeTableMatchesTheEnum() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String begin = "<!-- driver-options:begin -->\n";
    String end = "<!-- driver-options:end -->";
    String table = readme.substring(readme.indexOf(begin) + begin.length(), readme.indexOf(end));
    assertThat(table)
        .as("README.md driver option table: paste DriverOption.markdownTable()")
        .isEqualTo(DriverOption.markdownTable());
  }

  @Test
  void valuesAreCheckedAndNamed() {
    assertThat(DriverOption.MEMORY_LIMIT.check(" 2GB ")).isEqualTo("2GB");
    assertThat(DriverOption.MEMORY_LIMIT.check("40%")).isEqualTo("40%");
    assertThat(DriverOption.THREADS.check("4")).isEqualTo("4");
    assertThatThrownBy(() -> DriverOption.THREADS.check("0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads")
        .hasMessageContaining("'0'");
    assertThatThrownBy(() -> DriverOption.MEMORY_LIMIT.check("1GB'; DROP"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DriverOption.TEMP_DIRECTORY.check("/tmp/x'y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(DriverOption.forKey("pinTtl")).isEqualTo(DriverOption.PIN_TTL);
    assertThat(DriverOption.forKey("chunkSize")).isNull();
  }

  @Test
  void driverOptionsLeaveTheStoreUrl() {
    Map<DriverOption, String> options = new EnumMap<>(DriverOption.class);
    assertThat(
            RedframeDriver.splitOptions(
                "redis://h:1?chunkSize=4MiB&threads=3&prefix=p&memoryLimit=2GB", options))
        .isEqualTo("redis://h:1?chunkSize=4MiB&prefix=p");
    assertThat(options)
        .isEqualTo(Map.of(DriverOption.MEMORY_LIMIT, "2GB", DriverOption.THREADS, "3"));
    assertThat(RedframeDriver.splitOptions("redis://h:1?threads=1", options))
        .isEqualTo("redis://h:1");
    assertThat(RedframeDriver.splitOptions("embedded:", options)).isEqualTo("embedded:");
  }
}
