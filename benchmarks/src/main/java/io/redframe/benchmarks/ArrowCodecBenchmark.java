package io.redframe.benchmarks;

import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowReadLimits;
import io.redframe.arrow.internal.ArrowEncoder;
import io.redframe.arrow.internal.ChunkDecoding;
import io.redframe.spi.ChunkSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
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
 * Arrow IPC chunk encoding and decoding, without Redis: what each compression costs and saves on
 * numeric and string data. Time per operation over the whole frame; divide the shape's bytes (see
 * the {@code bytes} line each setup prints) by it for MB/s.
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
  private List<byte[]> chunks;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    allocator = new RootAllocator(8L << 30);
    root =
        switch (shape) {
          case "numeric" -> Frames.numeric(allocator, rows, 10);
          case "strings-low" -> Frames.strings(allocator, rows, 100);
          default -> Frames.strings(allocator, rows, rows);
        };
    chunks = encode();
    long stored = chunks.stream().mapToLong(c -> c.length).sum();
    System.out.printf(
        "%n%s: %d bytes in memory, %d bytes stored with %s (%.2fx)%n",
        shape, Frames.bytes(root), stored, compression, Frames.bytes(root) / (double) stored);
  }

  /** Bytes of the shape's buffers in memory. */
  long dataBytes() {
    return Frames.bytes(root);
  }

  /** Bytes of the shape's chunks in this compression. */
  long storedBytes() {
    return chunks.stream().mapToLong(c -> c.length).sum();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    root.close();
    allocator.close();
  }

  private List<byte[]> encode() throws IOException {
    List<byte[]> out = new ArrayList<>();
    ChunkSink sink =
        new ChunkSink() {
          @Override
          public int chunkSize() {
            return chunkSize;
          }

          @Override
          public void write(long firstRow, long rows, List<Integer> columns, byte[] bytes) {
            out.add(bytes);
          }

          @Override
          public void write(
              long firstRow,
              long rows,
              List<Integer> columns,
              byte[] bytes,
              int offset,
              int length) {
            out.add(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
          }
        };
    ArrowEncoder.of(
            root,
            new DictionaryProvider.MapDictionaryProvider(),
            ArrowCompression.forId(compression),
            1 << 20)
        .encode(sink);
    return out;
  }

  @Benchmark
  public List<byte[]> encodeFrame() throws IOException {
    return encode();
  }

  @Benchmark
  public void decodeFrame(Blackhole blackhole) throws IOException {
    for (byte[] chunk : chunks) {
      try (ArrowStreamReader reader =
          ChunkDecoding.open(chunk, allocator, ArrowReadLimits.DEFAULTS, "chunk")) {
        blackhole.consume(reader.getVectorSchemaRoot().getRowCount());
      }
    }
  }
}
