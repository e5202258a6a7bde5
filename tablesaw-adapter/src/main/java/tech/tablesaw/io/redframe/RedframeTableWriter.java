package tech.tablesaw.io.redframe;

import io.redframe.tablesaw.TablesawFrames;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.DataWriter;
import tech.tablesaw.io.Destination;

/** Tablesaw's writer for redframe stores, registered for {@link RedframeWriteOptions}. */
public final class RedframeTableWriter implements DataWriter<RedframeWriteOptions> {
  private static final RedframeTableWriter INSTANCE = new RedframeTableWriter();

  static {
    register();
  }

  private RedframeTableWriter() {}

  /** Registers the writer (idempotent). */
  public static void register() {
    Table.defaultWriterRegistry.registerOptions(RedframeWriteOptions.class, INSTANCE);
  }

  /**
   * Saves {@code table} under the name {@code options} give.
   *
   * @throws IllegalArgumentException if a column has a type redframe cannot store
   * @throws io.redframe.FrameStoreException if the save fails; {@link TablesawFrames#save(String,
   *     Table, io.redframe.SaveOptions)} lists the cases
   */
  @Override
  public void write(Table table, RedframeWriteOptions options) {
    if (options.allocator() != null) {
      frames(options, options.allocator()).save(options.name(), table, options.save());
      return;
    }
    try (BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
      frames(options, allocator).save(options.name(), table, options.save());
    }
  }

  private static TablesawFrames frames(RedframeWriteOptions options, BufferAllocator allocator) {
    return TablesawFrames.of(options.store(), allocator)
        .format(options.format())
        .compression(options.compression());
  }

  /**
   * Not supported: a redframe table is written by name to a store.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public void write(Table table, Destination destination) {
    throw new UnsupportedOperationException(
        "A redframe table is written by name to a store: use RedframeWriteOptions.builder(store, name)");
  }
}
