package io.redframe.cli;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tech.tablesaw.api.Table;

/**
 * Tables as CSV that {@code put} reads back to the same values: univocity's writer (the library
 * Tablesaw's own CSV writer uses) set so that no cell is changed on the way out or back in. Cells
 * keep their leading and trailing white space (a cell holding a space or tab is quoted, as the
 * reader trims unquoted cells), line endings inside cells are kept as they are, and a missing value
 * is the empty cell (quoted in a table of one column, where it would be an empty line). The cell
 * text is Tablesaw's unformatted value, as its writer writes it.
 */
final class CsvOut {
  private CsvOut() {}

  /**
   * Writes {@code table} to {@code file} in UTF-8.
   *
   * @throws IOException if writing fails
   */
  static void write(Table table, Path file, char separator) throws IOException {
    CsvWriterSettings settings = new CsvWriterSettings();
    settings.getFormat().setDelimiter(separator);
    settings.getFormat().setLineSeparator("\n");
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setQuotationTriggers(' ', '\t');
    settings.setNormalizeLineEndingsWithinQuotes(false);
    settings.setSkipEmptyLines(false);
    settings.setNullValue("");
    settings.setEmptyValue("");
    // One column: a missing value would be an empty line, which readers skip; quoted, it is "".
    settings.setQuoteAllFields(table.columnCount() == 1);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      if (table.columnCount() == 0) {
        return; // no columns: an empty file, which put reads as an empty table
      }
      CsvWriter csv = new CsvWriter(out, settings);
      csv.writeHeaders(table.columnNames());
      String[] cells = new String[table.columnCount()];
      for (int row = 0; row < table.rowCount(); row++) {
        for (int column = 0; column < cells.length; column++) {
          cells[column] =
              table.column(column).isMissing(row) ? "" : table.getUnformatted(row, column);
        }
        csv.writeRow((Object[]) cells);
      }
      csv.close();
    }
  }
}
