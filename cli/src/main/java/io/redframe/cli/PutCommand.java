package io.redframe.cli;

import io.redframe.FrameStore;
import io.redframe.SaveOptions;
import io.redframe.SaveResult;
import io.redframe.StoreOption;
import io.redframe.arrow.ArrayFormat;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowFiles;
import io.redframe.arrow.ArrowFrames;
import io.redframe.arrow.NdArray;
import io.redframe.arrow.NumericArrays;
import io.redframe.tablesaw.ArrowTables;
import io.redframe.tablesaw.TableFormat;
import io.redframe.tablesaw.TablesawFrames;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tech.tablesaw.api.Table;

/** {@code redframe put FILE}: saves a CSV, JSON or Arrow file as a new version of a frame. */
@Command(
    name = "put",
    description =
        "Save a .csv, .tsv, .json or .arrow/.feather/.arrows file as a table, or a NumPy .npy file"
            + " as an array.")
final class PutCommand implements Callable<Integer> {
  @ParentCommand RedframeCli cli;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The file to save.")
  Path file;

  @Option(names = "--name", description = "Frame name (default: the file's base name).")
  String name;

  @Option(
      names = "--format",
      defaultValue = "arrow",
      description = "arrow or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--compression",
      defaultValue = "none",
      description = "none, lz4 or zstd, for arrow (default: ${DEFAULT-VALUE}).")
  String compression;

  @Option(
      names = "--ttl",
      description = "Time to live, such as 30s, 10m, 2h, 7d (default: the store's).")
  String ttl;

  @Option(
      names = "--if-version",
      paramLabel = "N",
      description = "Save only if the current version is N (0: only if absent).")
  Long ifVersion;

  @Option(
      names = "--na",
      paramLabel = "TEXT",
      description =
          "A CSV cell that means a missing value, besides the empty cell (repeatable: --na NA"
              + " --na null). By default only the empty cell does, so a text such as NA is kept.")
  List<String> missing = new ArrayList<>();

  @Option(
      names = "--encoding",
      paramLabel = "NAME",
      description =
          "The encoding of a .csv or .json file, such as ISO-8859-1 or windows-1252 (default:"
              + " UTF-8). Bytes that do not decode are an error.")
  String encoding;

  private Inputs.TextOptions text;

  @Override
  public Integer call() throws Exception {
    TableFormat tableFormat = tableFormat();
    text = new Inputs.TextOptions(charset(), List.copyOf(missing));
    ArrowCompression codec = compression();
    SaveOptions options = saveOptions();
    String frame = name != null ? name : Inputs.baseName(file);
    if (Printable.hasControl(frame)) {
      throw invalid(
          "Invalid frame name "
              + Printable.of(frame)
              + ": a name given on the command line may not hold control characters (such as a"
              + " newline)"
              + (name == null ? "; give another with --name" : ""));
    }
    Inputs.checkReadable(file);
    try (FrameStore store = cli.open();
        BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE);
        Progress progress =
            new Progress(
                cli.spec.commandLine().getErr(), "put " + frame, Files.size(file), cli.quiet)) {
      Saved saved = save(store, allocator, frame, tableFormat, codec, options.progress(progress));
      progress.finish();
      report(saved);
    }
    return 0;
  }

  /** What was saved, and how many columns it has. */
  private record Saved(SaveResult result, int columns, String array) {
    Saved(SaveResult result, int columns) {
      this(result, columns, null);
    }
  }

  /**
   * An Arrow file saved as Arrow goes batch by batch, with every Arrow type kept; anything else is
   * read into a Tablesaw table first.
   */
  private Saved save(
      FrameStore store,
      BufferAllocator allocator,
      String frame,
      TableFormat tableFormat,
      ArrowCompression codec,
      SaveOptions options)
      throws IOException {
    if (Inputs.extension(file).equals("npy")) {
      NdArray array = Npy.read(file);
      NumericArrays arrays = NumericArrays.of(store, allocator);
      if (tableFormat == TableFormat.JSON) {
        arrays = arrays.format(ArrayFormat.JSON);
      }
      String what = "an array of " + array.dtype().numpy() + ", shape " + Npy.shape(array.shape());
      return new Saved(arrays.save(frame, array, options), 1, what);
    }
    if (Inputs.isArrow(file) && tableFormat == TableFormat.ARROW) {
      return saveArrow(store, allocator, frame, codec, options);
    }
    Table table = readTable(allocator, frame);
    SaveResult saved =
        TablesawFrames.of(store, allocator)
            .format(tableFormat)
            .compression(codec)
            .save(frame, table, options);
    return new Saved(saved, table.columnCount());
  }

  private Saved saveArrow(
      FrameStore store,
      BufferAllocator allocator,
      String frame,
      ArrowCompression codec,
      SaveOptions options)
      throws IOException {
    try (ArrowReader reader = ArrowFiles.reader(file, allocator)) {
      int columns = reader.getVectorSchemaRoot().getSchema().getFields().size();
      SaveResult saved;
      try {
        saved = ArrowFrames.of(store).compression(codec).save(frame, reader, options);
      } catch (IllegalArgumentException e) { // data the save refuses (a dictionary index outside)
        throw namingFile(e);
      }
      return new Saved(saved, columns);
    }
  }

  private Table readTable(BufferAllocator allocator, String frame) throws IOException {
    if (!Inputs.isArrow(file)) {
      return Inputs.table(file, frame, text);
    }
    try (ArrowReader reader = ArrowFiles.reader(file, allocator)) {
      return ArrowTables.table(reader, frame);
    } catch (IllegalArgumentException e) {
      throw namingFile(e);
    }
  }

  /** {@code e} with its message prefixed by the input file, unless it names it already. */
  private IllegalArgumentException namingFile(IllegalArgumentException e) {
    if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
      return e;
    }
    return new IllegalArgumentException(file + ": " + e.getMessage(), e);
  }

  private void report(Saved saved) {
    SaveResult result = saved.result();
    String what =
        saved.array() != null
            ? saved.array()
            : result.rows() + " rows, " + saved.columns() + " columns";
    cli.spec
        .commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "%s version %d: %s, %s stored%n",
            Printable.of(result.name()),
            result.version(),
            what,
            Sizes.bytes(result.bytes()));
  }

  private TableFormat tableFormat() {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "arrow" -> TableFormat.ARROW;
      case "json" -> TableFormat.JSON;
      default -> throw invalid("Invalid --format '" + format + "': expected arrow or json");
    };
  }

  private Charset charset() {
    if (encoding == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(encoding);
    } catch (IllegalArgumentException e) {
      throw invalid(
          "Invalid --encoding '"
              + encoding
              + "': expected an encoding this Java knows, such as UTF-8, ISO-8859-1, windows-1252"
              + " or UTF-16");
    }
  }

  private ArrowCompression compression() {
    try {
      return ArrowCompression.forId(compression);
    } catch (IllegalArgumentException e) {
      throw invalid("Invalid --compression: " + e.getMessage());
    }
  }

  private SaveOptions saveOptions() {
    SaveOptions options = SaveOptions.defaults();
    if (ttl != null) {
      try {
        options = options.ttl((Duration) StoreOption.TTL.parse(ttl));
      } catch (IllegalArgumentException e) {
        throw invalid("Invalid --ttl '" + ttl + "': " + Durations.FORMS);
      }
    }
    return ifVersion == null ? options : options.ifVersion(ifVersion);
  }

  private ParameterException invalid(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
