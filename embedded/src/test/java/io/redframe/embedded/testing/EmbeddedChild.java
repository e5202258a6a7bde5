package io.redframe.embedded.testing;

import io.redframe.FrameStore;
import io.redframe.embedded.EmbeddedServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a child JVM by the embedded-store tests (on the class path or the module path): opens
 * {@code embedded:<dir>}, saves an object under the given name, prints the version and the binary
 * the server runs, and closes the store.
 */
public final class EmbeddedChild {
  private EmbeddedChild() {}

  public static void main(String[] args) {
    try (FrameStore store = FrameStore.open("embedded:" + args[0])) {
      long pid = ProcessHandle.current().pid();
      System.out.println(store.saveObject(args[1], Map.of("from", "child", "pid", pid)).version());
      System.out.println(
          "binary=" + EmbeddedServer.status(Path.of(args[0])).orElseThrow().binary());
      System.out.println("module=" + FrameStore.class.getModule().getName());
    }
  }
}
