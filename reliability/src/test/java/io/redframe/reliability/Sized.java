package io.redframe.reliability;

/** Trial counts: short in the test command, longer with {@code -Dredframe.long=true}. */
final class Sized {
  static final boolean LONG = Boolean.getBoolean("redframe.long");

  private Sized() {}

  static int trials(int normal, int longer) {
    return LONG ? longer : normal;
  }
}
