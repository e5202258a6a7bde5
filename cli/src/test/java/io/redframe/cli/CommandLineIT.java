package io.redframe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.FrameStore;
import io.redframe.ObjectFormat;
import io.redframe.arrow.NdArray;
import io.redframe.arrow.NumericArrays;
import io.redframe.cli.RedframeJar.Result;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line people expect: help, usage errors, every kind of frame, safe names. */
class CommandLineIT {
  @TempDir Path dir;
  private RedframeJar redframe;

  @BeforeEach
  void store() {
    redframe = RedframeJar.fresh();
  }

  private static Path data(String file) throws URISyntaxException {
    return Path.of(CommandLineIT.class.getResource("/data/" + file).toURI());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "put", "get", "ls", "info", "history", "rm", "watch", "server", "bench", "worker", "jobs"
      })
  void everySubcommandHasHelp(String command) throws Exception {
    Result help = redframe.run(command, "--help");
    Result h = redframe.run(command, "-h");
    Result helpCommand = redframe.run("help", command);

    for (Result result : List.of(help, h, helpCommand)) {
      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(result.out()).startsWith("Usage: redframe " + command).contains("-h, --help");
    }
  }

  @Test
  void aNestedSubcommandHasHelpToo() throws Exception {
    Result help = redframe.run("jobs", "enqueue", "-h");

    assertThat(help.exit()).isZero();
    assertThat(help.out()).startsWith("Usage: redframe jobs enqueue");
  }

  @Test
  void aUsageErrorPrintsThatSubcommandsUsageAndExits2() throws Exception {
    Result rows = redframe.run("get", "x", "--rows", "nonsense");
    Result unknown = redframe.run("put", "--bogus", "x.csv");

    assertThat(rows.exit()).isEqualTo(2);
    assertThat(rows.err())
        .startsWith("Invalid --rows 'nonsense': expected FROM:TO, such as 0:100")
        .contains("Usage: redframe get ");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err())
        .contains("Unknown option: '--bogus'")
        .contains("Usage: redframe put ");
  }

  @Test
  void badDurationsListTheAcceptedFormsAndExit2() throws Exception {
    Result watch = redframe.run("watch", "w", "--for", "bogus");
    Result put = redframe.run("put", data("stocks.csv").toString(), "--ttl", "3 weeks");

    String forms =
        "expected a duration such as 250ms, 30s, 10m, 2h or 7d (a whole number and ms, s, m, h or"
            + " d), or ISO-8601 such as PT1H30M";
    assertThat(watch.exit()).isEqualTo(2);
    assertThat(watch.err())
        .startsWith("Invalid --for 'bogus': " + forms)
        .contains("Usage: redframe watch")
        .doesNotContain("store option");
    assertThat(put.exit()).isEqualTo(2);
    assertThat(put.err()).startsWith("Invalid --ttl '3 weeks': " + forms);
  }

  @Test
  void getOfATableSaysHowManyRowsItShows() throws Exception {
    redframe.run("put", data("seattle-weather.csv").toString());

    Result get = redframe.run("get", "seattle-weather");
    Result all = redframe.run("get", "seattle-weather", "--rows", "0:3");

    assertThat(get.out())
        .startsWith("seattle-weather version 1: 1461 rows x 6 columns")
        .contains("2012-01-10")
        .doesNotContain("2012-01-11")
        .endsWith("10 of 1,461 rows shown\n");
    assertThat(all.out()).contains("3 rows x 6 columns").doesNotContain("rows shown");
  }

  @Test
  void rowsPastTheEndAndANegativeHeadAreExplained() throws Exception {
    redframe.run("put", data("seattle-weather.csv").toString());

    Result past = redframe.run("get", "seattle-weather", "--rows", "2000:3000");
    Result negative = redframe.run("get", "seattle-weather", "--head", "-1");

    assertThat(past.exit()).isZero();
    assertThat(past.out()).contains("(no rows in --rows 2000:3000: the frame has 1,461 rows)");
    assertThat(negative.exit()).isEqualTo(2);
    assertThat(negative.err()).startsWith("Invalid --head -1: expected 0 or more rows");
  }

  @Test
  void objectsPrintAndWriteAsJsonOrYaml() throws Exception {
    try (FrameStore store = FrameStore.open(redframe.url())) {
      store.saveObject("params", Map.of("model", "gbm", "alpha", 0.05), ObjectFormat.JSON);
      store.saveObject("config", Map.of("layers", List.of(64, 32)), ObjectFormat.YAML);
    }
    Path yaml = dir.resolve("params.yaml");

    Result json = redframe.run("get", "params");
    Result asYaml = redframe.run("get", "config");
    Result written = redframe.run("get", "params", "--out", yaml.toString());
    Result info = redframe.run("info", "config");
    Result wrongOut = redframe.run("get", "params", "--out", dir.resolve("p.csv").toString());

    assertThat(json.exit()).as(json.err()).isZero();
    assertThat(json.out())
        .startsWith("params version 1: an object (json)")
        .contains("\"model\" : \"gbm\"")
        .contains("\"alpha\" : 0.05");
    assertThat(asYaml.out()).contains("layers:").contains("- 64").contains("- 32");
    assertThat(written.exit()).as(written.err()).isZero();
    assertThat(Files.readString(yaml)).contains("model: \"gbm\"").contains("alpha: 0.05");
    assertThat(info.out()).contains("\"codec\" : \"yaml\"");
    assertThat(wrongOut.exit()).isEqualTo(2);
    assertThat(wrongOut.err()).startsWith("Cannot write object 'params' to ");
  }

  @Test
  void arraysPrintDtypeShapeAndFirstValuesAndGoToAndFromNumpy() throws Exception {
    double[] values = new double[64_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.5;
    }
    try (FrameStore store = FrameStore.open(redframe.url());
        BufferAllocator allocator = new RootAllocator()) {
      NumericArrays.of(store, allocator)
          .save("weights", NdArray.of(values, NdArray.Order.C, 1000, 64));
    }
    Path npy = dir.resolve("weights.npy");

    Result shown = redframe.run("get", "weights");
    Result written = redframe.run("get", "weights", "--out", npy.toString());
    String numpy =
        python(
            "import numpy as np; a = np.load('"
                + npy
                + "', allow_pickle=False); print(a.dtype, a.shape, a[999, 63], a.flags['C_CONTIGUOUS'])");
    Result put = redframe.run("put", npy.toString(), "--name", "back");
    Path again = dir.resolve("again.npy");
    redframe.run("get", "back", "--out", again.toString());

    assertThat(shown.out())
        .startsWith("weights version 1: array of <f8, shape (1000, 64), C order, 64,000 values")
        .contains("[0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5] ...")
        .contains("10 of 64,000 values shown");
    assertThat(written.exit()).as(written.err()).isZero();
    assertThat(numpy.strip()).isEqualTo("float64 (1000, 64) 31999.5 True");
    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(put.out()).startsWith("back version 1: an array of <f8, shape (1000, 64)");
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(npy));
  }

  @Test
  void numpyFilesOfEveryStoredDtypeAndOrderGoIn() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("npy"));
    python(
        "import numpy as np\n"
            + "d = '"
            + folder
            + "'\n"
            + "for t in ['<f8', '<f4', '<i8', '<i4', '<i2', '|i1', '|b1']:\n"
            + "    a = (np.arange(12) % 3).astype(t).reshape(3, 4)\n"
            + "    np.save(d + '/c' + t[1:] + '.npy', a)\n"
            + "    np.save(d + '/f' + t[1:] + '.npy', np.asfortranarray(a))\n"
            + "np.save(d + '/object.npy', np.array([{'a': 1}], dtype=object), allow_pickle=True)\n"
            + "np.save(d + '/unsigned.npy', np.arange(3, dtype='u2'))\n");
    for (String order : List.of("c", "f")) {
      for (String type : List.of("f8", "f4", "i8", "i4", "i2", "i1", "b1")) {
        Path in = folder.resolve(order + type + ".npy");
        Path out = dir.resolve(order + type + "-out.npy");
        Result put = redframe.run("put", in.toString(), "--name", order + type);
        Result get = redframe.run("get", order + type, "--out", out.toString());
        assertThat(put.exit()).as(put.err()).isZero();
        assertThat(get.exit()).as(get.err()).isZero();
        String same =
            python(
                "import numpy as np; a = np.load('"
                    + in
                    + "'); b = np.load('"
                    + out
                    + "'); print(a.dtype == b.dtype and a.shape == b.shape and (a == b).all()"
                    + " and a.flags['F_CONTIGUOUS'] == b.flags['F_CONTIGUOUS'])");
        assertThat(same.strip()).as(order + type).isEqualTo("True");
      }
    }
    Result object = redframe.run("put", folder.resolve("object.npy").toString());
    Result unsigned = redframe.run("put", folder.resolve("unsigned.npy").toString());
    assertThat(object.exit()).isEqualTo(1);
    assertThat(object.err())
        .contains("object.npy is not a NumPy .npy file redframe reads: dtype '|O'");
    assertThat(unsigned.err()).contains("dtype '<u2' is not one redframe stores");
  }

  private static String python(String code) throws Exception {
    Process process =
        new ProcessBuilder("/usr/bin/python3", "-c", code).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void namesWithControlCharactersAreRefusedOrPrintedEscaped() throws Exception {
    try (FrameStore store = FrameStore.open(redframe.url())) {
      store.saveObject("two\nlines", Map.of("a", 1));
      store.saveObject("tab\there", Map.of("a", 1));
    }

    Result ls = redframe.run("ls");
    Result put =
        redframe.run("put", data("stocks.csv").toString(), "--name", "evil\nname\u001b[31m");

    assertThat(ls.out().lines()).hasSize(3);
    assertThat(ls.out()).contains("$'two\\nlines'").contains("$'tab\\there'");
    assertThat(put.exit()).isEqualTo(2);
    assertThat(put.err())
        .startsWith(
            "Invalid frame name $'evil\\nname\\x1b[31m': a name given on the command line may not"
                + " hold control characters");
  }
}
