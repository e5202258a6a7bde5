package io.redframe.tablesaw.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.columns.times.PackedLocalTime;

/** The fast date-time text agrees with java.time's formatter and parser, or steps aside. */
class IsoDateTimesTest {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT);

  @Test
  void formatsAndParsesLikeJavaTime() {
    Random random = new Random(3);
    IsoDateTimes writer = new IsoDateTimes();
    IsoDateTimes reader = new IsoDateTimes();
    for (int i = 0; i < 20_000; i++) {
      // runs of rows on one day (the cached path) and jumps anywhere in years 1-9999
      long epochMilli =
          i % 7 == 0
              ? random.nextLong(-62_135_596_800_000L, 253_402_300_799_999L)
              : random.nextLong(1_700_000_000_000L, 1_700_000_000_000L + 3 * 86_400_000L);
      LocalDateTime time =
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(epochMilli, 1000),
              Math.floorMod(epochMilli, 1000) * 1_000_000,
              ZoneOffset.UTC);
      char suffix = i % 2 == 0 ? 'Z' : 0;

      int length =
          writer.format(
              PackedLocalDate.pack(time.toLocalDate()),
              PackedLocalTime.pack(time.toLocalTime()),
              suffix);

      String expected = ISO.format(time) + (suffix == 0 ? "" : "Z");
      assertThat(new String(writer.text(), 0, length)).isEqualTo(expected);
      char[] chars = ("xx" + expected).toCharArray();
      assertThat(reader.epochMillis(chars, 2, expected.length(), suffix != 0))
          .isEqualTo(epochMilli);
    }
  }

  @Test
  void leavesOtherTextToTheGeneralPath() {
    IsoDateTimes text = new IsoDateTimes();
    for (String other :
        new String[] {
          "2024-02-30T00:00:00.000", // no such day
          "2024-13-01T00:00:00.000",
          "2024-01-01T24:00:00.000",
          "2024-01-01T23:60:00.000",
          "2024-01-01 23:00:00.000",
          "2024-01-01T23:00:00.00",
          "2024-01-01T23:00:00.000+01:00",
          "+12024-01-01T23:00:00.00",
          "2024-0a-01T23:00:00.000"
        }) {
      char[] chars = other.toCharArray();
      assertThat(text.epochMillis(chars, 0, chars.length, false))
          .as(other)
          .isEqualTo(IsoDateTimes.NOT_FAST);
    }
    assertThat(text.format(PackedLocalDate.pack((short) 10_000, (byte) 1, (byte) 1), 0, 'Z'))
        .isEqualTo(-1);
    char[] time = "23:59:59.999".toCharArray();
    assertThat(text.millisOfDay(time, 0, time.length)).isEqualTo(86_399_999L);
    char[] notTime = "23:59:60.000".toCharArray();
    assertThat(text.millisOfDay(notTime, 0, notTime.length)).isEqualTo(IsoDateTimes.NOT_FAST);
  }
}
