package io.redframe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.testing.TestRedis;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The Tablesaw adapter is an optional dependency of jobs: a worker without it on the class path
 * runs jobs, and simply has no {@code redframe.describe}.
 */
class WithoutTablesawIT {
  @Test
  void aWorkerWithoutTablesawRunsJobsAndHasNoDescribe() throws Exception {
    List<String> classPath = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (String entry : classPath()) {
      String lower = entry.toLowerCase(Locale.ROOT);
      boolean optional = lower.contains("tablesaw") || lower.contains("arrow"); // and arrow-codec
      (optional ? dropped : classPath).add(entry);
    }
    assertThat(dropped).as("Tablesaw and Arrow on the test class path").isNotEmpty();
    String url =
        TestRedis.url()
            + (TestRedis.url().contains("?") ? "&" : "?")
            + "prefix="
            + TestRedis.freshPrefix();
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                String.join(File.pathSeparator, classPath),
                WithoutTablesawChild.class.getName(),
                url)
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("tablesaw=absent")
        .contains("redframe.noop")
        .doesNotContain("redframe.describe")
        .contains("status=FINISHED");
  }

  /** This JVM's class path, read through surefire's manifest-only jar if it uses one. */
  private static List<String> classPath() throws IOException {
    List<String> entries =
        Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    if (entries.size() != 1 || !entries.get(0).endsWith(".jar")) {
      return entries;
    }
    Path jar = Path.of(entries.get(0)).toAbsolutePath();
    try (JarFile file = new JarFile(jar.toFile())) {
      String manifest = file.getManifest().getMainAttributes().getValue("Class-Path");
      if (manifest == null) {
        return entries;
      }
      URI base = jar.getParent().toUri();
      List<String> out = new ArrayList<>();
      for (String item : manifest.trim().split("\\s+", -1)) {
        out.add(Path.of(base.resolve(item)).toString());
      }
      return out;
    }
  }
}
