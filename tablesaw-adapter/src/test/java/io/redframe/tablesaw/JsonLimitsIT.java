package io.redframe.tablesaw;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.FrameStore;
import io.redframe.testing.TestRedis;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** What a JSON table frame saves, it loads: the read limits do not refuse what writing allowed. */
class JsonLimitsIT {
  private BufferAllocator allocator;
  private FrameStore store;

  @BeforeEach
  void open() {
    allocator = new RootAllocator(1L << 30);
    store = TestRedis.store(b -> b);
  }

  @AfterEach
  void close() {
    store.close();
    allocator.close();
  }

  @Test
  void aStringOverJacksonsDefault20MbLimitSavesAndLoads() throws Exception {
    String big = "x".repeat(21_000_000);
    Table table = Table.create("t", StringColumn.create("s", big, "small"));
    TablesawFrames tables = TablesawFrames.of(store, allocator).format(TableFormat.JSON);

    tables.save("big", table);
    Table back = tables.load("big");

    assertThat(back.stringColumn("s").get(0)).hasSize(21_000_000).isEqualTo(big);
    assertThat(back.stringColumn("s").get(1)).isEqualTo("small");
    assertThat(
            TableJson.read(new java.io.StringReader(TableJson.write(table)), "t")
                .stringColumn("s")
                .get(0))
        .isEqualTo(big);
  }
}
