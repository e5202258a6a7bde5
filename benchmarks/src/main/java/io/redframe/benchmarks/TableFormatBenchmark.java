package io.redframe.benchmarks;

import io.redframe.arrow.ArrowCompression;
import io.redframe.tablesaw.TableFormat;
import io.redframe.tablesaw.TableLoadOptions;
import io.redframe.tablesaw.TablesawFrames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * A Tablesaw table to stored bytes and back, without Redis, in each format a user could pick:
 * redframe's Arrow (no compression, LZ4, ZSTD) and JSON Table Schema, through the same encoders and
 * decoders the store runs, and Tablesaw's own CSV writer and reader (given the column types, as
 * redframe knows them) as the baseline. Shapes: numeric-wide (10 doubles), strings-low (2 string
 * columns of 100 distinct values), strings-high (2 string columns, all distinct) and R1M (long, two
 * doubles, int, boolean, a string of 5,000 values, an instant). {@link JmhTable} turns the results
 * into MB/s and rows/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsPrepend = {
      "--add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED",
      "-Xmx6g"
    })
public class TableFormatBenchmark {
  @Param({"numeric-wide", "strings-low", "strings-high", "r1m"})
  public String shape;

  @Param({"arrow-none", "arrow-lz4", "arrow-zstd", "json-table", "csv"})
  public String format;

  @Param({"1000000"})
  public int rows;

  @Param({"1048576"})
  public int chunkSize;

  private BufferAllocator allocator;
  private Table table;
  private InMemory.Encoded stored;
  private byte[] csv;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    allocator = new RootAllocator(8L << 30);
    table = Frames.table(shape, rows);
    if (format.equals("csv")) {
      csv = encodeCsv();
    } else {
      stored = encodeStored();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    allocator.close();
  }

  @Benchmark
  public Object encode() throws IOException {
    return format.equals("csv") ? encodeCsv() : encodeStored();
  }

  @Benchmark
  public Table decode() throws IOException {
    if (format.equals("csv")) {
      ColumnType[] types = table.typeArray();
      return Table.read()
          .usingOptions(
              CsvReadOptions.builder(new ByteArrayInputStream(csv))
                  .tableName(table.name())
                  .columnTypes(types)
                  .build());
    }
    return stored.decode(TablesawFrames.decoder(allocator, TableLoadOptions.all()));
  }

  /** Bytes the table takes in the format. */
  long storedBytes() {
    return csv != null ? csv.length : stored.bytes();
  }

  private InMemory.Encoded encodeStored() throws IOException {
    if (format.equals("json-table")) {
      return InMemory.encode(
          TablesawFrames.encoder(table, TableFormat.JSON, allocator, ArrowCompression.NONE),
          chunkSize);
    }
    ArrowCompression compression = ArrowCompression.forId(format.substring("arrow-".length()));
    return InMemory.encode(
        TablesawFrames.encoder(table, TableFormat.ARROW, allocator, compression), chunkSize);
  }

  private byte[] encodeCsv() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    table.write().csv(CsvWriteOptions.builder(out).build());
    return out.toByteArray();
  }
}
