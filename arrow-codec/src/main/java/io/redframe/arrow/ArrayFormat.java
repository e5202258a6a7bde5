package io.redframe.arrow;

/** How a numeric array is stored. */
public enum ArrayFormat {
  /**
   * One Arrow column of the elements in storage order; dtype, shape and order in the schema
   * metadata. Readable by any Arrow library; compressible.
   */
  ARROW,
  /**
   * The raw little-endian bytes in numpy order: {@code numpy.frombuffer(b"".join(chunks),
   * dtype).reshape(shape, order=order)}. The fastest.
   */
  RAW,
  /** A JSON document: dtype, shape, order and the elements as nested lists. Readable anywhere. */
  JSON
}
