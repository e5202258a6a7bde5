package io.redframe.cli;

import io.redframe.FrameStore;
import io.redframe.Manifest;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowFiles;
import io.redframe.arrow.ArrowFrames;
import io.redframe.arrow.ArrowLoadOptions;
import io.redframe.tablesaw.TableJson;
import io.redframe.tablesaw.TableLoadOptions;
import io.redframe.tablesaw.TablesawFrames;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
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
    if (out != null
        && !List.of("csv", "json", "arrow", "feather").contains(Inputs.extension(out))) {
      throw new CommandLine.ParameterException(
          cli.spec.commandLine(), "Cannot write " + out + ": expected .csv, .json or .arrow");
    }
    TableLoadOptions options = TableLoadOptions.all().rows(range[0], range[1]);
    if (version != null) {
      options = options.version(version);
    }
    if (columns != null) {
      options = options.columns(columns.toArray(String[]::new));
    }
    try (FrameStore store = cli.open();
        BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
      Manifest manifest =
          store.manifest(name, version == null ? OptionalLong.empty() : OptionalLong.of(version));
      options = options.version(manifest.version());
      try (Progress progress =
          new Progress(
              cli.spec.commandLine().getErr(), "get " + name, manifest.bytes(), cli.quiet)) {
        if (out != null
            && manifest.codec().equals(ArrowFrames.CODEC.id())
            && List.of("arrow", "feather").contains(Inputs.extension(out))) {
          Outputs.replace(
              out, file -> copyArrow(store, allocator, manifest, range, progress, file));
        } else {
          Table table = TablesawFrames.of(store, allocator).load(name, options, progress);
          progress.finish();
          if (out == null) {
            print(manifest, table);
          } else {
            Outputs.replace(out, file -> write(table, file));
          }
        }
      }
      if (out != null && !cli.quiet) {
        cli.spec
            .commandLine()
            .getOut()
            .printf("wrote %s version %d to %s%n", name, manifest.version(), out);
      }
    }
    return 0;
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
        cli.spec.commandLine(), "Invalid --rows '" + rows + "': expected FROM:TO, such as 0:100");
  }

  private void print(Manifest manifest, Table table) {
    CommandLine.Model.CommandSpec spec = cli.spec;
    if (!cli.quiet) {
      spec.commandLine()
          .getOut()
          .printf(
              "%s version %d: %d rows x %d columns%n",
              name, manifest.version(), table.rowCount(), table.columnCount());
    }
    spec.commandLine()
        .getOut()
        .println(table.rowCount() == 0 ? "(no rows)" : table.first(head).printAll());
  }

  private void write(Table table, Path file) throws IOException {
    switch (Inputs.extension(out)) {
      case "csv" -> {
        try {
          table.write().csv(file.toFile());
        } catch (RuntimeException e) {
          throw new IOException("Writing " + out + " as CSV failed: " + e.getMessage(), e);
        }
      }
      case "json" -> {
        try (OutputStream stream = Files.newOutputStream(file)) {
          TableJson.write(table, stream);
        }
      }
      default -> table.write().toFile(file.toFile()); // the temporary file has out's extension
    }
  }

  /** An Arrow frame to an Arrow file, batch by batch, with every Arrow type kept. */
  private void copyArrow(
      FrameStore store,
      BufferAllocator allocator,
      Manifest manifest,
      long[] range,
      Progress progress,
      Path file)
      throws IOException {
    ArrowLoadOptions options =
        ArrowLoadOptions.all().version(manifest.version()).rows(range[0], range[1]);
    if (columns != null) {
      options = options.columns(columns);
    }
    try (ArrowReader reader = ArrowFrames.of(store).load(name, allocator, options, progress);
        OutputStream stream = Files.newOutputStream(file);
        ArrowFileWriter writer =
            ArrowFiles.writer(
                reader.getVectorSchemaRoot(),
                reader,
                Channels.newChannel(stream),
                ArrowCompression.NONE)) {
      writer.start();
      while (reader.loadNextBatch()) {
        writer.writeBatch();
      }
      writer.end();
    }
  }
}
