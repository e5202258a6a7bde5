package io.redframe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.testing.ChildJvm;
import io.redframe.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One writer process publishing versions of a frame whose every cell encodes its version, two
 * reader processes loading it continuously (full loads, projections, row ranges): no torn or mixed
 * read, ever.
 */
class CrossProcessIT {
  private static Process child(String... args) throws Exception {
    List<String> command = new ArrayList<>(ChildJvm.java());
    command.addAll(
        List.of(
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            TortureChild.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String output(Process process) throws Exception {
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void readersInOtherProcessesNeverSeeATornOrMixedVersion() throws Exception {
    String url =
        TestRedis.url()
            + (TestRedis.url().contains("?") ? "&" : "?")
            + "prefix="
            + TestRedis.freshPrefix()
            + "&chunkSize=16KiB&pipelineWindow=64KiB";
    int generations = Sized.trials(300, 5000);
    Process first = child("reader", url);
    Process second = child("reader", url);
    Process writer = child("writer", url, Integer.toString(generations));

    assertThat(output(writer)).contains("published " + generations);
    long reads = 0;
    for (Process reader : List.of(first, second)) {
      String out = output(reader);
      Matcher m = Pattern.compile("reads=(\\d+) versions=(\\d+) torn=(\\d+)").matcher(out);
      assertThat(m.find()).as(out).isTrue();
      System.out.println("cross-process reader: " + m.group());
      assertThat(Long.parseLong(m.group(3))).as("torn reads: " + out).isZero();
      assertThat(Long.parseLong(m.group(2))).as("distinct versions seen").isGreaterThan(1);
      reads += Long.parseLong(m.group(1));
    }
    assertThat(reads).isGreaterThan(20);
  }
}
