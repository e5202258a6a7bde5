package io.redframe.cli;

import io.redframe.FrameStore;
import io.redframe.SaveOptions;
import io.redframe.SaveResult;
import io.redframe.StoreOption;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowFrames;
import io.redframe.tablesaw.TableFormat;
import io.redframe.tablesaw.TablesawFrames;
import io.redframe.tablesaw.internal.TableAssembler;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.redframe.TablesawArrowReader;

/** {@code redframe put FILE}: saves a CSV, JSON or Arrow file as a new version of a frame. */
@Command(name = "put", description = "Save a .csv, .json, .arrow/.feather/.arrows file as a frame.")
final class PutCommand implements Callable<Integer> {
  @ParentCommand RedframeCli cli;

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

  @Override
  public Integer call() throws Exception {
    TableFormat tableFormat =
        switch (format.toLowerCase()) {
          case "arrow" -> TableFormat.ARROW;
          case "json" -> TableFormat.JSON;
          default ->
              throw new picocli.CommandLine.ParameterException(
                  cli.spec.commandLine(),
                  "Invalid --format '" + format + "': expected arrow or json");
        };
    ArrowCompression codec;
    try {
      codec = ArrowCompression.forId(compression);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(
          cli.spec.commandLine(), "Invalid --compression: " + e.getMessage());
    }
    SaveOptions options = SaveOptions.defaults();
    if (ttl != null) {
      try {
        options = options.ttl((Duration) StoreOption.TTL.parse(ttl));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(
            cli.spec.commandLine(), "Invalid --ttl '" + ttl + "'");
      }
    }
    if (ifVersion != null) {
      options = options.ifVersion(ifVersion);
    }
    String frame = name != null ? name : Inputs.baseName(file);
    Inputs.checkReadable(file);
    try (FrameStore store = cli.open();
        BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE);
        Progress progress =
            new Progress(
                cli.spec.commandLine().getErr(), "put " + frame, Files.size(file), cli.quiet)) {
      SaveResult saved;
      int columns;
      options = options.progress(progress);
      if (Inputs.isArrow(file) && tableFormat == TableFormat.ARROW) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            ArrowReader reader = TablesawArrowReader.reader(channel, allocator)) {
          columns = reader.getVectorSchemaRoot().getSchema().getFields().size();
          saved = ArrowFrames.of(store).compression(codec).save(frame, reader, options);
        }
      } else {
        Table table;
        if (Inputs.isArrow(file)) {
          try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
              ArrowReader reader = TablesawArrowReader.reader(channel, allocator)) {
            table = TableAssembler.read(reader, frame);
          }
        } else {
          table = Inputs.table(file, frame);
        }
        columns = table.columnCount();
        saved =
            TablesawFrames.of(store, allocator)
                .format(tableFormat)
                .compression(codec)
                .save(frame, table, options);
      }
      progress.finish();
      cli.spec
          .commandLine()
          .getOut()
          .printf(
              "%s version %d: %d rows, %d columns, %s stored%n",
              saved.name(), saved.version(), saved.rows(), columns, Sizes.bytes(saved.bytes()));
    }
    return 0;
  }
}
