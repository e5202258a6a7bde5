package io.redframe;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every option of a {@link FrameStore}: its name in URL query parameters, its type, default, bounds
 * and documentation. This enum is the single source of truth for parsing, validation, defaults and
 * the option table in the README (generated from {@link #markdownTable()}).
 *
 * <p>Sizes are written as a number of bytes or with a binary suffix ({@code 512KiB}, {@code 4MiB},
 * {@code 1GiB}); durations as {@code 250ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 7d}, or
 * ISO-8601 ({@code PT30S}). A duration of {@code 0} means "none" where the description says so.
 */
public enum StoreOption {
  PREFIX(
      "prefix",
      Kind.TEXT,
      "redframe",
      "Key prefix: every key the store touches starts with `<prefix>:`. Letters, digits and `._-:`,"
          + " at most 64 characters.",
      1,
      64),
  CHUNK_SIZE(
      "chunkSize",
      Kind.SIZE,
      "1MiB",
      "Target size of one chunk (one Redis hash field). Codecs cut frames into chunks of about this"
          + " size.",
      4 << 10,
      256L << 20),
  PIPELINE_WINDOW(
      "pipelineWindow",
      Kind.SIZE,
      "16MiB",
      "Bytes of chunks sent per pipeline round trip, so no single command or reply is huge and"
          + " other clients are not stalled; a load reads them in eighths, up to eight ahead of"
          + " the decoder.",
      64 << 10,
      1L << 30),
  CONNECT_TIMEOUT(
      "connectTimeout", Kind.DURATION, "5s", "Timeout to open a connection.", 1, Integer.MAX_VALUE),
  TIMEOUT(
      "timeout",
      Kind.DURATION,
      "60s",
      "Socket timeout of one command or pipeline round trip.",
      1,
      Integer.MAX_VALUE),
  POOL_SIZE(
      "poolSize",
      Kind.INT,
      "8",
      "Maximum connections in the pool (reads fetch the next window on a second connection).",
      2,
      1024),
  KEEP_VERSIONS(
      "keepVersions",
      Kind.INT,
      "1",
      "Published versions kept readable, the current one included; older ones are superseded and"
          + " expire after the grace period.",
      1,
      1_000_000),
  GRACE_PERIOD(
      "gracePeriod",
      Kind.DURATION,
      "60s",
      "How long a superseded version stays readable, so that readers in flight finish. 0 removes it"
          + " at once.",
      0,
      Long.MAX_VALUE),
  GRACE_BYTES(
      "graceBytes",
      Kind.SIZE,
      "256MiB",
      "The most bytes of superseded versions of one frame kept in their grace period. Past it, a"
          + " save keeps the newest superseded version and the newer ones that fit half of it and"
          + " removes the older ones at once (unless pinned), so back-to-back saves of a large frame"
          + " do not fill Redis with versions nobody reads; a load still reading one fails with"
          + " FrameNotFoundException (pin a version to read it for longer).",
      0,
      1L << 50),
  TTL(
      "ttl",
      Kind.DURATION,
      "0",
      "Default time to live of a saved frame (head, manifest and every chunk). 0 keeps frames until"
          + " deleted.",
      0,
      Long.MAX_VALUE),
  PENDING_TTL(
      "pendingTtl",
      Kind.DURATION,
      "10m",
      "A write that stops making progress for this long (a crashed writer) expires with all its"
          + " chunks; it was never visible.",
      1000,
      Long.MAX_VALUE),
  MAX_MANIFEST_BYTES(
      "maxManifestBytes",
      Kind.SIZE,
      "64MiB",
      "Read limit: the largest manifest a load accepts.",
      1 << 10,
      512L << 20),
  MAX_CHUNK_BYTES(
      "maxChunkBytes",
      Kind.SIZE,
      "256MiB",
      "Read limit: the largest chunk a load accepts (must be at least chunkSize).",
      4 << 10,
      512L << 20),
  MAX_CHUNKS(
      "maxChunks",
      Kind.INT,
      "10000000",
      "Read limit: the most chunks a manifest may list.",
      1,
      Integer.MAX_VALUE),
  CACHE_SIZE(
      "cacheSize",
      Kind.SIZE,
      "0",
      "Bytes of heap kept for the chunks and manifests of recently loaded versions. Reloading a"
          + " version whose chunks are kept costs one round trip (checking the head, so a new save"
          + " or a delete is seen at once) plus the decode; versions never change, so nothing kept"
          + " is ever stale. 0 keeps nothing.",
      0,
      1L << 40),
  REPLICAS(
      "replicas",
      Kind.INT,
      "0",
      "Replicas that must have a save before it returns (`WAIT` on each connection that wrote: the"
          + " frame's master, and on a cluster every master holding its segments), so an"
          + " acknowledged version survives a failover. 0 does not wait.",
      0,
      64),
  REPLICA_TIMEOUT(
      "replicaTimeout",
      Kind.DURATION,
      "10s",
      "How long a save waits for `replicas` acknowledgements before it fails (the version is"
          + " published, but not known to be on that many replicas).",
      1,
      Integer.MAX_VALUE),
  SEGMENTS(
      "segments",
      Kind.INT,
      "32",
      "On Redis Cluster: segment keys the chunks of a frame larger than one round trip are spread"
          + " over (each has a hash tag of its own, so the frame spreads over the masters).",
      1,
      4096),
  TLS_CA_FILE(
      "tlsCaFile",
      Kind.PATH,
      "",
      "For `rediss://`: a PEM file of the certificate authorities to trust instead of the JVM's"
          + " (the server's host name is verified either way).",
      0,
      4096);

  /** How an option's text is parsed. */
  public enum Kind {
    TEXT,
    INT,
    SIZE,
    DURATION,
    PATH
  }

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|)");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern PREFIX_CHARS = Pattern.compile("[A-Za-z0-9._:-]+");

  private final String key;
  private final Kind kind;
  private final String defaultText;
  private final String description;
  private final long min;
  private final long max;

  StoreOption(String key, Kind kind, String defaultText, String description, long min, long max) {
    this.key = key;
    this.kind = kind;
    this.defaultText = defaultText;
    this.description = description;
    this.min = min;
    this.max = max;
  }

  /** The name used in URL query parameters and in {@link FrameStore.Builder#option}. */
  public String key() {
    return key;
  }

  public Kind kind() {
    return kind;
  }

  public String defaultText() {
    return defaultText;
  }

  public String description() {
    return description;
  }

  /** The option named {@code key} (case-sensitive), or an exception listing the valid names. */
  public static StoreOption forKey(String key) {
    for (StoreOption option : values()) {
      if (option.key.equals(key)) {
        return option;
      }
    }
    StringBuilder known = new StringBuilder();
    for (StoreOption option : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(option.key);
    }
    throw new IllegalArgumentException("Unknown store option '" + key + "'; known: " + known);
  }

  /**
   * Parses and validates {@code text}: a {@link String} for TEXT, an {@link Integer} for INT, a
   * {@link Long} byte count for SIZE, a {@link Duration} for DURATION.
   *
   * @throws IllegalArgumentException naming the option, the value and what was expected
   */
  public Object parse(String text) {
    String value = text.trim();
    return switch (kind) {
      case TEXT -> checkText(value);
      case PATH -> checkPath(value);
      case INT -> (int) checkRange(parseLong(value), value);
      case SIZE -> checkRange(parseSize(value), value);
      case DURATION -> checkDuration(parseDuration(value), value);
    };
  }

  /** Validates a typed value, as {@link #parse} does for text. */
  Object validate(Object value) {
    return switch (kind) {
      case TEXT -> checkText((String) value);
      case PATH -> checkPath((String) value);
      case INT -> (int) checkRange(((Number) value).longValue(), String.valueOf(value));
      case SIZE -> checkRange(((Number) value).longValue(), String.valueOf(value));
      case DURATION -> checkDuration((Duration) value, String.valueOf(value));
    };
  }

  private String checkText(String value) {
    if (value.length() < min || value.length() > max || !PREFIX_CHARS.matcher(value).matches()) {
      throw invalid(value, "letters, digits and ._-: only, 1 to " + max + " characters");
    }
    return value;
  }

  private String checkPath(String value) {
    if (value.length() > max
        || (!value.isEmpty() && !java.nio.file.Files.isReadable(java.nio.file.Path.of(value)))) {
      throw invalid(value, "a readable file");
    }
    return value;
  }

  private long checkRange(long value, String text) {
    if (value < min || value > max) {
      throw invalid(text, "a value from " + min + " to " + max);
    }
    return value;
  }

  private Duration checkDuration(Duration value, String text) {
    if (value.isNegative() || value.toMillis() < min || value.toMillis() > max) {
      throw invalid(text, "a duration of at least " + min + " ms");
    }
    return value;
  }

  private long parseLong(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw invalid(value, "an integer");
    }
  }

  private long parseSize(String value) {
    Matcher m = SIZE.matcher(value);
    if (!m.matches()) {
      throw invalid(value, "a size such as 1048576, 512KiB, 4MiB or 1GiB");
    }
    int shift =
        switch (m.group(2)) {
          case "KiB" -> 10;
          case "MiB" -> 20;
          case "GiB" -> 30;
          default -> 0;
        };
    long number = parseLong(m.group(1));
    if (number > (Long.MAX_VALUE >> shift)) {
      throw invalid(value, "a size below 8 EiB");
    }
    return number << shift;
  }

  private Duration parseDuration(String value) {
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Duration.parse(value);
      } catch (RuntimeException e) {
        throw invalid(value, "an ISO-8601 duration such as PT30S");
      }
    }
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw invalid(value, "a duration such as 0, 250ms, 30s, 10m, 2h, 7d or PT30S");
    }
    long n = parseLong(m.group(1));
    try {
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } catch (ArithmeticException e) {
      throw invalid(value, "a shorter duration");
    }
  }

  private IllegalArgumentException invalid(String value, String expected) {
    return new IllegalArgumentException(
        "Invalid value '" + value + "' for store option '" + key + "': expected " + expected);
  }

  /** The README's option table, in Markdown. A test keeps the README in step with this. */
  public static String markdownTable() {
    StringBuilder table = new StringBuilder();
    table.append("| option | type | default | meaning |\n");
    table.append("| --- | --- | --- | --- |\n");
    for (StoreOption option : values()) {
      table
          .append("| `")
          .append(option.key)
          .append("` | ")
          .append(option.kind.name().toLowerCase(Locale.ROOT))
          .append(" | `")
          .append(option.defaultText)
          .append("` | ")
          .append(option.description)
          .append(" |\n");
    }
    return table.toString();
  }
}
