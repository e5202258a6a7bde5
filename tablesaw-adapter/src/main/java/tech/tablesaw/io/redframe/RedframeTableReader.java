package tech.tablesaw.io.redframe;

import io.redframe.tablesaw.TablesawFrames;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.DataReader;
import tech.tablesaw.io.Source;

/**
 * Tablesaw's reader for redframe stores, registered in {@link Table#defaultReaderRegistry} for
 * {@link RedframeReadOptions} (Tablesaw finds readers in {@code tech.tablesaw.io} packages when its
 * {@code Table} class loads).
 */
public final class RedframeTableReader implements DataReader<RedframeReadOptions> {
  private static final RedframeTableReader INSTANCE = new RedframeTableReader();

  static {
    register();
  }

  private RedframeTableReader() {}

  /** Registers the reader (idempotent). */
  public static void register() {
    Table.defaultReaderRegistry.registerOptions(RedframeReadOptions.class, INSTANCE);
  }

  /**
   * Loads the table {@code options} name.
   *
   * @throws IllegalArgumentException if the options select a column the frame lacks or one Tablesaw
   *     cannot hold
   * @throws io.redframe.FrameStoreException if the load fails; {@link TablesawFrames#load(String,
   *     io.redframe.tablesaw.TableLoadOptions, java.util.function.LongConsumer)} lists the cases
   */
  @Override
  public Table read(RedframeReadOptions options) {
    if (options.allocator() != null) {
      return TablesawFrames.of(options.store(), options.allocator())
          .load(options.name(), options.load());
    }
    // The table ends on the heap; the Arrow buffers of the conversion live only for this call.
    try (BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
      return TablesawFrames.of(options.store(), allocator).load(options.name(), options.load());
    }
  }

  /**
   * Not supported: a redframe table is read by name from a store.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Table read(Source source) {
    throw new UnsupportedOperationException(
        "A redframe table is read by name from a store: use RedframeReadOptions.builder(store, name)");
  }
}
