package io.redframe.cli;

import io.redframe.tablesaw.TableJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Files the CLI reads, by extension. */
final class Inputs {
  private Inputs() {}

  static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? name : name.substring(0, dot);
  }

  static boolean isArrow(Path file) {
    return switch (extension(file)) {
      case "arrow", "feather", "arrows", "ipc" -> true;
      default -> false;
    };
  }

  static void checkReadable(Path file) throws NoSuchFileException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
  }

  /**
   * Tablesaw's CSV reader with its type inference, except that a column holding numbers written
   * with leading zeros (zip codes, ids) stays text, so no digit is lost.
   */
  static Table csv(Path file, String name, char separator) {
    Table text =
        Table.read()
            .usingOptions(
                CsvReadOptions.builder(file.toFile())
                    .tableName(name)
                    .separator(separator)
                    .columnTypes(column -> ColumnType.STRING));
    Map<String, ColumnType> keep = new HashMap<>();
    for (StringColumn column : text.stringColumns()) {
      if (column.asList().stream().anyMatch(v -> v != null && LEADING_ZERO.matcher(v).matches())) {
        keep.put(column.name(), ColumnType.STRING);
      }
    }
    return Table.read()
        .usingOptions(
            CsvReadOptions.builder(file.toFile())
                .tableName(name)
                .separator(separator)
                .columnTypesPartial(keep));
  }

  private static final Pattern LEADING_ZERO = Pattern.compile("[+-]?0\\d+");

  /**
   * A CSV (types inferred by Tablesaw) or JSON file (records, or a pandas orient="table" document).
   */
  static Table table(Path file, String name) throws IOException {
    checkReadable(file);
    switch (extension(file)) {
      case "csv", "tsv" -> {
        try {
          return csv(file, name, extension(file).equals("tsv") ? '\t' : ',');
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("Unreadable CSV " + file + ": " + e.getMessage(), e);
        }
      }
      case "json" -> {
        try {
          return TableJson.read(file, name);
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("Unreadable JSON " + file + ": " + e.getMessage(), e);
        }
      }
      default ->
          throw new IllegalArgumentException(
              "Cannot read " + file + ": expected .csv, .json, .arrow, .feather or .arrows");
    }
  }
}
