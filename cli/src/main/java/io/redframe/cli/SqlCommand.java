package io.redframe.cli;

import io.redframe.Manifest;
import io.redframe.jdbc.RedframeConnection;
import io.redframe.jdbc.RedframeDriver;
import io.redframe.tablesaw.ArrowTables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tech.tablesaw.api.Table;

/**
 * {@code redframe sql "SELECT ..."}: runs SQL over the store's frames through the {@code
 * jdbc:redframe:} driver, and prints the result as {@code get} prints a frame, writes it to a file
 * as {@code get --out} does, or saves it as a frame. Without a query it runs statements, each
 * ending with {@code ;} at the end of a line: from a prompt with line editing and history ({@code
 * ~/.redframe/sql_history}, JLine) on a terminal, else from standard input.
 */
@Command(
    name = "sql",
    description =
        "Run SQL (DuckDB's dialect) over the frames: every frame is a table, \"name@3\" its"
            + " version 3. Print the result, write it to a .csv, .json or .arrow file, or save it"
            + " as a frame. Without QUERY: statements ending in ';', from a prompt on a terminal,"
            + " else from standard input.")
final class SqlCommand implements Callable<Integer> {
  private static final long ARROW_BATCH_ROWS = 65_536;

  @ParentCommand RedframeCli cli;

  @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", description = "The statement.")
  String query;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the result to FILE (.csv, .json or .arrow) instead of printing it.")
  Path out;

  @Option(
      names = "--save",
      paramLabel = "NAME",
      description = "Save the result as a new version of frame NAME.")
  String save;

  @Option(
      names = "--head",
      defaultValue = "10",
      description = "Rows to print without --out (default: ${DEFAULT-VALUE}).")
  int head;

  @Override
  public Integer call() throws Exception {
    if (out != null
        && !List.of("csv", "json", "arrow", "feather").contains(Inputs.extension(out))) {
      throw new CommandLine.ParameterException(
          cli.spec.commandLine(), "Cannot write " + out + ": expected .csv, .json or .arrow");
    }
    if (out != null && save != null) {
      throw new CommandLine.ParameterException(
          cli.spec.commandLine(), "--out and --save are exclusive");
    }
    try (Connection connection = connect();
        BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
      if (query != null) {
        run(connection, allocator, query);
        return 0;
      }
      return statements(connection, allocator);
    }
  }

  private Connection connect() throws SQLException {
    String url = RedframeDriver.PREFIX + (cli.url == null ? "" : cli.url);
    return new RedframeDriver().connect(url, new Properties());
  }

  /** Where statements come from: a line at a time, null at the end. */
  @FunctionalInterface
  interface Lines {
    String next(String prompt) throws IOException;
  }

