package io.redframe.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** The end-to-end report as Markdown (for the README) and as a PNG bar chart. */
final class Report {
  static final String BEGIN = "<!-- e2e:begin -->\n";
  static final String END = "<!-- e2e:end -->";

  private Report() {}

  private record Row(String label, long bytes, double save, double load) {}

  private static List<Row> rows(JsonNode json) {
    List<Row> rows = new ArrayList<>();
    JsonNode limit = json.get("limit");
    rows.add(
        new Row(
            "limit: raw 1 MiB fields, pipelined",
            limit.get("bytes").asLong(),
            limit.get("write_ms").asDouble(),
            limit.get("read_ms").asDouble()));
    json.get("redframe")
        .properties()
        .forEach(
            e ->
                rows.add(
                    new Row(
                        "redframe " + e.getKey(),
                        e.getValue().get("bytes").asLong(),
                        // a reload row (the load cache) has no save of its own: NaN
                        e.getValue().path("save_ms").asDouble(Double.NaN),
                        e.getValue().get("load_ms").asDouble())));
    JsonNode python = json.get("python");
    if (!python.has("absent")) {
      rows.add(
          new Row(
              "pickle + redis-py",
              python.get("pickle_bytes").asLong(),
              python.get("pickle_save_ms").asDouble(),
              python.get("pickle_load_ms").asDouble()));
      rows.add(
          new Row(
              "pandas to_json/read_json + redis-py",
              python.get("json_bytes").asLong(),
              python.get("json_save_ms").asDouble(),
              python.get("json_load_ms").asDouble()));
    }
    return rows;
  }

