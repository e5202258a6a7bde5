package io.redframe.testing;

import io.redframe.FrameStore;
import java.util.Map;

/**
 * Run in a child JVM by the embedded-store tests: opens {@code embedded:<dir>}, saves an object
 * under the given name, prints the version and closes the store.
 */
public final class EmbeddedChild {
  private EmbeddedChild() {}

  public static void main(String[] args) {
    try (FrameStore store = FrameStore.open("embedded:" + args[0])) {
      long pid = ProcessHandle.current().pid();
      System.out.println(store.saveObject(args[1], Map.of("from", "child", "pid", pid)).version());
    }
  }
}
