package io.redframe.tablesaw.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.columns.times.PackedLocalTime;

/**
 * Date-times as the JSON table format writes them, {@code yyyy-MM-ddTHH:mm:ss.SSS} (plus {@code Z}
 * for instants), formatted from and parsed to Tablesaw's packed values without java.time objects or
 * formatters. Rows usually share their day with the previous row, so the day's text and number are
 * kept. Anything else (other shapes, years outside 1–9999, invalid fields) is left to the caller's
 * general path: {@link #format} returns -1 and the parsers {@link #NOT_FAST}. Not thread-safe: one
 * per column.
 */
final class IsoDateTimes {
  /** What the parsers return for text they leave to the general path. */
  static final long NOT_FAST = Long.MIN_VALUE;

  private static final long MILLIS_PER_DAY = 86_400_000L;

  private final char[] text = new char[24];
  private int formattedDate = Integer.MIN_VALUE;
  private final char[] parsedDay = new char[10];
  private boolean dayKnown;
  private long parsedEpochDay;

  /**
   * Writes a packed date and time into {@link #text()}: {@code yyyy-MM-ddTHH:mm:ss.SSS}, then
   * {@code suffix} if not 0. Returns the length, or -1 for a year outside 1–9999.
   */
  int format(int packedDate, int packedTime, char suffix) {
    if (packedDate != formattedDate) {
      int year = PackedLocalDate.getYear(packedDate);
      if (year < 1 || year > 9999) { // "yyyy" is the year of the era: year 0 prints as 0001
        return -1;
      }
      digits(0, year, 4);
      text[4] = '-';
      digits(5, PackedLocalDate.getMonthValue(packedDate), 2);
      text[7] = '-';
      digits(8, PackedLocalDate.getDayOfMonth(packedDate), 2);
      text[10] = 'T';
      formattedDate = packedDate;
    }
    int millisOfMinute = PackedLocalTime.getMillisecondOfMinute(packedTime);
    digits(11, PackedLocalTime.getHour(packedTime), 2);
    text[13] = ':';
    digits(14, PackedLocalTime.getMinute(packedTime), 2);
    text[16] = ':';
    digits(17, millisOfMinute / 1000, 2);
    text[19] = '.';
    digits(20, millisOfMinute % 1000, 3);
    if (suffix != 0) {
      text[23] = suffix;
      return 24;
    }
    return 23;
  }

  /** The text {@link #format} wrote. */
  char[] text() {
    return text;
  }

  private void digits(int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * Milliseconds since the epoch (as UTC) of {@code yyyy-MM-ddTHH:mm:ss.SSS}, with a trailing
   * {@code Z} if {@code zone}, or {@link #NOT_FAST}.
   */
  long epochMillis(char[] chars, int offset, int length, boolean zone) {
    if (length != (zone ? 24 : 23) || (zone && chars[offset + 23] != 'Z')) {
      return NOT_FAST;
    }
    long day = epochDay(chars, offset);
    if (day == NOT_FAST || chars[offset + 10] != 'T') {
      return NOT_FAST;
    }
    long time = millisOfDay(chars, offset + 11);
    return time == NOT_FAST ? NOT_FAST : day * MILLIS_PER_DAY + time;
  }

  /**
   * Milliseconds since midnight of {@code HH:mm:ss.SSS} (exactly 12 chars), or {@link #NOT_FAST}.
   */
  long millisOfDay(char[] chars, int offset, int length) {
    return length == 12 ? millisOfDay(chars, offset) : NOT_FAST;
  }

  private long millisOfDay(char[] chars, int at) {
    int hour = number(chars, at, 2);
    int minute = number(chars, at + 3, 2);
    int second = number(chars, at + 6, 2);
    int millis = number(chars, at + 9, 3);
    if (chars[at + 2] != ':'
        || chars[at + 5] != ':'
        || chars[at + 8] != '.'
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || millis < 0) {
      return NOT_FAST;
    }
    return hour * 3_600_000L + minute * 60_000L + second * 1000L + millis;
  }

  /** The epoch day of the {@code yyyy-MM-dd} at {@code at}, or {@link #NOT_FAST}. */
  private long epochDay(char[] chars, int at) {
    if (dayKnown && java.util.Arrays.equals(chars, at, at + 10, parsedDay, 0, 10)) {
      return parsedEpochDay;
    }
    int year = number(chars, at, 4);
    int month = number(chars, at + 5, 2);
    int dayOfMonth = number(chars, at + 8, 2);
    if (year < 1 || month < 0 || dayOfMonth < 0 || chars[at + 4] != '-' || chars[at + 7] != '-') {
      return NOT_FAST;
    }
    try {
      parsedEpochDay = LocalDate.of(year, month, dayOfMonth).toEpochDay();
    } catch (DateTimeException e) {
      return NOT_FAST; // the general path reports it
    }
    System.arraycopy(chars, at, parsedDay, 0, 10);
    dayKnown = true;
    return parsedEpochDay;
  }

  /** The decimal number of {@code width} digits at {@code at}, or -1 if any is not a digit. */
  private static int number(char[] chars, int at, int width) {
    int value = 0;
    for (int i = at; i < at + width; i++) {
      int digit = chars[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
