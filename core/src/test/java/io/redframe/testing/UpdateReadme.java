package io.redframe.testing;

import io.redframe.StoreOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites the option table of the README from {@link StoreOption#markdownTable()}:
 *
 * <pre>
 * ./mvnw -q -pl core test-compile exec:java -Dexec.classpathScope=test
 *     -Dexec.mainClass=io.redframe.testing.UpdateReadme
 * </pre>
 */
public final class UpdateReadme {
  static final String BEGIN = "<!-- options:begin -->\n";
  static final String END = "<!-- options:end -->";

  private UpdateReadme() {}

  public static void main(String[] args) throws IOException {
    Path readme = Path.of(args.length > 0 ? args[0] : "README.md");
    String text = Files.readString(readme);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException(
          readme + " has no " + BEGIN.trim() + " ... " + END + " section");
    }
    String updated =
        text.substring(0, begin + BEGIN.length())
            + StoreOption.markdownTable()
            + text.substring(end);
    Files.writeString(readme, updated);
  }
}
