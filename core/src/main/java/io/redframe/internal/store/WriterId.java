package io.redframe.internal.store;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who wrote a version: library version, host, process and JVM, for the manifest. */
final class WriterId {
  private WriterId() {}

  static String describe() {
    String version = WriterId.class.getPackage().getImplementationVersion();
    return "redframe/"
        + (version == null ? "dev" : version)
        + " ("
        + host()
        + "; pid "
        + ProcessHandle.current().pid()
        + "; java "
        + Runtime.version()
        + ")";
  }

  private static String host() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
