package io.redframe.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.FrameStore;
import io.redframe.embedded.testing.EmbeddedChild;
import io.redframe.testing.ChildJvm;
import io.redframe.testing.TestRedis;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A program with no redis-server on its PATH gets the bundled one, with this module on the class
 * path or on the module path (where it registers through {@code provides} in its module-info and
 * reads the binary from the {@code embedded.redis} automatic module).
 */
class BundledBinaryIT {
  private static final String RUNTIME_CLASSPATH = "redframe.runtime-classpath";

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aProgramWithoutRedisOnItsPathRunsTheBundledServer(boolean modulePath) throws Exception {
    Path tmp = TestRedis.tempDir("redframe-bundled-");
    Path dir = tmp.resolve("store");
    Path cache = tmp.resolve("cache");
    ProcessBuilder child = new ProcessBuilder(command(modulePath, dir)).redirectErrorStream(true);
    child.environment().put("PATH", tmp.resolve("empty-bin").toString());
    child.environment().put("XDG_CACHE_HOME", cache.toString());
    child.environment().remove("REDFRAME_REDIS_SERVER");
    Process process = child.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("binary=" + cache.resolve("redframe"))
        .contains("redis-server")
        .contains(modulePath ? "module=io.redframe.core" : "module=null");
    try (FrameStore store = FrameStore.open("embedded:" + dir)) {
      Map<?, ?> back = store.loadObject("from-child", Map.class);
      assertThat(back.get("from")).as("what the bundled server persisted").isEqualTo("child");
    }
  }

  private static List<String> command(boolean modulePath, Path dir) throws Exception {
    List<String> command = new ArrayList<>(ChildJvm.java());
    if (modulePath) {
      Path runtime = Path.of(System.getProperty(RUNTIME_CLASSPATH));
      String dependencies = Files.readString(runtime, StandardCharsets.UTF_8).strip();
      Path classes =
          Path.of(EmbeddedServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      command.addAll(
          List.of(
              "-p",
              classes + File.pathSeparator + dependencies,
              // What a modular program's `requires io.redframe.core` does: core `uses` the
              // provider, so service binding resolves this module without naming it.
              "--add-modules",
              "io.redframe.core",
              "-cp",
              testClasses()));
    } else {
      command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    }
    command.addAll(List.of(EmbeddedChild.class.getName(), dir.toString(), "from-child"));
    return command;
  }

  private static String testClasses() throws Exception {
    return Path.of(EmbeddedChild.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }
}
