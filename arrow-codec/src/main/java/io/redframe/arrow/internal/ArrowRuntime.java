package io.redframe.arrow.internal;

import io.redframe.FrameStoreException;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Checks once that Arrow's memory layer works in this JVM. On JDK 17+ it needs {@code java.nio}
 * opened to it; without the flag Arrow fails with a stack of reflection errors, so this says which
 * flag to add instead.
 */
public final class ArrowRuntime {
  public static final String ADD_OPENS =
      "--add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED";
  private static volatile boolean checked;

  private ArrowRuntime() {}

  public static void check() {
    if (checked) {
      return;
    }
    try {
      MemoryUtil.directBuffer(0, 0); // initializes MemoryUtil, which needs java.nio opened
      checked = true;
    } catch (Throwable e) { // an Error from a static initializer is the usual shape of this failure
      if (e instanceof VirtualMachineError vm) {
        throw vm;
      }
      throw new FrameStoreException(
          "Arrow cannot access direct memory in this JVM: start Java with "
              + ADD_OPENS
              + " (JDK 17+; in a jar manifest: Add-Opens: java.base/java.nio). Cause: "
              + e,
          e);
    }
  }
}