  /**
   * Statements, one after the other, from a prompt with line editing and history on a terminal,
   * else from standard input; a failed one is reported in one line and the next one runs.
   */
  private int statements(Connection connection, BufferAllocator allocator) throws Exception {
    if (!Progress.onTerminal()) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      return statements(connection, allocator, prompt -> in.readLine());
    }
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .appName("redframe")
              .variable(LineReader.HISTORY_FILE, historyFile())
              .build();
      return statements(
          connection,
          allocator,
          prompt -> {
            try {
              return reader.readLine(prompt);
            } catch (UserInterruptException e) {
              return "";
            } catch (EndOfFileException e) {
              return null;
            }
          });
    }
  }

  private static Path historyFile() {
    return Path.of(System.getProperty("user.home"), ".redframe", "sql_history");
  }

  private int statements(Connection connection, BufferAllocator allocator, Lines lines)
      throws Exception {
    PrintWriter err = cli.spec.commandLine().getErr();
    int exit = 0;
    StringBuilder statement = new StringBuilder();
    for (String line = lines.next("redframe> ");
        line != null;
        line = lines.next(statement.length() == 0 ? "redframe> " : "      ...> ")) {
      statement.append(line).append('\n');
      if (!line.strip().endsWith(";")) {
        continue;
      }
      String sql = statement.toString().strip();
      statement.setLength(0);
      try {
        run(connection, allocator, sql.substring(0, sql.length() - 1));
      } catch (SQLException e) {
        err.println("redframe: " + e.getMessage().lines().findFirst().orElse(""));
        err.flush();
        exit = 1;
      }
    }
    if (!statement.toString().isBlank()) {
      run(connection, allocator, statement.toString());
    }
    return exit;
  }

  private void run(Connection connection, BufferAllocator allocator, String sql) throws Exception {
    PrintWriter output = cli.spec.commandLine().getOut();
    try (Statement statement = connection.createStatement()) {
      if (save != null) {
        long rows =
            statement.executeLargeUpdate("CREATE OR REPLACE TABLE " + quote(save) + " AS " + sql);
        Manifest saved = connection.unwrap(RedframeConnection.class).store().manifest(save);
        if (!cli.quiet) {
          output.printf(Locale.ROOT, "saved %s version %d: %d rows%n", save, saved.version(), rows);
        }
        return;
      }
      if (!statement.execute(sql)) {
        if (!cli.quiet) {
          output.printf(Locale.ROOT, "OK, %d rows%n", Math.max(0, statement.getLargeUpdateCount()));
        }
        return;
      }
      if (out != null && Inputs.isArrow(out)) {
        try (ResultSet result = statement.getResultSet()) {
          writeArrow(result, allocator);
        }
      } else {
        Table table = null;
        String casts;
        try (ResultSet result = statement.getResultSet()) {
          casts = tablesawCasts(result.getMetaData());
          if (casts == null) {
            table = table(result, allocator);
          }
        }
        if (table == null) {
          // Columns Tablesaw has no type for: the query again, with those columns cast.
          try (ResultSet result =
              statement.executeQuery("SELECT " + casts + " FROM (" + sql + ") AS result")) {
            table = table(result, allocator);
          }
        }
        if (out == null) {
          print(table);
        } else {
          Outputs.table(table, out);
        }
      }
      if (out != null && !cli.quiet) {
        output.printf(Locale.ROOT, "wrote the result to %s%n", out);
      }
    }
  }

  /** The rows of {@code result} as a Tablesaw table, through DuckDB's Arrow export. */
  private static Table table(ResultSet result, BufferAllocator allocator) throws Exception {
    DuckDBResultSet duck = result.unwrap(DuckDBResultSet.class);
    try (ArrowReader reader = (ArrowReader) duck.arrowExportStream(allocator, ARROW_BATCH_ROWS)) {
      return ArrowTables.table(reader, "result");
    }
  }

  /**
   * The select list that casts the result's columns Tablesaw has no type for (decimals and huge or
   * unsigned integers to DOUBLE or BIGINT, intervals, lists, structs, blobs ... to text), or null
   * if every column has one.
   */
  static String tablesawCasts(ResultSetMetaData meta) throws SQLException {
    List<String> columns = new ArrayList<>();
    boolean casts = false;
    for (int c = 1; c <= meta.getColumnCount(); c++) {
      String column = quote(meta.getColumnLabel(c));
      String target = tablesawCast(meta.getColumnTypeName(c).toUpperCase(Locale.ROOT));
      casts |= target != null;
      columns.add(target == null ? column : "CAST(" + column + " AS " + target + ") AS " + column);
    }
    return casts ? String.join(", ", columns) : null;
  }

  private static String tablesawCast(String type) {
    if (TABLESAW_TYPES.contains(type) || type.startsWith("TIMESTAMP") || type.startsWith("ENUM")) {
      return null;
    } else if (type.equals("UTINYINT") || type.equals("USMALLINT")) {
      return "INTEGER";
    } else if (type.equals("UINTEGER")) {
      return "BIGINT";
    } else if (type.startsWith("DECIMAL") || type.endsWith("HUGEINT") || type.equals("UBIGINT")) {
      return "DOUBLE";
    }
    return "VARCHAR";
  }

  private static final List<String> TABLESAW_TYPES =
      List.of(
          "BOOLEAN",
          "TINYINT",
          "SMALLINT",
          "INTEGER",
          "BIGINT",
          "FLOAT",
          "DOUBLE",
          "VARCHAR",
          "DATE",
          "TIME");

  private static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private void print(Table table) {
    PrintWriter output = cli.spec.commandLine().getOut();
    if (!cli.quiet) {
      output.printf(Locale.ROOT, "%d rows x %d columns%n", table.rowCount(), table.columnCount());
    }
    output.println(table.rowCount() == 0 ? "(no rows)" : table.first(head).printAll());
  }

  /** The result to an Arrow file from DuckDB's Arrow export, batch by batch. */
  private void writeArrow(ResultSet result, BufferAllocator allocator) throws Exception {
    DuckDBResultSet duck = result.unwrap(DuckDBResultSet.class);
    try (ArrowReader reader = (ArrowReader) duck.arrowExportStream(allocator, ARROW_BATCH_ROWS)) {
      Outputs.arrow(reader, out);
    }
  }
}
