package io.redframe.benchmarks;

import io.redframe.arrow.ArrayFormat;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowReadLimits;
import io.redframe.arrow.NdArray;
import io.redframe.arrow.NumericArrays;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * <p>Java serialization is measured one way only, writing: redframe never deserializes Java
 * objects, not even bytes it has just written itself, so there is no decoding baseline for it.
 */
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
  static final String JAVA_SERIALIZATION = "java-serialization";

  /** The array and its stored form in one format; what encoding and decoding share. */
  @State(Scope.Benchmark)
  public abstract static class Data {
    @Param({"4000000"})
    public int elements;

    @Param({"1048576"})
    public int chunkSize;

    private BufferAllocator allocator;
    private double[] values;
    private InMemory.Encoded stored;
    private byte[] serialized;

    abstract String format();

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
      if (format().equals(JAVA_SERIALIZATION)) {
        serialized = serialize();
      } else {
        stored = encodeStored();
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      allocator.close();
    }

    Object encode() throws IOException {
      return format().equals(JAVA_SERIALIZATION) ? serialize() : encodeStored();
    }

    NdArray decode() throws IOException {
      return stored.decode(
          NumericArrays.decoder(allocator, 0, Long.MAX_VALUE, ArrowReadLimits.DEFAULTS));
    }

    /** Bytes the array takes in the format. */
    long storedBytes() {
      return serialized != null ? serialized.length : stored.bytes();
    }

    private InMemory.Encoded encodeStored() throws IOException {
      ArrayFormat arrayFormat =
          switch (format()) {
            case "raw" -> ArrayFormat.RAW;
            case "arrow" -> ArrayFormat.ARROW;
            default -> ArrayFormat.JSON;
          };
      return InMemory.encode(
          NumericArrays.encoder(NdArray.of(values), arrayFormat, allocator, ArrowCompression.NONE),
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

  /** Formats written: redframe's three and Java serialization. */
  @State(Scope.Benchmark)
  public static class Encoding extends Data {
    @Param({"raw", "arrow", "json-array", JAVA_SERIALIZATION})
    public String format;

    @Override
    String format() {
      return format;
    }
  }

  /** Formats read: redframe's three. */
  @State(Scope.Benchmark)
  public static class Decoding extends Data {
    @Param({"raw", "arrow", "json-array"})
    public String format;

    @Override
    String format() {
      return format;
    }
  }

  @Benchmark
  public Object encode(Encoding data) throws IOException {
    return data.encode();
  }

  @Benchmark
  public NdArray decode(Decoding data) throws IOException {
    return data.decode();
  }
}
