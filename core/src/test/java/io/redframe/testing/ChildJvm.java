package io.redframe.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start of a command line for a child JVM that tests run: the running JDK's {@code java} and
 * this JVM's default locale and time zone, so the whole suite runs under the ones the build chose
 * (the parent pom's {@code test.locale.args}).
 */
public final class ChildJvm {
  private static final List<String> INHERITED =
      List.of("user.language", "user.country", "user.timezone");

  private ChildJvm() {}

  /** {@code java} followed by {@code -D} options for this JVM's locale and time zone. */
  public static List<String> java() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String property : INHERITED) {
      String value = System.getProperty(property, "");
      if (!value.isEmpty()) {
        command.add("-D" + property + "=" + value);
      }
    }
    return command;
  }
}
