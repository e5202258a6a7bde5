package io.redframe.tablesaw.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.columns.instant.PackedInstant;

/** The per-minute packer agrees with Tablesaw's own packing, across minutes, days and signs. */
class PackerTest {
  @Test
  void packsLikeTablesaw() {
    Random random = new Random(21);
    ColumnMapping.Packer packer = new ColumnMapping.Packer();
    long millis = -86_400_000L * 400; // before the epoch, walking forward past it
    for (int i = 0; i < 200_000; i++) {
      millis +=
          switch (random.nextInt(4)) {
            case 0 -> random.nextInt(1000); // within a minute, mostly
            case 1 -> random.nextInt(120_000); // across minutes
            case 2 -> random.nextInt(3) * 86_400_000L; // across days
            default -> -random.nextInt(90_000); // backwards
          };
      assertThat(packer.pack(millis))
          .as("%d ms", millis)
          .isEqualTo(PackedInstant.pack(Instant.ofEpochMilli(millis)));
      assertThat(ColumnMapping.epochMillis(packer.pack(millis))).isEqualTo(millis);
    }
  }
}
