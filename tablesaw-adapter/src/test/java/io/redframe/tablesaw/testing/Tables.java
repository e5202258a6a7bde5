package io.redframe.tablesaw.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Random;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;

/** Random tables over every Tablesaw column type, and cell-by-cell comparison. */
public final class Tables {
  private Tables() {}

  /**
   * A table of {@code rows} rows with one column of each type (two string columns: few and many
   * distinct values); about one value in {@code missingEvery} is missing (0: none).
   */
  public static Table random(int rows, int missingEvery, long seed) {
    Random r = new Random(seed);
    BooleanColumn bool = BooleanColumn.create("bool");
    ShortColumn shorts = ShortColumn.create("short $");
    IntColumn ints = IntColumn.create("int");
    LongColumn longs = LongColumn.create("long");
    FloatColumn floats = FloatColumn.create("float");
    DoubleColumn doubles = DoubleColumn.create("double with spaces");
    StringColumn category = StringColumn.create("category ü");
    StringColumn text = StringColumn.create("text");
    DateColumn dates = DateColumn.create("date");
    TimeColumn times = TimeColumn.create("time");
    DateTimeColumn dateTimes = DateTimeColumn.create("date_time");
    InstantColumn instants = InstantColumn.create("instant");
    String[] categories = {"rain", "sun", "fog", "snow", "雪"};
    for (int i = 0; i < rows; i++) {
      if (missing(r, missingEvery)) bool.appendMissing();
      else bool.append(r.nextBoolean());
      if (missing(r, missingEvery)) shorts.appendMissing();
      else shorts.append((short) (r.nextInt(65535) - 32767));
      if (missing(r, missingEvery)) ints.appendMissing();
      else ints.append(r.nextInt(Integer.MAX_VALUE) * (r.nextBoolean() ? 1 : -1));
      if (missing(r, missingEvery)) longs.appendMissing();
      else longs.append(r.nextLong() >> 1);
      if (missing(r, missingEvery)) floats.appendMissing();
      else floats.append(r.nextFloat() * 1000);
      if (missing(r, missingEvery)) doubles.appendMissing();
      else doubles.append(r.nextGaussian() * 1e6);
      if (missing(r, missingEvery)) category.appendMissing();
      else category.append(categories[r.nextInt(categories.length)]);
      if (missing(r, missingEvery)) text.appendMissing();
      else text.append("t-" + r.nextLong() + (r.nextInt(10) == 0 ? " \"quoted\", é" : ""));
      if (missing(r, missingEvery)) dates.appendMissing();
      else dates.append(LocalDate.ofEpochDay(r.nextInt(60_000) - 20_000));
      if (missing(r, missingEvery)) times.appendMissing();
      else times.append(LocalTime.ofNanoOfDay(r.nextInt(86_400_000) * 1_000_000L));
      if (missing(r, missingEvery)) dateTimes.appendMissing();
      else
        dateTimes.append(
            LocalDateTime.of(
                LocalDate.ofEpochDay(r.nextInt(40_000)),
                LocalTime.ofNanoOfDay(r.nextInt(86_400_000) * 1_000_000L)));
      if (missing(r, missingEvery)) instants.appendMissing();
      else instants.append(Instant.ofEpochMilli(r.nextLong() % 4_000_000_000_000L));
    }
    return Table.create(
        "random " + seed,
        bool,
        shorts,
        ints,
        longs,
        floats,
        doubles,
        category,
        text,
        dates,
        times,
        dateTimes,
        instants);
  }

  private static boolean missing(Random r, int every) {
    return every > 0 && r.nextInt(every) == 0;
  }

  /** Same name, columns (names, types, order) and every cell, missing values included. */
  public static void assertSame(Table actual, Table expected) {
    assertThat(actual.name()).isEqualTo(expected.name());
    assertThat(actual.columnNames()).containsExactlyElementsOf(expected.columnNames());
    assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
    for (int c = 0; c < expected.columnCount(); c++) {
      Column<?> want = expected.column(c);
      Column<?> got = actual.column(c);
      assertThat(got.type()).as("type of '%s'", want.name()).isEqualTo(want.type());
      for (int row = 0; row < want.size(); row++) {
        assertThat(got.isMissing(row))
            .as("'%s' row %d missing", want.name(), row)
            .isEqualTo(want.isMissing(row));
        if (!want.isMissing(row)) {
          assertThat(got.get(row)).as("'%s' row %d", want.name(), row).isEqualTo(want.get(row));
        }
      }
    }
  }
}
