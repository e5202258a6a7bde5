package io.redframe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.FrameKind;
import io.redframe.FrameStore;
import io.redframe.testing.TestRedis;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The redframe jars work as modules: {@link RoundTrips} saves and loads an object, an Arrow frame
 * and a Tablesaw table in both formats against a real Redis, once with every redframe jar and its
 * dependencies on the module path ({@code java -p ... -m}) and once on the class path. A module
 * that reached into another's internal package would fail here with an {@link IllegalAccessError}.
 */
class ModulePathIT {
  private static final String MAIN = "io.redframe.examples/io.redframe.examples.RoundTrips";

  /** This module's classes, then its runtime dependencies' jars, as Maven resolved them. */
  private static String path() throws IOException {
    String classes = System.getProperty("examples.classes");
    String dependencies =
        Files.readString(Path.of(System.getProperty("examples.dependencies"))).strip();
    return classes + File.pathSeparator + dependencies;
  }

  private static String run(String url, String... javaArgs) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(javaArgs));
    command.add(url);
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(3, TimeUnit.MINUTES)).isTrue();
    return "exit " + child.exitValue() + "\n" + output;
  }

  private static String freshUrl(String prefix) {
    String base = TestRedis.url();
    return base + (base.contains("?") ? "&" : "?") + "prefix=" + prefix;
  }

  private static void assertAllRoundTrips(String output) {
    assertThat(output)
        .startsWith("exit 0")
        .contains("object ok", "arrow ok", "table in ARROW ok", "table in JSON ok")
        .contains("all round trips ok")
        .doesNotContain("IllegalAccessError", "Exception");
  }

  /** The frames the child saved are there, of the kinds it saved, for this JVM too. */
  private static void assertSaved(String url) {
    try (FrameStore store = FrameStore.open(url)) {
      assertThat(store.manifest("example/station").kind()).isEqualTo(FrameKind.OBJECT);
      assertThat(store.manifest("example/trades").codec()).isEqualTo("arrow");
      assertThat(store.manifest("example/weather-ARROW").codec()).isEqualTo("arrow");
      assertThat(store.manifest("example/weather-JSON").codec()).isEqualTo("json-table");
    }
  }

  @Test
  void everyKindRoundTripsWithTheJarsOnTheModulePath() throws Exception {
    String prefix = TestRedis.freshPrefix();
    String output =
        run(
            freshUrl(prefix),
            "--add-opens=java.base/java.nio=org.apache.arrow.memory.core",
            "-p",
            path(),
            "-m",
            MAIN);

    assertAllRoundTrips(output);
    assertThat(output).contains("on the module path as io.redframe.examples");
    assertSaved(freshUrl(prefix));
  }

  @Test
  void everyKindRoundTripsWithTheJarsOnTheClassPath() throws Exception {
    String prefix = TestRedis.freshPrefix();
    String output =
        run(
            freshUrl(prefix),
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-cp",
            path(),
            RoundTrips.class.getName());

    assertAllRoundTrips(output);
    assertThat(output).contains("on the class path");
    assertSaved(freshUrl(prefix));
  }
}
