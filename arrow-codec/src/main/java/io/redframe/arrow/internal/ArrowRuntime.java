package io.redframe.arrow.internal;

import io.redframe.FrameStoreException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Checks once that Arrow's memory layer works in this JVM. On JDK 17+ it needs {@code java.nio}
 * opened to it; without the flag Arrow fails with a stack of reflection errors, so this says which
 * flag to add instead.
 */
public final class ArrowRuntime {
  /** The flag with the jars on the class path. */
  public static final String ADD_OPENS_CLASS_PATH = "--add-opens=java.base/java.nio=ALL-UNNAMED";

  /** The flag with the jars on the module path. */
  public static final String ADD_OPENS_MODULE_PATH =
      "--add-opens=java.base/java.nio=org.apache.arrow.memory.core";

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
      // Naming a module the JVM does not have prints "Unknown module": give the one form that fits.
      boolean modulePath = BufferAllocator.class.getModule().isNamed();
      throw new FrameStoreException(
          "Arrow cannot access direct memory in this JVM: start Java with "
              + (modulePath ? ADD_OPENS_MODULE_PATH : ADD_OPENS_CLASS_PATH)
              + " (JDK 17+; in an executable jar's manifest: Add-Opens: java.base/java.nio)."
              + " Cause: "
              + e,
          e);
    }
  }
}
