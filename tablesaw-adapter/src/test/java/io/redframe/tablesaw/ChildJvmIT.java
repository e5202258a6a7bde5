package io.redframe.tablesaw;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.FrameStore;
import io.redframe.tablesaw.testing.Tables;
import io.redframe.testing.ChildJvm;
import io.redframe.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** A second JVM loads the table the first saved. */
class ChildJvmIT {
  /** Run in the child: loads the table and prints its rows, columns and a checksum of its cells. */
  public static void main(String[] args) {
    try (FrameStore store = FrameStore.open(args[0]);
        BufferAllocator allocator = new RootAllocator(1L << 30)) {
      Table table = TablesawFrames.of(store, allocator).load("shared");
      System.out.println(describe(table));
    }
  }

  static String describe(Table table) {
    long hash = 0;
    for (int row = 0; row < table.rowCount(); row++) {
      for (int c = 0; c < table.columnCount(); c++) {
        hash = hash * 31 + table.column(c).getString(row).hashCode();
      }
    }
    return table.name() + " " + table.rowCount() + "x" + table.columnCount() + " " + hash;
  }

  @Test
  void anotherJvmLoadsTheTableThisOneSaved() throws Exception {
    String url =
        TestRedis.url()
            + (TestRedis.url().contains("?") ? "&" : "?")
            + "prefix="
            + TestRedis.freshPrefix();
    Table table = Tables.random(2000, 5, 9);
    try (FrameStore store = FrameStore.open(url);
        BufferAllocator allocator = new RootAllocator(1L << 30)) {
      TablesawFrames.of(store, allocator).save("shared", table);
    }
    List<String> command = new ArrayList<>(ChildJvm.java());
    command.addAll(
        List.of(
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            ChildJvmIT.class.getName(),
            url));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output.lines().filter(l -> !l.startsWith("[")).toList()).contains(describe(table));
  }
}
