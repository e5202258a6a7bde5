package io.redframe.tablesaw.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.columns.instant.PackedInstant;

/**
 * The per-minute packer (loads) and the per-minute unpacking (saves) agree with Tablesaw's own
 * packing, across minutes, days and signs.
 */
class PackerTest {
  @Test
  void savesInstantsAsTheirEpochMilliseconds() {
    Random random = new Random(22);
    int rows = 100_000;
    long[] expected = new long[rows];
    InstantColumn column = InstantColumn.create("t");
    long millis = -86_400_000L * 400;
    for (int i = 0; i < rows; i++) {
      millis += step(random);
      if (i % 97 == 5) {
        column.appendMissing();
        expected[i] = Long.MIN_VALUE;
      } else {
        column.append(Instant.ofEpochMilli(millis));
        expected[i] = millis;
      }
    }
    try (BufferAllocator allocator = new RootAllocator(64L << 20);
        TimeStampMilliTZVector vector = new TimeStampMilliTZVector("t", allocator, "UTC")) {
      int from = 1_000; // a range that starts inside the column, as a later batch does
      int count = rows - from - 7;
      vector.allocateNew(count);
      ColumnMapping.INSTANT.fill(column, from, count, vector, new ColumnMapping.Scratch());
      for (int i = 0; i < count; i++) {
        if (expected[from + i] == Long.MIN_VALUE) {
          assertThat(vector.isNull(i)).as("row %d", from + i).isTrue();
        } else {
          assertThat(vector.get(i)).as("row %d", from + i).isEqualTo(expected[from + i]);
        }
      }
    }
  }

  private static long step(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> random.nextInt(1000); // within a minute, mostly
      case 1 -> random.nextInt(120_000); // across minutes
      case 2 -> random.nextInt(3) * 86_400_000L; // across days
      default -> -random.nextInt(90_000); // backwards
    };
  }

  @Test
  void packsLikeTablesaw() {
    Random random = new Random(21);
    ColumnMapping.Packer packer = new ColumnMapping.Packer();
    long millis = -86_400_000L * 400; // before the epoch, walking forward past it
    for (int i = 0; i < 200_000; i++) {
      millis += step(random);
      assertThat(packer.pack(millis))
          .as("%d ms", millis)
          .isEqualTo(PackedInstant.pack(Instant.ofEpochMilli(millis)));
      assertThat(ColumnMapping.epochMillis(packer.pack(millis))).isEqualTo(millis);
    }
  }
}
