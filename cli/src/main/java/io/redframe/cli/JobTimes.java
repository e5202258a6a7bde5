package io.redframe.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations and times on the command line of {@code worker} and {@code jobs}, and for people. */
final class JobTimes {
  static final String DURATIONS = "a duration such as 250ms, 30s, 10m, 2h, 7d, 1h30m or PT1H30M";
  static final String TIMES =
      "a time such as 2026-12-01T03:00:00Z, 2026-12-01T04:00+01:00 or 2026-12-01T03:00 (local"
          + " time)";

  private static final Pattern PART = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
  private static final Pattern PARTS = Pattern.compile("(\\d{1,12}(ms|s|m|h|d))+");

  private JobTimes() {}

  /**
   * Parses {@code 250ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 7d}, sums of them such as
   * {@code 1h30m}, {@code 0}, or an ISO-8601 duration ({@code PT30S}).
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  static Duration duration(String text) {
    String value = text.strip();
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    try {
      if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
        return nonNegative(Duration.parse(value), text);
      }
      if (PARTS.matcher(value).matches()) {
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(value);
        while (part.find()) {
          total = total.plus(unit(Long.parseLong(part.group(1)), part.group(2)));
        }
        return total;
      }
    } catch (DateTimeParseException | ArithmeticException e) {
      // reported below, with the accepted forms
    }
    throw new IllegalArgumentException("'" + text + "' is not " + DURATIONS);
  }

  private static Duration unit(long n, String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static Duration nonNegative(Duration duration, String text) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("'" + text + "' is negative: expected " + DURATIONS);
    }
    return duration;
  }

  /**
   * Parses an ISO-8601 instant ({@code 2026-12-01T03:00:00Z}), a date-time with an offset ({@code
   * 2026-12-01T04:00+01:00}) or a local date-time in this machine's time zone.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms
   */
  static Instant time(String text) {
    String value = text.strip();
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      // not with an offset
    }
    try {
      return LocalDateTime.parse(value).atZone(ZoneId.systemDefault()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not " + TIMES, e);
    }
  }

  /** {@code 850 ms}, {@code 12.3 s}, {@code 4 min 5 s}, {@code 1 min}, {@code 3 h 20 min}... */
  static String human(Duration duration) {
    long ms = duration.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = duration.toSeconds();
    if (s < 3600) {
      return two(s / 60, "min", s % 60, "s");
    }
    if (s < 86_400) {
      return two(s / 3600, "h", s % 3600 / 60, "min");
    }
    return two(s / 86_400, "d", s % 86_400 / 3600, "h");
  }

  private static String two(long big, String bigUnit, long small, String smallUnit) {
    return big + " " + bigUnit + (small == 0 ? "" : " " + small + " " + smallUnit);
  }

  /** picocli's converter for duration options; a bad value is a usage error (exit 2). */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return duration(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** picocli's converter for time options; a bad value is a usage error (exit 2). */
  static final class TimeConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return time(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
