package io.redframe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.redframe.FrameStore;
import io.redframe.Manifest;
import io.redframe.arrow.ArrowFrames;
import io.redframe.arrow.ArrowLoadOptions;
import io.redframe.arrow.NdArray;
import io.redframe.arrow.NumericArrays;
import io.redframe.tablesaw.TableLoadOptions;
import io.redframe.tablesaw.TablesawFrames;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tech.tablesaw.api.Table;

/** {@code redframe get NAME}: loads a frame and prints it or writes it to a file. */
@Command(
    name = "get",
    description =
        "Load a frame: print its first rows, or write it to a .csv, .json or .arrow file.")
final class GetCommand implements Callable<Integer> {
  @ParentCommand RedframeCli cli;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The frame.")
  String name;

  @Option(
      names = "--version",
      paramLabel = "N",
      description = "A version other than the current one.")
  Long version;

  @Option(names = "--columns", paramLabel = "a,b", split = ",", description = "Only these columns.")
  List<String> columns;

  @Option(
      names = "--rows",
      paramLabel = "FROM:TO",
      description = "Only rows FROM (inclusive) to TO (exclusive).")
  String rows;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write to FILE (.csv, .json or .arrow) instead of printing.")
  Path out;

  @Option(
      names = "--head",
      defaultValue = "10",
      description = "Rows to print without --out (default: ${DEFAULT-VALUE}).")
  int head;

