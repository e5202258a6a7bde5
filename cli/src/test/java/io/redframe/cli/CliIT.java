package io.redframe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.testing.ChildJvm;
import io.redframe.testing.TestRedis;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.Table;

/** The real jar, in child processes, against a real Redis. */
class CliIT {
  private static final Path JAR =
      Path.of(System.getProperty("redframe.jar", "target/redframe.jar"));

  @TempDir Path dir;
  private String url;

  record Result(int exit, String out, String err) {}

  @BeforeEach
  void store() {
    url =
        TestRedis.url()
            + (TestRedis.url().contains("?") ? "&" : "?")
            + "prefix="
            + TestRedis.freshPrefix();
  }

  private Result redframe(String... args) throws Exception {
    List<String> command = new ArrayList<>(ChildJvm.java());
    command.addAll(List.of("-jar", JAR.toString()));
    boolean hasUrl = List.of(args).contains("--url");
    if (!hasUrl) {
      command.add("--url=" + url);
    }
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("REDFRAME_URL");
    Process process = builder.start();
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
    return new Result(process.exitValue(), out, err.get());
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path data(String file) throws URISyntaxException {
    return Path.of(CliIT.class.getResource("/data/" + file).toURI());
  }

  /** {@code put data.csv} then {@code get --out copy.csv} gives back the same table. */
  @ParameterizedTest
  @ValueSource(strings = {"seattle-weather.csv", "zipcodes.csv", "birdstrikes.csv", "stocks.csv"})
  void csvRoundTripsThroughPutAndGet(String file) throws Exception {
    Path copy = dir.resolve("copy.csv");
    Result put = redframe("put", data(file).toString());
    Result get = redframe("get", file.replace(".csv", ""), "--out", copy.toString());

    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(put.out()).startsWith(file.replace(".csv", "") + " version 1: ");
    assertThat(get.exit()).as(get.err()).isZero();
    Table original = Inputs.csv(data(file), "t", ',');
    Table back = Inputs.csv(copy, "t", ',');
    assertThat(back.columnNames()).isEqualTo(original.columnNames());
    assertThat(back.rowCount()).isEqualTo(original.rowCount());
    for (int c = 0; c < original.columnCount(); c++) {
      assertThat(back.column(c).type()).isEqualTo(original.column(c).type());
      assertThat(back.column(c).asList())
          .as(original.column(c).name())
          .isEqualTo(original.column(c).asList());
    }
    if (file.equals("zipcodes.csv")) {
      assertThat(Files.readAllLines(copy).get(1)).startsWith("00501,");
    }
  }

  @Test
  void everyInputAndOutputFormat() throws Exception {
    assertThat(
            redframe(
                    "put",
                    data("seattle-weather.csv").toString(),
                    "--name",
                    "w",
                    "--compression",
                    "zstd")
                .exit())
        .isZero();
    Path json = dir.resolve("w.json");
    Path arrow = dir.resolve("w.arrow");
    Path csv = dir.resolve("w.csv");
    for (Path out : List.of(json, arrow, csv)) {
      Result get = redframe("get", "w", "--out", out.toString());
      assertThat(get.exit()).as(get.err()).isZero();
    }
    assertThat(redframe("put", json.toString(), "--name", "from-json", "--format", "json").exit())
        .isZero();
    assertThat(redframe("put", arrow.toString(), "--name", "from-arrow").exit()).isZero();
    Path records = dir.resolve("records.json");
    Files.writeString(
        records, "[{\"a\": 1, \"b\": \"x\", \"c\": true}, {\"a\": 2, \"b\": null, \"d\": 1.5}]");
    Result fromRecords = redframe("put", records.toString());
    Result pandas = redframe("put", data("pandas-table.json").toString());
    Result flights =
        redframe(
            "put",
            Path.of("..", "arrow-codec", "src", "test", "resources", "data", "flights-200k.arrow")
                .toString(),
            "--compression",
            "lz4");

    assertThat(fromRecords.out()).startsWith("records version 1: 2 rows, 4 columns");
    assertThat(pandas.out()).startsWith("pandas-table version 1: 4 rows, 7 columns");
    assertThat(flights.out()).startsWith("flights-200k version 1: 200000 rows");
    Result shown = redframe("get", "from-json", "--rows", "0:3", "--columns", "date,weather");
    assertThat(shown.out())
        .contains("from-json version 1: 3 rows x 2 columns")
        .contains("2012-01-01")
        .contains("drizzle");
    Result arrowBack = redframe("get", "from-arrow", "--head", "2");
    assertThat(arrowBack.out()).contains("1461 rows x 6 columns");
    Result flightsOut =
        redframe(
            "get",
            "flights-200k",
            "--out",
            dir.resolve("f.arrow").toString(),
            "--columns",
            "delay",
            "--rows",
            "10:20");
    assertThat(flightsOut.exit()).as(flightsOut.err()).isZero();
    assertThat(Table.read().file(dir.resolve("f.arrow").toFile()).rowCount()).isEqualTo(10);
  }

  @Test
  void lsInfoHistoryRmAndWatch() throws Exception {
    CompletableFuture<Result> watch =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return redframe("watch", "w", "--for", "25s");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.onSpinWait();
    TestRedis.await("the watcher to start", java.time.Duration.ofSeconds(20), () -> watchStarted());
    redframe("put", data("seattle-weather.csv").toString(), "--name", "w");
    redframe("put", data("stocks.csv").toString(), "--name", "w", "--ttl", "1h");

    Result ls = redframe("ls");
    Result info = redframe("info", "w");
    Result history = redframe("history", "w");
    assertThat(ls.out()).contains("NAME").containsPattern("w +2 +560 ");
    assertThat(info.out())
        .contains("\"name\" : \"w\"")
        .contains("\"version\" : 2")
        .contains("\"crc32c\"");
    assertThat(history.out()).containsPattern(" +1 +1461 ").containsPattern(" +2 current +560 ");
    Result watched = watch.get(60, TimeUnit.SECONDS);
    assertThat(watched.out()).contains("w version 1: 1461 rows").contains("w version 2: 560 rows");
    assertThat(redframe("rm", "w").out()).contains("removed w");
    assertThat(redframe("ls").out().lines().count()).isEqualTo(1);
  }

  private boolean watchStarted() {
    // The watcher subscribes from a fresh JVM; give it a publish to see once it is up.
    return ProcessHandle.current()
            .descendants()
            .anyMatch(p -> p.info().commandLine().orElse("").contains(" watch w"))
        && pause();
  }

  private static boolean pause() {
    java.util.concurrent.locks.LockSupport.parkNanos(1_500_000_000L);
    return true;
  }

  @Test
  void failuresExitWithOneClearLine() throws Exception {
    Result missingFile = redframe("put", dir.resolve("nope.csv").toString());
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "a,b\n1,2,3,4\n\"unclosed\n");
    Result badCsv = redframe("put", bad.toString());
    Result notFound = redframe("get", "nope");
    Result unreachable = redframe("--url", "redis://127.0.0.1:1?connectTimeout=500ms", "ls");
    Result usage = redframe("get");
    Result unknownFormat = redframe("put", data("stocks.csv").toString(), "--format", "xml");

    assertThat(missingFile.exit()).isEqualTo(1);
    assertThat(missingFile.err().strip())
        .isEqualTo("redframe: " + dir.resolve("nope.csv") + ": no such file");
    assertThat(badCsv.exit()).isEqualTo(1);
    assertThat(badCsv.err()).startsWith("redframe: Unreadable CSV").doesNotContain("\tat ");
    assertThat(notFound.exit()).isEqualTo(1);
    assertThat(notFound.err()).startsWith("redframe: No frame 'nope'");
    assertThat(unreachable.exit()).isEqualTo(1);
    assertThat(unreachable.err()).startsWith("redframe: Redis unreachable at redis://127.0.0.1:1");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.err()).contains("Missing required parameter: 'NAME'");
    assertThat(unknownFormat.exit()).isEqualTo(2);
    assertThat(redframe("--debug", "get", "nope").err()).contains("\tat io.redframe");
  }

  @Test
  void aVersionConflictChangesNothing() throws Exception {
    redframe("put", data("stocks.csv").toString(), "--name", "s");
    Result conflict =
        redframe("put", data("seattle-weather.csv").toString(), "--name", "s", "--if-version", "7");

    assertThat(conflict.exit()).isEqualTo(1);
    assertThat(conflict.err())
        .startsWith(
            "redframe: Version conflict on frame 's': expected current version 7 but it is 1");
    assertThat(redframe("get", "s", "--head", "1").out()).contains("s version 1: 560 rows");
  }

  @Test
  void embeddedServerStartStatusStop() throws Exception {
    String embedded = "embedded:" + dir.resolve("store");
    Result start = redframe("--url", embedded, "server", "start");
    Result put = redframe("--url", embedded, "put", data("stocks.csv").toString());
    Result status = redframe("--url", embedded, "server", "status");
    Result stop = redframe("--url", embedded, "server", "stop");
    Result after = redframe("--url", embedded, "server", "status");
    Result persisted = redframe("--url", embedded, "get", "stocks", "--head", "1");

    assertThat(start.out()).as(start.err()).startsWith("running: 127.0.0.1:");
    assertThat(put.exit()).isZero();
    assertThat(status.out()).startsWith("running: ").contains("started by `server start`");
    assertThat(stop.out()).startsWith("stopped ");
    assertThat(after.out()).startsWith("not running");
    assertThat(persisted.out()).contains("stocks version 1: 560 rows");
  }

  @Test
  void benchComparesTheFormats() throws Exception {
    Result bench = redframe("bench", "--rows", "5000", "--repeat", "1");

    assertThat(bench.exit()).as(bench.err()).isZero();
    assertThat(bench.out())
        .contains("FORMAT")
        .contains("arrow/none")
        .contains("arrow/lz4")
        .contains("arrow/zstd")
        .contains("json");
  }

  @Test
  void versionAndHelp() throws Exception {
    assertThat(redframe("--version").out()).startsWith("redframe 0.1.0");
    assertThat(redframe("--help").out()).contains("put").contains("watch").contains("server");
  }
}
