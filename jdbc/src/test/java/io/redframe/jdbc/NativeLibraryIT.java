package io.redframe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.testing.ChildJvm;
import io.redframe.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB unpacks its native library into {@code java.io.tmpdir}: a JVM given another folder puts it
 * there, and a folder it cannot write makes the connection fail with an SQLException that says
 * where and how to choose another, instead of an Error from a static initializer.
 */
class NativeLibraryIT {
  private static String run(Path tmpdir) throws Exception {
    List<String> command = new ArrayList<>(ChildJvm.java());
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    command.add("-Djava.io.tmpdir=" + tmpdir);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(NativeLibraryChild.class.getName());
    command.add(TestRedis.url());
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return "exit " + child.exitValue() + "\n" + output;
  }

  @Test
  void theLibraryIsUnpackedIntoTheJvmsTemporaryFolder(@TempDir Path folder) throws Exception {
    String output = run(folder);

    assertThat(output).startsWith("exit 0").contains("connected redframe");
    try (Stream<Path> files = Files.list(folder)) {
      // deleted on exit, so only its name may be left behind: the JVM ended
      assertThat(files.map(p -> p.getFileName().toString()))
          .allMatch(name -> name.startsWith("libduckdb_java"));
    }
  }

  @Test
  void aFolderThatCannotBeWrittenFailsWithAClearSqlException(@TempDir Path folder)
      throws Exception {
    Path missing = folder.resolve("missing");

    String output = run(missing);

    assertThat(output)
        .startsWith("exit 2")
        .contains("FAILED 58000: DuckDB's native library could not be loaded")
        .contains(missing.toString())
        .contains("-Djava.io.tmpdir=");
  }
}
