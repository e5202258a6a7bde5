package io.redframe.benchmarks;

import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowFrames;
import io.redframe.arrow.ArrowLoadOptions;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Arrow IPC chunk encoding (with each chunk's checksum, as the store computes it) and decoding
 * (through the decoder a load runs: each chunk checked, then moved into the reader's batches),
 * without Redis: what each compression costs and saves on numeric and string data. {@link JmhTable}
 * turns the times into MB/s.
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
      "-Xmx4g"
    })
public class ArrowCodecBenchmark {
  @Param({"numeric", "strings-low", "strings-high"})
  public String shape;

  @Param({"none", "lz4", "zstd"})
  public String compression;

  @Param({"1000000"})
  public int rows;

  @Param({"1048576"})
  public int chunkSize;

  private BufferAllocator allocator;
  private VectorSchemaRoot root;
  private InMemory.Encoded stored;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    allocator = new RootAllocator(8L << 30);
    root =
        switch (shape) {
          case "numeric" -> Frames.numeric(allocator, rows, 10);
          case "strings-low" -> Frames.strings(allocator, rows, 100);
          default -> Frames.strings(allocator, rows, rows);
        };
    stored = encode();
  }

  /** Bytes of the shape's buffers in memory. */
  long dataBytes() {
    return Frames.bytes(root);
  }

  /** Bytes of the shape's chunks in this compression. */
  long storedBytes() {
    return stored.bytes();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    root.close();
    allocator.close();
  }

  private InMemory.Encoded encode() throws IOException {
    return InMemory.encode(
        ArrowFrames.encoder(
            root,
            new DictionaryProvider.MapDictionaryProvider(),
            ArrowCompression.forId(compression),
            1 << 20),
        chunkSize);
  }

  @Benchmark
  public InMemory.Encoded encodeFrame() throws IOException {
    return encode();
  }

  @Benchmark
  public void decodeFrame(Blackhole blackhole) throws IOException {
    try (ArrowReader reader =
        stored.decode(ArrowFrames.decoder(allocator, ArrowLoadOptions.all()))) {
      while (reader.loadNextBatch()) {
        blackhole.consume(reader.getVectorSchemaRoot().getRowCount());
      }
    }
  }
}
