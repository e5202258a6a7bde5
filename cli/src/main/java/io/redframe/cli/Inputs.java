package io.redframe.cli;

import io.redframe.tablesaw.TableJson;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
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

  /**
   * Checks that {@code file} is a file this process can read.
   *
   * @throws NoSuchFileException if it is absent, a directory or unreadable, saying which
   */
  static void checkReadable(Path file) throws NoSuchFileException {
    if (Files.isDirectory(file)) {
      throw new NoSuchFileException(file.toString(), null, "is a directory, not a file");
    }
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
    if (!Files.isReadable(file)) {
      throw new NoSuchFileException(file.toString(), null, "permission denied");
    }
  }

  /**
   * How text files are read: their encoding, and the cells of a CSV file that mean a missing value
   * (the empty cell always does).
   */
  record TextOptions(Charset charset, List<String> missing) {
    static final TextOptions DEFAULTS = new TextOptions(StandardCharsets.UTF_8, List.of());

    String[] missingMarkers() {
      List<String> markers = new ArrayList<>(List.of(""));
      markers.addAll(missing);
      return markers.toArray(String[]::new);
    }
  }

  /**
   * Tablesaw's CSV reader with its type inference, except that a column stays text where reading it
   * as another type would change a value: numbers written with leading zeros (zip codes, ids),
   * numbers that no long or double holds exactly, booleans written other than true/false, and text
   * Tablesaw would read as a number but is not one as written (such as " 5"). Dates and times keep
   * their value (Tablesaw writes them back in ISO form). Only the empty cell and {@code
   * options.missing()} mean missing, cells of any length are read, and the file must decode in
   * {@code options.charset()}.
   *
   * @throws IllegalArgumentException if the file does not decode, or Tablesaw cannot read it
   * @throws IOException if reading fails
   */
  static Table csv(Path file, String name, char separator, TextOptions options) throws IOException {
    checkDecodes(file, options.charset());
    if (Files.size(file) == 0) {
      return Table.create(name); // what get --out writes for a table of no columns
    }
    Table text =
        readCsv(file, name, separator, options, b -> b.columnTypes(c -> ColumnType.STRING));
    if (text.rowCount() == 0) {
      return text; // only a header: the names, as text columns (there is nothing to infer from)
    }
    Map<String, ColumnType> keep = new HashMap<>();
    for (StringColumn column : text.stringColumns()) {
      if (column.asList().stream().anyMatch(v -> v != null && LEADING_ZERO.matcher(v).matches())) {
        keep.put(column.name(), ColumnType.STRING);
      }
    }
    Table typed = readCsv(file, name, separator, options, b -> b.columnTypesPartial(keep));
    int kept = keep.size();
    for (int c = 0; c < typed.columnCount(); c++) {
      Column<?> column = typed.column(c);
      if (column.type() != ColumnType.STRING && !sameValues(column, text.stringColumn(c))) {
        keep.put(column.name(), ColumnType.STRING);
      }
    }
    return keep.size() == kept
        ? typed
        : readCsv(file, name, separator, options, b -> b.columnTypesPartial(keep));
  }

  /** {@code reader} past a byte order mark (which Excel writes), else as it was. */
  private static Reader withoutByteOrderMark(Reader reader) throws IOException {
    reader.mark(1);
    if (reader.read() != 0xFEFF) {
      reader.reset();
    }
    return reader;
  }

  /** Whether every cell of a typed column holds the value its text says. */
  private static boolean sameValues(Column<?> typed, StringColumn text) {
    for (int row = 0; row < typed.size(); row++) {
      if (typed.isMissing(row) || text.isMissing(row)) {
        if (typed.isMissing(row) != text.isMissing(row)) {
          return false; // such as NaN, which Tablesaw reads as a missing double
        }
        continue;
      }
      if (!sameValue(typed.type(), typed.getUnformattedString(row), text.get(row))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameValue(ColumnType type, String value, String text) {
    if (value.equals(text)) {
      return true;
    }
    if (type == ColumnType.BOOLEAN) {
      return value.equalsIgnoreCase(text);
    }
    if (type == ColumnType.LOCAL_DATE
        || type == ColumnType.LOCAL_TIME
        || type == ColumnType.LOCAL_DATE_TIME
        || type == ColumnType.INSTANT) {
      return true; // the same date or time, written in ISO form
    }
    try {
      return new BigDecimal(value).compareTo(new BigDecimal(text)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static Table csv(Path file, String name, char separator) throws IOException {
    return csv(file, name, separator, TextOptions.DEFAULTS);
  }

  private static Table readCsv(
      Path file,
      String name,
      char separator,
      TextOptions options,
      UnaryOperator<CsvReadOptions.Builder> types)
      throws IOException {
    try (Reader reader = withoutByteOrderMark(Files.newBufferedReader(file, options.charset()))) {
      CsvReadOptions.Builder builder =
          CsvReadOptions.builder(reader)
              .tableName(name)
              .separator(separator)
              .maxCharsPerColumn(-1) // no limit: whatever get --out writes, put reads back
              .ignoreZeroDecimal(false) // 1.0 stays a double, as written
              .missingValueIndicator(options.missingMarkers());
      return Table.read().usingOptions(types.apply(builder).build());
    }
  }

  private static final Pattern LEADING_ZERO = Pattern.compile("[+-]?0\\d+");

  /**
   * Checks that {@code file} decodes in {@code charset}, naming the byte offset of the first bytes
   * that do not.
   *
   * @throws IllegalArgumentException if some bytes do not decode
   * @throws IOException if reading fails
   */
  static void checkDecodes(Path file, Charset charset) throws IOException {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.allocate(64 << 10);
    CharBuffer out = CharBuffer.allocate(64 << 10);
    long consumed = 0;
    try (ReadableByteChannel channel = Files.newByteChannel(file)) {
      boolean end = false;
      while (true) {
        end = end || channel.read(in) < 0;
        in.flip();
        CoderResult result = decoder.decode(in, out, end);
        if (result.isError()) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "%s is not valid %s text: byte 0x%02X at offset %,d does not decode"
                      + " (name the file's encoding with --encoding, such as --encoding ISO-8859-1)",
                  file,
                  charset.name(),
                  in.get(in.position()) & 0xFF,
                  consumed + in.position()));
        }
        consumed += in.position();
        in.compact();
        out.clear();
        if (end && result.isUnderflow()) {
          return;
        }
      }
    }
  }

  /**
   * A CSV (types inferred by Tablesaw) or JSON file (records, or a pandas orient="table" document).
   *
   * @throws IllegalArgumentException if the file is not one, names the file and the cause
   * @throws IOException if reading fails
   */
  static Table table(Path file, String name, TextOptions options) throws IOException {
    checkReadable(file);
    switch (extension(file)) {
      case "csv", "tsv" -> {
        try {
          return csv(file, name, extension(file).equals("tsv") ? '\t' : ',', options);
        } catch (RuntimeException e) {
          throw unreadable("CSV", file, e);
        }
      }
      case "json" -> {
        checkDecodes(file, options.charset());
        try (Reader reader = Files.newBufferedReader(file, options.charset())) {
          return TableJson.read(reader, name);
        } catch (RuntimeException e) {
          throw unreadable("JSON", file, e);
        }
      }
      default ->
          throw new IllegalArgumentException(
              "Cannot read "
                  + file
                  + ": expected .csv, .tsv, .json, .arrow, .feather, .arrows or .npy");
    }
  }

  private static IllegalArgumentException unreadable(String kind, Path file, RuntimeException e) {
    if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
      return (IllegalArgumentException) e;
    }
    return new IllegalArgumentException(
        "Unreadable " + kind + " file " + file + ": " + e.getMessage(), e);
  }
}
