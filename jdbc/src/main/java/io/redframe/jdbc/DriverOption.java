package io.redframe.jdbc;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Every option of the {@code jdbc:redframe:} driver that is not a store option ({@link
 * io.redframe.StoreOption}, which the store URL and connection properties accept as well): its key,
 * default and description. One enum drives parsing, {@link RedframeDriver#getPropertyInfo} and the
 * README. Options are given as connection {@link java.util.Properties} or in the store URL's query
 * ({@code jdbc:redframe:redis://host:6379?memoryLimit=2GB&threads=4}).
 */
public enum DriverOption {
  MEMORY_LIMIT(
      "memoryLimit",
      "1GB",
      "Memory DuckDB may use for one connection (its `memory_limit`: `512MB`, `2GB`, `40%`); beyond"
          + " it, operators spill to the temp directory or fail. Bounded by default so that a query"
          + " cannot take the JVM host's memory.",
      Pattern.compile(
          "\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB|%)", Pattern.CASE_INSENSITIVE)),
  THREADS(
      "threads",
      "2",
      "Worker threads of the connection's DuckDB engine.",
      Pattern.compile("[1-9]\\d{0,3}")),
  TEMP_DIRECTORY(
      "tempDirectory",
      "",
      "Where DuckDB spills when over the memory limit (its `temp_directory`); empty: DuckDB's"
          + " default.",
      Pattern.compile("[^'\\n]*")),
  PIN_TTL(
      "pinTtl",
      "600",
      "Seconds a statement's pins on the frame versions it reads last at most if the statement's"
          + " JVM dies (they are released when the statement ends).",
      Pattern.compile("[1-9]\\d{0,8}"));

  private final String key;
  private final String defaultText;
  private final String description;
  private final Pattern valid;

  DriverOption(String key, String defaultText, String description, Pattern valid) {
    this.key = key;
    this.defaultText = defaultText;
    this.description = description;
    this.valid = valid;
  }

  /** The name in connection properties and URL query parameters. */
  public String key() {
    return key;
  }

  public String defaultText() {
    return defaultText;
  }

  public String description() {
    return description;
  }

  /** The option named {@code key} (case-sensitive), or null if it is not a driver option. */
  public static DriverOption forKey(String key) {
    for (DriverOption option : values()) {
      if (option.key.equals(key)) {
        return option;
      }
    }
    return null;
  }

  /**
   * Checks {@code text} and returns it trimmed.
   *
   * @throws IllegalArgumentException naming the option and the value
   */
  public String check(String text) {
    String value = text.trim();
    if (!valid.matcher(value).matches()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "Invalid value '%s' for driver option %s: %s", value, key, description));
    }
    return value;
  }

  /** The options as a Markdown table, for the README. */
  public static String markdownTable() {
    StringBuilder out =
        new StringBuilder("| option | default | description |\n| --- | --- | --- |\n");
    for (DriverOption option : values()) {
      out.append("| `")
          .append(option.key)
          .append("` | `")
          .append(option.defaultText)
          .append("` | ")
          .append(option.description)
          .append(" |\n");
    }
    return out.toString();
  }
}
