package io.redframe.benchmarks;

import io.redframe.arrow.ArrayFormat;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowReadLimits;
import io.redframe.arrow.NdArray;
import io.redframe.arrow.internal.ArrayCodecs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Random;
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

/**
 * A {@code double[]} to stored bytes and back, without Redis: redframe's raw (numpy {@code
 * tobytes}), Arrow and JSON array formats through the codecs the store runs, and Java serialization
 * as the baseline a JVM user would otherwise reach for.
 *
 * <p>Java serialization appears here only as that baseline: it reads back bytes this benchmark
 * wrote a moment before, in memory, through a filter that admits nothing but one {@code double[]}.
 * redframe never deserializes Java objects from storage.
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
public class ArrayFormatBenchmark {
  @Param({"raw", "arrow", "json-array", "java-serialization"})
  public String format;

  @Param({"4000000"})
  public int elements;

  @Param({"1048576"})
  public int chunkSize;

  private BufferAllocator allocator;
  private double[] values;
  private InMemory.Encoded stored;
  private byte[] serialized;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    allocator = new RootAllocator(4L << 30);
    values = new double[elements];
    Random random = new Random(11);
    double value = 100;
    for (int i = 0; i < elements; i++) {
      value += random.nextGaussian();
      values[i] = value;
    }
    if (format.equals("java-serialization")) {
      serialized = serialize();
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
    return format.equals("java-serialization") ? serialize() : encodeStored();
  }

  @Benchmark
  public Object decode() throws IOException, ClassNotFoundException {
    if (format.equals("java-serialization")) {
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
        in.setObjectInputFilter(
            ObjectInputFilter.Config.createFilter(
                "maxdepth=2;maxrefs=4;maxarray=" + elements + ";[D;!*"));
        return in.readObject();
      }
    }
    return stored.decode(
        ArrayCodecs.decoder(allocator, 0, Long.MAX_VALUE, ArrowReadLimits.DEFAULTS));
  }

  long storedBytes() {
    return serialized != null ? serialized.length : stored.bytes();
  }

  private InMemory.Encoded encodeStored() throws IOException {
    ArrayFormat arrayFormat =
        switch (format) {
          case "raw" -> ArrayFormat.RAW;
          case "arrow" -> ArrayFormat.ARROW;
          default -> ArrayFormat.JSON;
        };
    return InMemory.encode(
        ArrayCodecs.encoder(
            NdArray.of(values), arrayFormat, allocator, ArrowCompression.NONE, 1 << 20),
        chunkSize);
  }

  private byte[] serialize() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(elements * 8 + 64);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(values);
    }
    return bytes.toByteArray();
  }
}
