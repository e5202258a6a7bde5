package io.redframe.jdbc.internal;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A frame as SQL names it: {@code weather} is the current version of frame {@code weather}, {@code
 * weather@3} its version 3. The version is what follows the last {@code @} when that is digits, so
 * {@code me@host} is a frame name; a frame whose own name ends in {@code @<digits>} is reached with
 * {@code redframe_scan('its name')}, which never parses a version.
 */
record TableName(String frame, OptionalLong version) {
  private static final Pattern VERSIONED = Pattern.compile("(.+)@(\\d{1,18})");

  TableName {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(version, "version");
  }

  /** The frame and version that the SQL table name {@code sql} names. */
  static TableName parse(String sql) {
    Matcher matcher = VERSIONED.matcher(sql);
    if (matcher.matches()) {
      long version = Long.parseLong(matcher.group(2));
      if (version >= 1) {
        return new TableName(matcher.group(1), OptionalLong.of(version));
      }
    }
    return new TableName(sql, OptionalLong.empty());
  }

  static TableName literal(String frame, OptionalLong version) {
    return new TableName(frame, version);
  }

  @Override
  public String toString() {
    return version.isPresent() ? frame + "@" + version.getAsLong() : frame;
  }
}
