package io.redframe;

/**
 * What kind of value a stored frame holds, as its codec says ({@link Manifest#kind()}). A program
 * that knows only a frame's name reads its manifest, then picks the loader for its kind.
 */
public enum FrameKind {
  /** A record, map, list or POJO saved as JSON or YAML ({@link FrameStore#loadObject}). */
  OBJECT,
  /** Opaque bytes ({@link FrameStore#loadBytes}). */
  BYTES,
  /** A table: Arrow record batches or a Tablesaw table, in any tabular codec. */
  TABLE,
  /** A numeric array, one- or N-dimensional. */
  ARRAY,
  /** A codec that no module on the class or module path describes. */
  UNKNOWN
}
