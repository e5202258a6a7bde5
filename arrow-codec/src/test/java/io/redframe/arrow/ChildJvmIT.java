package io.redframe.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.arrow.testing.ChildMain;
import io.redframe.testing.ChildJvm;
import io.redframe.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Arrow in other JVMs: a frame far larger than the heap, and a JVM without --add-opens. */
class ChildJvmIT {
  private static final String OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED";

  private static String run(List<String> jvmArgs, String... args) throws Exception {
    List<String> command = new ArrayList<>(ChildJvm.java());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildMain.class.getName());
    command.addAll(List.of(args));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return "exit " + child.exitValue() + "\n" + output;
  }

  private static String url() {
    String base = TestRedis.url();
    return base + (base.contains("?") ? "&" : "?") + "prefix=" + TestRedis.freshPrefix();
  }

  /**
   * 12M rows (about 400 MB in Arrow) saved from a streaming reader and loaded back batch by batch
   * by a JVM with a 64 MB heap and a 96 MB Arrow allocator: memory stays a few chunks.
   */
  @Test
  void aFrameMuchLargerThanTheHeapStreamsInAndOut() throws Exception {
    String output = run(List.of("-Xmx64m", OPENS), "big", url(), "12000000");

    assertThat(output).startsWith("exit 0").contains("loaded 12000000 rows");
  }

  @Test
  void withoutTheAddOpensFlagTheErrorNamesIt() throws Exception {
    String output = run(List.of(), "arrow", url());

    assertThat(output)
        .startsWith("exit 3")
        .contains(
            "FAILED: Arrow cannot access direct memory in this JVM: start Java with"
                + " --add-opens=java.base/java.nio=ALL-UNNAMED (JDK 17+");
    assertThat(run(List.of(OPENS), "arrow", url())).startsWith("exit 0").contains("arrow ok");
  }
}
