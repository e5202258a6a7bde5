package io.redframe.tablesaw.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.tablesaw.ArrowTables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

/**
 * Batches large enough to have their columns appended on two threads: every column type comes back
 * value for value (missing values too), and a value that does not fit Tablesaw fails on the
 * caller's thread with the documented exception, whichever thread met it.
 */
class LargeBatchesTest {
  private static final int ROWS = 150_000; // four batches, the last one short

  private final BufferAllocator allocator = new RootAllocator(1L << 30);

  @AfterEach
  void close() {
    allocator.close();
  }

  @Test
  void everyColumnTypeComesBackValueForValue() throws IOException {
    Table table = everyType(ROWS);
    Table back;
    try (ArrowReader reader = ArrowTables.reader(table, allocator, 40_000)) {
      back = ArrowTables.table(reader, "ignored");
    }
    assertThat(back.name()).isEqualTo("all types");
    assertThat(back.rowCount()).isEqualTo(ROWS);
    assertThat(back.columnNames()).isEqualTo(table.columnNames());
    for (int c = 0; c < table.columnCount(); c++) {
      Column<?> expected = table.column(c);
      Column<?> actual = back.column(c);
      assertThat(actual.type()).as(expected.name()).isEqualTo(expected.type());
      assertThat(actual.countMissing()).as(expected.name()).isEqualTo(expected.countMissing());
      for (int r = 0; r < ROWS; r++) {
        if (!Objects.equals(expected.get(r), actual.get(r))) {
          throw new AssertionError(
              "column "
                  + expected.name()
                  + " row "
                  + r
                  + ": "
                  + expected.get(r)
                  + " became "
                  + actual.get(r));
        }
      }
    }
    // the same table assembled again is the same: no state leaks between loads
    try (ArrowReader reader = ArrowTables.reader(table, allocator, 40_000)) {
      Table again = ArrowTables.table(reader, "ignored");
      for (int c = 0; c < table.columnCount(); c++) {
        assertThat(again.column(c).asList()).isEqualTo(back.column(c).asList());
      }
    }
  }

  /**
   * Columns are made around the assembler's arrays (Tablesaw's constructors are reachable on the
   * class path), and a column made so still grows and copies like any other.
   */
  @Test
  void columnsAreMadeAroundTheirArraysAndStillGrow() throws IOException {
    assertThat(Columns.wrapping()).isTrue();
    Table table = everyType(1_000);
    Table back;
    try (ArrowReader reader = ArrowTables.reader(table, allocator, 640)) {
      back = ArrowTables.table(reader, "t");
    }
    LongColumn id = (LongColumn) back.column("id");
    long last = id.getLong(999);
    for (int i = 0; i < 5_000; i++) {
      id.append(i);
    }
    assertThat(id.size()).isEqualTo(6_000);
    assertThat(id.getLong(999)).isEqualTo(last);
    assertThat(id.getLong(5_999)).isEqualTo(4_999);
    StringColumn city = (StringColumn) back.column("city");
    String first = city.get(0);
    city.append("a new city").append(first);
    assertThat(city.size()).isEqualTo(1_002);
    assertThat(city.get(1_000)).isEqualTo("a new city");
    assertThat(city.countOccurrences(first))
        .isEqualTo(table.stringColumn("city").countOccurrences(first) + 1);
    InstantColumn instant = (InstantColumn) back.column("instant");
    InstantColumn copy = instant.copy();
    instant.set(0, Instant.EPOCH);
    assertThat(copy.get(0)).isEqualTo(table.instantColumn("instant").get(0));
    assertThat(instant.get(0)).isEqualTo(Instant.EPOCH);
  }

  @Test
  void aValueThatDoesNotFitFailsNamingItsColumn() throws IOException {
    byte[] stream = timesWithOneOutsideADay(20_000, 17_123);
    try (ArrowReader reader = new ArrowStreamReader(new ByteArrayInputStream(stream), allocator)) {
      assertThatThrownBy(() -> ArrowTables.table(reader, "t"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'at'")
          .hasMessageContaining("time of day outside one day");
    }
    assertThat(allocator.getAllocatedMemory()).isZero();
  }

  /** A batch of {@code rows} (an int column, then a time column with one value of 25 hours). */
  private byte[] timesWithOneOutsideADay(int rows, int badRow) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (IntVector id = new IntVector("id", allocator);
        TimeMilliVector at = new TimeMilliVector("at", allocator)) {
      id.allocateNew(rows);
      at.allocateNew(rows);
      for (int i = 0; i < rows; i++) {
        id.set(i, i);
        at.set(i, i == badRow ? 25 * 3_600_000 : i * 1000);
      }
      id.setValueCount(rows);
      at.setValueCount(rows);
      try (VectorSchemaRoot root = new VectorSchemaRoot(List.of(id, at));
          ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
        writer.start();
        writer.writeBatch();
        writer.end();
      }
    }
    return out.toByteArray();
  }

  private static Table everyType(int rows) {
    Random random = new Random(16);
    BooleanColumn flag = BooleanColumn.create("flag");
    ShortColumn small = ShortColumn.create("small");
    IntColumn count = IntColumn.create("count");
    LongColumn id = LongColumn.create("id");
    FloatColumn ratio = FloatColumn.create("ratio");
    DoubleColumn x = DoubleColumn.create("x");
    StringColumn city = StringColumn.create("city");
    StringColumn note = StringColumn.create("note");
    DateColumn day = DateColumn.create("day");
    TimeColumn time = TimeColumn.create("time");
    DateTimeColumn local = DateTimeColumn.create("local");
    InstantColumn instant = InstantColumn.create("instant");
    long start = Instant.parse("1969-12-30T23:59:00Z").toEpochMilli();
    for (int i = 0; i < rows; i++) {
      boolean missing = i % 97 == 13;
      if (missing) {
        flag.appendMissing();
        small.appendMissing();
        count.appendMissing();
        id.appendMissing();
        ratio.appendMissing();
        x.appendMissing();
        city.appendMissing();
        note.appendMissing();
        day.appendMissing();
        time.appendMissing();
        local.appendMissing();
        instant.appendMissing();
        continue;
      }
      flag.append(random.nextBoolean());
      small.append((short) (random.nextInt(65_535) - 32_767));
      count.append(random.nextInt());
      id.append(random.nextLong() | 1);
      ratio.append(random.nextFloat());
      x.append(random.nextGaussian());
      city.append("city-" + random.nextInt(300));
      note.append("note " + i + " \u00e9\u4e2d" + random.nextInt());
      day.append(LocalDate.ofEpochDay(random.nextInt(40_000) - 20_000));
      time.append(LocalTime.ofNanoOfDay(random.nextInt(86_400_000) * 1_000_000L));
      long millis = start + i * 1_237L;
      local.append(
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(millis, 1000),
              Math.floorMod(millis, 1000) * 1_000_000,
              ZoneOffset.UTC));
      instant.append(Instant.ofEpochMilli(millis));
    }
    return Table.create(
        "all types", flag, small, count, id, ratio, x, city, note, day, time, local, instant);
  }
}