  @Override
  public Integer call() throws Exception {
    long[] range = range();
    if (head < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Invalid --head " + head + ": expected 0 or more rows");
    }
    try (FrameStore store = cli.open();
        BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
      Manifest manifest =
          store.manifest(name, version == null ? OptionalLong.empty() : OptionalLong.of(version));
      try (Progress progress =
          new Progress(
              cli.spec.commandLine().getErr(), "get " + name, manifest.bytes(), cli.quiet)) {
        switch (manifest.kind()) {
          case TABLE -> table(store, allocator, manifest, range, progress);
          case OBJECT -> object(store, manifest);
          case ARRAY -> array(store, allocator, manifest);
          case BYTES -> bytes(store, manifest);
          default ->
              throw new IllegalArgumentException(
                  "Frame '"
                      + Printable.of(name)
                      + "' version "
                      + manifest.version()
                      + " has codec '"
                      + manifest.codec()
                      + "', which this redframe has no reader for");
        }
      }
      if (out != null && !cli.quiet) {
        cli.spec
            .commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "wrote %s version %d to %s%n",
                Printable.of(name),
                manifest.version(),
                out);
      }
    }
    return 0;
  }

  private void checkOut(String kind, List<String> extensions) {
    if (out != null && !extensions.contains(Inputs.extension(out))) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Cannot write "
              + kind
              + " '"
              + Printable.of(name)
              + "' to "
              + out
              + ": expected ."
              + String.join(", .", extensions));
    }
  }

  private void table(
      FrameStore store,
      BufferAllocator allocator,
      Manifest manifest,
      long[] range,
      Progress progress)
      throws IOException {
    checkOut("table", List.of("csv", "tsv", "json", "arrow", "feather"));
    boolean printFirst = out == null && rows == null;
    TableLoadOptions options =
        TableLoadOptions.all()
            .version(manifest.version())
            .rows(range[0], printFirst ? Math.max(0, head) : range[1]);
    if (columns != null) {
      options = options.columns(columns.toArray(String[]::new));
    }
    if (out != null
        && manifest.codec().equals(ArrowFrames.CODEC.id())
        && List.of("arrow", "feather").contains(Inputs.extension(out))) {
      copyArrow(store, allocator, manifest, range, progress);
      return;
    }
    Table table = TablesawFrames.of(store, allocator).load(name, options, progress);
    progress.finish();
    if (out == null) {
      print(manifest, table, printFirst ? manifest.rows() : table.rowCount());
    } else {
      Outputs.table(table, out);
    }
  }

  /** An object, printed or written as JSON or YAML (as stored, unless --out says otherwise). */
  private void object(FrameStore store, Manifest manifest) throws IOException {
    checkOut("object", List.of("json", "yaml", "yml"));
    JsonNode value = store.loadObject(name, manifest.version(), JsonNode.class);
    boolean yaml =
        out == null ? manifest.codec().equals("yaml") : !Inputs.extension(out).equals("json");
    ObjectMapper mapper =
        (yaml ? new YAMLMapper() : new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT);
    if (out == null) {
      if (!cli.quiet) {
        cli.spec
            .commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "%s version %d: an object (%s)%n",
                Printable.of(name),
                manifest.version(),
                manifest.codec());
      }
      cli.spec.commandLine().getOut().println(mapper.writeValueAsString(value).stripTrailing());
    } else {
      Outputs.replace(out, file -> mapper.writeValue(file.toFile(), value));
    }
  }

  /** A numeric array: dtype, shape and first values, or the whole array as a NumPy .npy file. */
  private void array(FrameStore store, BufferAllocator allocator, Manifest manifest)
      throws IOException {
    checkOut("array", List.of("npy"));
    NumericArrays arrays = NumericArrays.of(store, allocator);
    OptionalLong at = OptionalLong.of(manifest.version());
    if (out != null) {
      NdArray array = arrays.load(name, at, 0, Long.MAX_VALUE);
      Outputs.replace(out, file -> Npy.write(array, file));
      return;
    }
    NdArray first = arrays.load(name, at, 0, 1);
    long perRow = Math.max(1, first.rowSize());
    long shownRows = Math.max(1, (Math.max(1, head) + perRow - 1) / perRow);
    NdArray shown = arrays.load(name, at, 0, shownRows);
    long[] shape = first.shape().clone();
    shape[0] = first.rowSize() == 0 ? 0 : manifest.rows() / first.rowSize();
    PrintWriter print = cli.spec.commandLine().getOut();
    if (!cli.quiet) {
      print.printf(
          Locale.ROOT,
          "%s version %d: array of %s, shape %s, %s order, %,d values%n",
          Printable.of(name),
          manifest.version(),
          first.dtype().numpy(),
          Npy.shape(shape),
          first.order(),
          manifest.rows());
    }
    int count = Math.min(Math.max(0, head), shown.size());
    print.println(Npy.values(shown, count) + (count < manifest.rows() ? " ..." : ""));
    if (!cli.quiet && count < manifest.rows()) {
      print.printf(Locale.ROOT, "%,d of %,d values shown%n", count, manifest.rows());
    }
  }

  /** Opaque bytes: their size, or the bytes written to --out as they are. */
  private void bytes(FrameStore store, Manifest manifest) throws IOException {
    if (out == null) {
      cli.spec
          .commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "%s version %d: %s of bytes (write them with --out FILE)%n",
              Printable.of(name),
              manifest.version(),
              Sizes.bytes(manifest.bytes()));
      return;
    }
    Outputs.replace(
        out,
        file -> {
          try (InputStream in = store.openBytes(name)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
          }
        });
  }

  private long[] range() {
    if (rows == null) {
      return new long[] {0, Long.MAX_VALUE};
    }
    String[] parts = rows.split(":", -1);
    try {
      long from = parts[0].isEmpty() ? 0 : Long.parseLong(parts[0]);
      long to = parts.length < 2 || parts[1].isEmpty() ? Long.MAX_VALUE : Long.parseLong(parts[1]);
      if (parts.length == 2 && from >= 0 && to >= from) {
        return new long[] {from, to};
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Invalid --rows '" + rows + "': expected FROM:TO, such as 0:100");
  }

  private void print(Manifest manifest, Table table, long total) {
    PrintWriter print = cli.spec.commandLine().getOut();
    if (!cli.quiet) {
      print.printf(
          Locale.ROOT,
          "%s version %d: %d rows x %d columns%n",
          Printable.of(name),
          manifest.version(),
          total,
          table.columnCount());
    }
    int shown = Math.min(Math.max(0, head), table.rowCount());
    print.println(
        table.rowCount() > 0
            ? table.first(shown).printAll()
            : rows != null && manifest.rows() > 0
                ? String.format(
                    Locale.ROOT,
                    "(no rows in --rows %s: the frame has %,d rows)",
                    rows,
                    manifest.rows())
                : "(no rows)");
    if (!cli.quiet && shown < total) {
      print.printf(Locale.ROOT, "%,d of %,d rows shown%n", shown, total);
    }
  }

  /** An Arrow frame to an Arrow file, batch by batch, with every Arrow type kept. */
  private void copyArrow(
      FrameStore store,
      BufferAllocator allocator,
      Manifest manifest,
      long[] range,
      Progress progress)
      throws IOException {
    ArrowLoadOptions options =
        ArrowLoadOptions.all().version(manifest.version()).rows(range[0], range[1]);
    if (columns != null) {
      options = options.columns(columns);
    }
    try (ArrowReader reader = ArrowFrames.of(store).load(name, allocator, options, progress)) {
      Outputs.arrow(reader, out);
    }
  }
}
