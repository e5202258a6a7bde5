package io.redframe.cli;

import io.redframe.StoreOption;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Durations on the command line ({@code --ttl}, {@code --for}): the forms the store accepts. */
final class Durations {
  /** The accepted forms, for error messages. */
  static final String FORMS =
      "expected a duration such as 250ms, 30s, 10m, 2h or 7d (a whole number and ms, s, m, h or"
          + " d), or ISO-8601 such as PT1H30M";

  private Durations() {}

  /**
   * Parses {@code value} of {@code option}.
   *
   * @throws ParameterException (a usage error: exit code 2) naming the option, the value and the
   *     accepted forms
   */
  static Duration parse(CommandLine command, String option, String value) {
    try {
      Duration duration = (Duration) StoreOption.TTL.parse(value);
      if (!duration.isZero()) {
        return duration;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ParameterException(command, "Invalid " + option + " '" + value + "': " + FORMS);
  }
}
