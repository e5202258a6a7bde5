package io.redframe.cli;

import io.redframe.FrameStore;
import io.redframe.SaveResult;
import io.redframe.arrow.ArrowCompression;
import io.redframe.tablesaw.TableFormat;
import io.redframe.tablesaw.TablesawFrames;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code redframe bench}: a quick comparison of the formats on the current store, with a mixed
 * frame like the benchmarks' R1M (long id, two doubles, an int in [0,1000), a boolean, a string
 * from 5,000 values, a timestamp). The full report is the benchmarks module's.
 */
@Command(
    name = "bench",
    description = "Time saving and loading a generated table in each format on this store.")
final class BenchCommand implements Callable<Integer> {
  @ParentCommand RedframeCli cli;

  @Option(
      names = "--rows",
      defaultValue = "200000",
      description = "Rows of the generated table (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(
      names = "--repeat",
      defaultValue = "3",
      description = "Runs per format; the best is shown (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Override
  public Integer call() {
    Table table = mixed(rows);
    PrintWriter out = cli.spec.commandLine().getOut();
    out.printf(
        "%-12s %12s %10s %10s %12s %12s%n",
        "FORMAT", "STORED", "SAVE ms", "LOAD ms", "SAVE rows/s", "LOAD rows/s");
    try (FrameStore store = cli.open();
        BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
      String name = "redframe-bench-" + ProcessHandle.current().pid();
      try {
        run(out, store, allocator, table, name, TableFormat.ARROW, ArrowCompression.NONE);
        run(out, store, allocator, table, name, TableFormat.ARROW, ArrowCompression.LZ4);
        run(out, store, allocator, table, name, TableFormat.ARROW, ArrowCompression.ZSTD);
        run(out, store, allocator, table, name, TableFormat.JSON, ArrowCompression.NONE);
      } finally {
        store.delete(name);
      }
    }
    return 0;
  }

  private void run(
      PrintWriter out,
      FrameStore store,
      BufferAllocator allocator,
      Table table,
      String name,
      TableFormat format,
      ArrowCompression compression) {
    TablesawFrames frames =
        TablesawFrames.of(store, allocator).format(format).compression(compression);
    long bestSave = Long.MAX_VALUE;
    long bestLoad = Long.MAX_VALUE;
    SaveResult saved = null;
    for (int i = 0; i < Math.max(1, repeat); i++) {
      long start = System.nanoTime();
      saved = frames.save(name, table);
      long middle = System.nanoTime();
      Table back = frames.load(name);
      long end = System.nanoTime();
      if (back.rowCount() != table.rowCount()) {
        throw new IllegalStateException(
            "loaded " + back.rowCount() + " rows of " + table.rowCount());
      }
      bestSave = Math.min(bestSave, middle - start);
      bestLoad = Math.min(bestLoad, end - middle);
    }
    String label = format == TableFormat.JSON ? "json" : "arrow/" + compression.id();
    out.printf(
        Locale.ROOT,
        "%-12s %12s %10.1f %10.1f %12.0f %12.0f%n",
        label,
        Sizes.bytes(saved.bytes()),
        bestSave / 1e6,
        bestLoad / 1e6,
        table.rowCount() / (bestSave / 1e9),
        table.rowCount() / (bestLoad / 1e9));
    out.flush();
  }

  static Table mixed(int rows) {
    Random random = new Random(1);
    LongColumn id = LongColumn.create("id");
    DoubleColumn x = DoubleColumn.create("x");
    DoubleColumn y = DoubleColumn.create("y");
    IntColumn bucket = IntColumn.create("bucket");
    BooleanColumn flag = BooleanColumn.create("flag");
    StringColumn city = StringColumn.create("city");
    InstantColumn time = InstantColumn.create("time");
    String[] cities = new String[5000];
    for (int i = 0; i < cities.length; i++) {
      cities[i] = "city-" + i;
    }
    long now = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < rows; i++) {
      id.append(i);
      x.append(random.nextGaussian());
      y.append(random.nextDouble() * 1000);
      bucket.append(random.nextInt(1000));
      flag.append(random.nextBoolean());
      city.append(cities[random.nextInt(cities.length)]);
      time.append(Instant.ofEpochMilli(now + i * 1000L));
    }
    return Table.create("mixed", id, x, y, bucket, flag, city, time);
  }
}
