package io.redframe;

/**
 * The format of an object saved with {@link FrameStore#saveObject}: JSON (the default) or YAML
 * text, or CBOR (RFC 8949), a binary JSON with the same data model that keeps numbers as their
 * bytes: a list of doubles is 9 bytes a value instead of up to 24 characters, and several times
 * faster to write and read. Any language reads it (Python: {@code cbor2.loads}).
 */
public enum ObjectFormat {
  JSON("json"),
  YAML("yaml"),
  CBOR("cbor");

  private final String codec;

  ObjectFormat(String codec) {
    this.codec = codec;
  }

  /** The codec id written to the manifest. */
  public String codec() {
    return codec;
  }
}