  static String markdown(JsonNode json) {
    StringBuilder md = new StringBuilder();
    JsonNode limit = json.get("limit");
    double limitWrite = limit.get("bytes").asDouble() / limit.get("write_ms").asDouble();
    double limitRead = limit.get("bytes").asDouble() / limit.get("read_ms").asDouble();
    JsonNode python = json.get("python");
    md.append(
        String.format(
            Locale.ROOT,
            "R1M: %,d rows × 7 columns (long, 2 doubles, int, boolean, string of 5,000 values, timestamp); best of 10 runs after each step's warm-up (%s, on both sides), saves back to back; the store on default options unless the row says otherwise; one Redis %s on loopback; %s; JDK %s; %s.%n%n",
            json.get("rows").asLong(),
            json.has("warm_up_seconds")
                ? String.format(
                    Locale.ROOT,
                    "at least 3 runs and %.0f s",
                    json.get("warm_up_seconds").asDouble())
                : "3 runs",
            json.get("redis").asText(),
            json.get("machine").asText(),
            json.get("jdk").asText(),
            json.get("date").asText().substring(0, 10)));
    md.append(
        "| step | stored | save ms | load ms | save vs limit | load vs limit | save vs pickle | load vs pickle |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Row row : rows(json)) {
      double saveLimit = row.bytes() / limitWrite / row.save();
      double loadLimit = row.bytes() / limitRead / row.load();
      String vsPickle =
          python.has("absent")
              ? "n/a | n/a"
              : cell("%.1f×", python.get("pickle_save_ms").asDouble() / row.save())
                  + " | "
                  + cell("%.1f×", python.get("pickle_load_ms").asDouble() / row.load());
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f MB | %s | %s | %s | %s | %s |%n",
              row.label(),
              row.bytes() / 1e6,
              cell("%.0f", row.save()),
              cell("%.0f", row.load()),
              cell("%.0f%%", 100 * saveLimit),
              cell("%.0f%%", 100 * loadLimit),
              vsPickle));
    }
    if (json.has("side_by_side")) {
      md.append(sideBySide(json.get("side_by_side")));
    }
    StringBuilder medians = new StringBuilder();
    json.get("redframe")
        .properties()
        .forEach(
            e -> {
              if (e.getValue().has("load_median_ms")) {
                medians.append(
                    String.format(
                        Locale.ROOT,
                        "%s%s %s / %.0f",
                        medians.isEmpty() ? "" : "; ",
                        e.getKey(),
                        cell("%.0f", e.getValue().path("save_median_ms").asDouble(Double.NaN)),
                        e.getValue().get("load_median_ms").asDouble()));
              }
            });
    if (!medians.isEmpty()) {
      md.append("\nMedians of the same runs, save / load ms: ").append(medians).append(".\n");
    }
    JsonNode arrow = json.get("redframe").get("arrow/none");
    if (arrow.has("first_load_ms")) {
      md.append(
          String.format(
              Locale.ROOT,
              "%nThe first save and load of a fresh JVM (arrow/none, before any warm-up: what a"
                  + " one-shot process such as the CLI pays while the JIT has compiled nothing yet):"
                  + " %.0f / %.0f ms.%n",
              arrow.get("first_save_ms").asDouble(),
              arrow.get("first_load_ms").asDouble()));
    }
    if (limit.has("overwrite_ms")) {
      md.append(
          String.format(
              Locale.ROOT,
              "%nThe limit writes each round into a new key and deletes the previous one, as a new"
                  + " version is written; overwriting the same fields of one key instead (Redis"
                  + " reuses their memory: its fastest case, which no versioned write gets) took"
                  + " %.0f ms.%n",
              limit.get("overwrite_ms").asDouble()));
    }
    if (python.has("absent")) {
      md.append("| pickle + redis-py, pandas JSON | absent: ")
          .append(python.get("absent").asText())
          .append(" | | | | | | |\n");
    } else {
      md.append(
          String.format(
              Locale.ROOT,
              "%nPython %s, pandas %s, redis-py %s.%n",
              python.get("python").asText(),
              python.get("pandas").asText(),
              python.get("redis_py").asText()));
    }
    JsonNode selective = json.get("selective");
    md.append(
        String.format(
            Locale.ROOT,
            "%nSelective loads (Arrow, no compression): full %.0f ms; 1 of 7 columns (`x`, %.0f%% of the bytes) %.0f ms = %.2f× its share; a tenth of the rows %.0f ms.%n",
            selective.get("full_ms").asDouble(),
            100 * selective.get("column_share").asDouble(),
            selective.get("one_column_ms").asDouble(),
            selective.get("one_column_ms").asDouble()
                / selective.get("full_ms").asDouble()
                / selective.get("column_share").asDouble(),
            selective.get("tenth_of_rows_ms").asDouble()));
    JsonNode large = json.get("large");
    md.append(
        String.format(
            Locale.ROOT,
            "%nA frame beyond Redis' 512 MB value limit: %,d rows, %.2f GB saved from a streaming reader in %.1f s (%.2f GB/s) and loaded batch by batch in %.1f s (%.2f GB/s); peak heap %.0f MB of a %.0f MB maximum, peak RSS %.0f MB.%n",
            large.get("rows").asLong(),
            large.get("bytes").asDouble() / 1e9,
            large.get("save_ms").asDouble() / 1e3,
            large.get("bytes").asDouble() / 1e6 / large.get("save_ms").asDouble(),
            large.get("load_ms").asDouble() / 1e3,
            large.get("bytes").asDouble() / 1e6 / large.get("load_ms").asDouble(),
            large.get("peak_heap_bytes").asDouble() / 1e6,
            large.get("max_heap_bytes").asDouble() / 1e6,
            large.get("peak_rss_bytes").asDouble() / 1e6));
    return md.toString();
  }

  /**
   * The side-by-side rounds: each path's best and median beside the limit's in the same rounds, and
   * the CPU time per run, whose half is the least wall time two cores allow.
   */
  private static String sideBySide(JsonNode side) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "%nSide by side: the limit, the save and load from Arrow memory and through Tablesaw"
                + " (arrow/none, default options) run in turn, %d rounds after the warm-up, so each"
                + " ratio compares runs that met the same machine. CPU is per run, this JVM's (all"
                + " its threads, GC and JIT included, to the nanosecond from /proc/self/task) +"
                + " Redis' (INFO cpu); half of it is the least wall time two cores allow.%n%n",
            side.get("rounds").asInt()));
    md.append(
        "| path | save ms, best / median | vs limit, best / median | save CPU ms (floor) |"
            + " load ms, best / median | vs limit, best / median | load CPU ms (floor) |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    String[][] paths = {
      {"raw limit", "raw_write", "raw_read"},
      {"from Arrow memory", "arrow_save", "arrow_load"},
      {"through Tablesaw", "tablesaw_save", "tablesaw_load"}
    };
    for (String[] path : paths) {
      md.append("| ").append(path[0]);
      for (int i = 1; i <= 2; i++) {
        JsonNode step = side.get(path[i]);
        JsonNode limit = side.get(i == 1 ? "raw_write" : "raw_read");
        double cpu = step.get("client_cpu_ms").asDouble() + step.get("redis_cpu_ms").asDouble();
        md.append(
            String.format(
                Locale.ROOT,
                " | %.1f / %.1f | %.0f%% / %.0f%% | %.1f + %.1f (%.1f)",
                step.get("best_ms").asDouble(),
                step.get("median_ms").asDouble(),
                100 * limit.get("best_ms").asDouble() / step.get("best_ms").asDouble(),
                100 * limit.get("median_ms").asDouble() / step.get("median_ms").asDouble(),
                step.get("client_cpu_ms").asDouble(),
                step.get("redis_cpu_ms").asDouble(),
                cpu / 2));
      }
      md.append(" |\n");
    }
    return md.toString();
  }

  /** {@code value} formatted, or a dash for a figure the row does not have (NaN). */
  private static String cell(String format, double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, format, value);
  }

  static void write(JsonNode json, Path png, Path readme, Path out) throws Exception {
    chart(rows(json), png);
    if (Files.exists(readme)) {
      String text = Files.readString(readme);
      int begin = text.indexOf(BEGIN);
      int end = text.indexOf(END);
      if (begin >= 0 && end > begin) {
        String image =
            "![end-to-end save and load times]("
                + readme.toAbsolutePath().getParent().relativize(png.toAbsolutePath())
                + ")\n";
        Files.writeString(
            readme,
            text.substring(0, begin + BEGIN.length())
                + markdown(json)
                + "\n"
                + image
                + text.substring(end));
      }
    }
  }

  /** One bar with its value; a bar past the axis is cut, with a break mark. */
  private static void bar(
      Graphics2D g, Color color, int left, int y, double value, double max, int space) {
    boolean cut = value > max;
    int width = (int) Math.max(1, Math.min(value, max) / max * space);
    g.setColor(color);
    g.fillRect(left, y, width, 16);
    if (cut) {
      g.setColor(Color.WHITE);
      g.fillRect(left + width - 24, y - 1, 5, 18);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString(String.format(Locale.ROOT, "%,.0f", value), left + width + 6, y + 13);
  }

  private static void chart(List<Row> rows, Path png) throws Exception {
    System.setProperty("java.awt.headless", "true");
    int width = 1000;
    int rowHeight = 46;
    int height = 70 + rows.size() * rowHeight;
    // The axis fits the binary formats; longer bars (the JSON rows) are cut and marked.
    double max =
        1.15
            * rows.stream()
                .filter(r -> !r.label().contains("json"))
                .mapToDouble(r -> Double.isNaN(r.save()) ? r.load() : Math.max(r.save(), r.load()))
                .max()
                .orElse(1);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString("R1M save and load, milliseconds (shorter is better)", 20, 26);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int left = 24;
    for (Row row : rows) {
      left = Math.max(left, g.getFontMetrics().stringWidth(row.label()) + 24);
    }
    Color save = new Color(0x1f77b4);
    Color load = new Color(0xff7f0e);
    g.setColor(save);
    g.fillRect(width - 220, 14, 12, 12);
    g.setColor(load);
    g.fillRect(width - 130, 14, 12, 12);
    g.setColor(Color.BLACK);
    g.drawString("save", width - 204, 25);
    g.drawString("load", width - 114, 25);
    int barSpace = width - left - 90;
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      int y = 50 + i * rowHeight;
      g.setColor(Color.BLACK);
      g.drawString(row.label(), 12, y + 22);
      if (!Double.isNaN(row.save())) {
        bar(g, save, left, y + 4, row.save(), max, barSpace);
      }
      bar(g, load, left, y + 22, row.load(), max, barSpace);
    }
    g.setColor(Color.LIGHT_GRAY);
    g.setStroke(new BasicStroke(1));
    g.drawLine(left, 44, left, height - 10);
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }
}
