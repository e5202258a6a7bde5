package io.redframe;

/** The text format of an object saved with {@link FrameStore#saveObject}. */
public enum ObjectFormat {
  JSON("json"),
  YAML("yaml");

  private final String codec;

  ObjectFormat(String codec) {
    this.codec = codec;
  }

  /** The codec id written to the manifest. */
  public String codec() {
    return codec;
  }
}
