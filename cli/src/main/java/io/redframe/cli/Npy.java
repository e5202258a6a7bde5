package io.redframe.cli;

import io.redframe.arrow.DType;
import io.redframe.arrow.NdArray;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (numpy.lib.format, versions 1.0 to 3.0): the magic {@code \x93NUMPY},
 * a version, a header length, a header that is a Python dict literal ({@code {'descr': '<f8',
 * 'fortran_order': False, 'shape': (3, 4), }}) padded to a multiple of 64 bytes, then the elements.
 * Only the dtypes redframe stores are read (never {@code object} arrays, which would need pickle);
 * the header and data lengths are checked against the file's size before anything is allocated.
 */
final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int MAX_HEADER = 1 << 16;
  private static final Pattern HEADER =
      Pattern.compile(
          "\\{\\s*(?:'(descr|fortran_order|shape)'\\s*:\\s*('[^']*'|True|False|\\([0-9,\\s]*\\))"
              + "\\s*,?\\s*){3}\\}\\s*");
  private static final Pattern ENTRY =
      Pattern.compile(
          "'(descr|fortran_order|shape)'\\s*:\\s*('[^']*'|True|False|\\([0-9,\\s]*\\))");

  private Npy() {}

  /** Writes {@code array} to {@code file} as a version 1.0 {@code .npy} file. */
  static void write(NdArray array, Path file) throws IOException {
    String dict =
        "{'descr': '"
            + array.dtype().numpy()
            + "', 'fortran_order': "
            + (array.order() == NdArray.Order.F ? "True" : "False")
            + ", 'shape': "
            + shape(array.shape())
            + ", }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(MAGIC);
      out.write(new byte[] {1, 0, (byte) header.length(), (byte) (header.length() >>> 8)});
      out.write(header.getBytes(StandardCharsets.US_ASCII));
      writeElements(array, out);
    }
  }

  private static void writeElements(NdArray array, OutputStream out) throws IOException {
    Object data = array.data();
    int n = Array.getLength(data);
    int size = array.dtype().itemSize();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      if (buffer.remaining() < size) {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      switch (array.dtype()) {
        case FLOAT64 -> buffer.putDouble(((double[]) data)[i]);
        case FLOAT32 -> buffer.putFloat(((float[]) data)[i]);
        case INT64 -> buffer.putLong(((long[]) data)[i]);
        case INT32 -> buffer.putInt(((int[]) data)[i]);
        case INT16 -> buffer.putShort(((short[]) data)[i]);
        case INT8 -> buffer.put(((byte[]) data)[i]);
        case BOOL -> buffer.put((byte) (((boolean[]) data)[i] ? 1 : 0));
      }
    }
    out.write(buffer.array(), 0, buffer.position());
  }

  /**
   * Reads a {@code .npy} file.
   *
   * @throws IllegalArgumentException if it is not one, or holds a dtype redframe does not store, or
   *     its data is not as long as its header says; the message names the file
   * @throws IOException if reading fails
   */
  static NdArray read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      long size = channel.size();
      ByteBuffer prefix = readFully(channel, (int) Math.min(12, size));
      byte[] magic = new byte[Math.min(MAGIC.length, prefix.remaining())];
      prefix.duplicate().get(magic);
      if (size < 10 || !Arrays.equals(magic, MAGIC)) {
        throw invalid(file, "it does not start with NumPy's magic \\x93NUMPY");
      }
      int major = prefix.get(6);
      int headerLength;
      int offset;
      if (major == 1) {
        headerLength = prefix.order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xFFFF;
        offset = 10;
      } else if ((major == 2 || major == 3) && size >= 12) {
        headerLength = prefix.order(ByteOrder.LITTLE_ENDIAN).getInt(8);
        offset = 12;
      } else {
        throw invalid(file, "format version " + major + " is not 1, 2 or 3");
      }
      if (headerLength < 0 || headerLength > MAX_HEADER || headerLength > size - offset) {
        throw invalid(file, "its header length " + headerLength + " does not fit the file");
      }
      channel.position(offset);
      ByteBuffer headerBytes = readFully(channel, headerLength);
      String header =
          (major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1)
              .decode(headerBytes)
              .toString();
      return data(file, channel, header, size - offset - headerLength);
    }
  }

  private static NdArray data(Path file, FileChannel channel, String header, long dataBytes)
      throws IOException {
    if (!HEADER.matcher(header).matches()) {
      throw invalid(
          file, "its header is not a descr, fortran_order, shape dict: " + header.strip());
    }
    String descr = null;
    Boolean fortran = null;
    long[] shape = null;
    Matcher entry = ENTRY.matcher(header);
    while (entry.find()) {
      switch (entry.group(1)) {
        case "descr" -> descr = entry.group(2).replace("'", "");
        case "fortran_order" -> fortran = entry.group(2).equals("True");
        default -> shape = parseShape(file, entry.group(2));
      }
    }
    if (descr == null || fortran == null || shape == null) {
      throw invalid(file, "its header lacks descr, fortran_order or shape: " + header.strip());
    }
    DType dtype = dtype(file, descr);
    long count = 1;
    for (long dim : shape) {
      count = Math.multiplyExact(count, dim);
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw invalid(file, String.format(Locale.ROOT, "%,d elements are more than fit", count));
    }
    long expected = count * dtype.itemSize();
    if (dataBytes != expected) {
      throw invalid(
          file,
          String.format(
              Locale.ROOT,
              "shape %s of %s needs %,d bytes of data, the file has %,d%s",
              shape(shape),
              descr,
              expected,
              dataBytes,
              dataBytes < expected ? " (truncated?)" : ""));
    }
    ByteBuffer bytes = readFully(channel, (int) expected).order(ByteOrder.LITTLE_ENDIAN);
    Object data = elements(dtype, bytes, (int) count);
    if (shape.length == 0) {
      shape = new long[] {1}; // a 0-d scalar as one element
    }
    return NdArray.of(data, fortran ? NdArray.Order.F : NdArray.Order.C, shape);
  }

  private static long[] parseShape(Path file, String tuple) {
    List<Long> dims = new ArrayList<>();
    for (String part : tuple.substring(1, tuple.length() - 1).split(",", -1)) {
      if (!part.isBlank()) {
        try {
          dims.add(Long.parseLong(part.strip()));
        } catch (NumberFormatException e) {
          throw invalid(file, "shape " + tuple + " is not a tuple of sizes");
        }
      }
    }
    return dims.stream().mapToLong(Long::longValue).toArray();
  }

  private static DType dtype(Path file, String descr) {
    String normal = descr.replace("=", "<");
    if (normal.equals("<b1") || normal.equals("?")) {
      normal = "|b1";
    } else if (normal.equals("<i1")) {
      normal = "|i1";
    }
    try {
      return DType.forNumpy(normal);
    } catch (IllegalArgumentException e) {
      throw invalid(
          file,
          "dtype '"
              + descr
              + "' is not one redframe stores (little-endian <f8, <f4, <i8, <i4, <i2, |i1, |b1;"
              + " convert with array.astype(...))");
    }
  }

  private static Object elements(DType dtype, ByteBuffer bytes, int count) {
    return switch (dtype) {
      case FLOAT64 -> {
        double[] values = new double[count];
        bytes.asDoubleBuffer().get(values);
        yield values;
      }
      case FLOAT32 -> {
        float[] values = new float[count];
        bytes.asFloatBuffer().get(values);
        yield values;
      }
      case INT64 -> {
        long[] values = new long[count];
        bytes.asLongBuffer().get(values);
        yield values;
      }
      case INT32 -> {
        int[] values = new int[count];
        bytes.asIntBuffer().get(values);
        yield values;
      }
      case INT16 -> {
        short[] values = new short[count];
        bytes.asShortBuffer().get(values);
        yield values;
      }
      case INT8 -> {
        byte[] values = new byte[count];
        bytes.get(values);
        yield values;
      }
      case BOOL -> {
        boolean[] values = new boolean[count];
        for (int i = 0; i < count; i++) {
          values[i] = bytes.get(i) != 0;
        }
        yield values;
      }
    };
  }

  private static ByteBuffer readFully(FileChannel channel, int length) throws IOException {
    byte[] bytes = new byte[length];
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // a channel may return fewer bytes than asked for
    }
    return ByteBuffer.wrap(bytes, 0, buffer.position()).slice();
  }

  private static IllegalArgumentException invalid(Path file, String why) {
    return new IllegalArgumentException(file + " is not a NumPy .npy file redframe reads: " + why);
  }

  /** A shape as Python writes a tuple: {@code (3,)}, {@code (3, 4)}. */
  static String shape(long[] shape) {
    StringJoiner joined = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
    for (long dim : shape) {
      joined.add(Long.toString(dim));
    }
    return joined.toString();
  }

  /** The first {@code count} elements, in storage order: {@code [0.5, 1.0, 2.0]}. */
  static String values(NdArray array, int count) {
    StringJoiner joined = new StringJoiner(", ", "[", "]");
    Object data = array.data();
    for (int i = 0; i < Math.min(count, Array.getLength(data)); i++) {
      joined.add(String.valueOf(Array.get(data, i)));
    }
    return joined.toString();
  }
}
