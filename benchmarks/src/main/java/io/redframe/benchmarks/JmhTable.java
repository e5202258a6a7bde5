package io.redframe.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON results for {@link TableFormatBenchmark} and {@link ArrayFormatBenchmark} into
 * one Markdown table per benchmark: stored size, and encode and decode time with MB/s and rows/s.
 * MB/s is over the data's size as uncompressed Arrow (the same for every format of a shape, so the
 * formats compare directly). Sizes are measured here, by encoding each shape once per format.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'TableFormat|ArrayFormat' -rf json -rff jmh.json
 * java --add-opens=java.base/java.nio=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *     io.redframe.benchmarks.JmhTable jmh.json [README.md]
 * </pre>
 *
 * With a README path, replaces the text between {@code <!-- jmh:begin -->} and {@code <!-- jmh:end
 * -->} in it.
 */
public final class JmhTable {
  static final String BEGIN = "<!-- jmh:begin -->";
  static final String END = "<!-- jmh:end -->";

  private JmhTable() {}

  public static void main(String[] args) throws Exception {
    JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    String markdown = markdown(results);
    System.out.println(markdown);
    if (args.length > 1) {
      Path readme = Path.of(args[1]);
      String text = Files.readString(readme, StandardCharsets.UTF_8);
      int begin = text.indexOf(BEGIN);
      int end = text.indexOf(END);
      if (begin < 0 || end < begin) {
        throw new IllegalStateException(readme + " has no " + BEGIN + " ... " + END + " section");
      }
      Files.writeString(
          readme,
          text.substring(0, begin + BEGIN.length()) + "\n" + markdown + text.substring(end),
          StandardCharsets.UTF_8);
    }
  }

  /** One row per (shape, format): its encode and decode results side by side. */
  @SuppressWarnings("ArrayRecordComponent") // never compared or hashed
  private record Row(Map<String, String> params, double[] encode, double[] decode) {}

  static String markdown(JsonNode results) throws Exception {
    Map<String, Row> tables = new LinkedHashMap<>();
    Map<String, Row> arrays = new LinkedHashMap<>();
    Map<String, Row> roots = new LinkedHashMap<>();
    for (JsonNode result : results) {
      String benchmark = result.get("benchmark").asText();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      Map<String, String> params = new LinkedHashMap<>();
      result.get("params").properties().forEach(p -> params.put(p.getKey(), p.getValue().asText()));
      Map<String, Row> rows =
          benchmark.contains("TableFormatBenchmark")
              ? tables
              : benchmark.contains("ArrayFormatBenchmark")
                  ? arrays
                  : benchmark.contains("ArrowCodecBenchmark") ? roots : null;
      if (rows == null) {
        continue;
      }
      Row row = rows.computeIfAbsent(params.toString(), k -> new Row(params, null, null));
      double[] score = {
        result.get("primaryMetric").get("score").asDouble(),
        result.get("primaryMetric").get("scoreError").asDouble()
      };
      row =
          method.startsWith("encode")
              ? new Row(params, score, row.decode())
              : new Row(params, row.encode(), score);
      rows.put(params.toString(), row);
    }
    StringBuilder out = new StringBuilder();
    if (!tables.isEmpty()) {
      out.append(
          "| shape | format | stored | encode ms | encode MB/s | encode Mrows/s | decode ms | decode MB/s | decode Mrows/s |\n");
      out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      for (Row row : tables.values()) {
        String shape = row.params().get("shape");
        int count = Integer.parseInt(row.params().get("rows"));
        int chunkSize = Integer.parseInt(row.params().get("chunkSize"));
        long data = tableBytes(shape, "arrow-none", count, chunkSize);
        long stored = tableBytes(shape, row.params().get("format"), count, chunkSize);
        out.append(line(shape, row.params().get("format"), stored, data, count, row));
      }
    }
    if (!arrays.isEmpty()) {
      out.append(
          "\n| array | format | stored | encode ms | encode MB/s | encode Melements/s | decode ms | decode MB/s | decode Melements/s |\n");
      out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      for (Row row : arrays.values()) {
        int count = Integer.parseInt(row.params().get("elements"));
        int chunkSize = Integer.parseInt(row.params().get("chunkSize"));
        long stored = arrayBytes(row.params().get("format"), count, chunkSize);
        out.append(
            line(count + " doubles", row.params().get("format"), stored, 8L * count, count, row));
      }
    }
    if (!roots.isEmpty()) {
      out.append(
          "\n| Arrow root | compression | stored | encode ms | encode MB/s | encode Mrows/s | decode ms | decode MB/s | decode Mrows/s |\n");
      out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      for (Row row : roots.values()) {
        ArrowCodecBenchmark benchmark = new ArrowCodecBenchmark();
        benchmark.shape = row.params().get("shape");
        benchmark.compression = row.params().get("compression");
        benchmark.rows = Integer.parseInt(row.params().get("rows"));
        benchmark.chunkSize = Integer.parseInt(row.params().get("chunkSize"));
        benchmark.setUp();
        try {
          out.append(
              line(
                  benchmark.shape,
                  benchmark.compression,
                  benchmark.storedBytes(),
                  benchmark.dataBytes(),
                  benchmark.rows,
                  row));
        } finally {
          benchmark.tearDown();
        }
      }
    }
    return out.toString();
  }

  /** The stored size of a shape in a format, from the benchmark's own setup. */
  private static long tableBytes(String shape, String format, int rows, int chunkSize)
      throws Exception {
    TableFormatBenchmark benchmark = new TableFormatBenchmark();
    benchmark.shape = shape;
    benchmark.format = format;
    benchmark.rows = rows;
    benchmark.chunkSize = chunkSize;
    benchmark.setUp();
    try {
      return benchmark.storedBytes();
    } finally {
      benchmark.tearDown();
    }
  }

  private static long arrayBytes(String format, int elements, int chunkSize) throws Exception {
    ArrayFormatBenchmark.Encoding benchmark = new ArrayFormatBenchmark.Encoding();
    benchmark.format = format;
    benchmark.elements = elements;
    benchmark.chunkSize = chunkSize;
    benchmark.setUp();
    try {
      return benchmark.storedBytes();
    } finally {
      benchmark.tearDown();
    }
  }

  private static String line(
      String shape, String format, long stored, long data, int count, Row row) {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %.1f MB | %s | %s | %s | %s | %s | %s |%n",
        shape,
        format,
        stored / 1e6,
        ms(row.encode()),
        rate(data / 1e6, row.encode()),
        rate(count / 1e6, row.encode()),
        ms(row.decode()),
        rate(data / 1e6, row.decode()),
        rate(count / 1e6, row.decode()));
  }

  private static String ms(double[] score) {
    return score == null
        ? "–"
        : String.format(
            Locale.ROOT, "%,.1f ± %,.1f", score[0], Double.isNaN(score[1]) ? 0 : score[1]);
  }

  private static String rate(double amount, double[] score) {
    return score == null ? "–" : String.format(Locale.ROOT, "%,.0f", amount / (score[0] / 1000));
  }
}
