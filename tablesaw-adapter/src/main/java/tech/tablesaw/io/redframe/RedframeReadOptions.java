package tech.tablesaw.io.redframe;

import io.redframe.FrameStore;
import io.redframe.tablesaw.TableLoadOptions;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import tech.tablesaw.io.ReadOptions;

/**
 * Options to read a table from a redframe store with Tablesaw's own API:
 *
 * <pre>{@code
 * Table t = Table.read().usingOptions(RedframeReadOptions.builder(store, "weather").columns("date").rows(0, 100));
 * }</pre>
 */
public final class RedframeReadOptions extends ReadOptions {
  static {
    RedframeTableReader.register();
  }

  private final FrameStore store;
  private final String name;
  private final TableLoadOptions load;
  private final BufferAllocator allocator;

  private RedframeReadOptions(Builder builder) {
    super(builder);
    this.store = builder.store;
    this.name = builder.name;
    this.load = builder.load;
    this.allocator = builder.allocator;
  }

  /**
   * Options to read {@code name} from {@code store}: the current version, all of it.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(FrameStore store, String name) {
    return new Builder(store, name);
  }

  public FrameStore store() {
    return store;
  }

  public String name() {
    return name;
  }

  public TableLoadOptions load() {
    return load;
  }

  /** The allocator for the Arrow buffers of the conversion; null: one scoped to the read. */
  public BufferAllocator allocator() {
    return allocator;
  }

  /** Builds {@link RedframeReadOptions}. */
  public static final class Builder extends ReadOptions.Builder {
    private final FrameStore store;
    private final String name;
    private TableLoadOptions load = TableLoadOptions.all();
    private BufferAllocator allocator;

    private Builder(FrameStore store, String name) {
      this.store = Objects.requireNonNull(store, "store");
      this.name = Objects.requireNonNull(name, "name");
    }

    /** Reads {@code version} instead of the current one. */
    public Builder version(long version) {
      load = load.version(version);
      return this;
    }

    /**
     * Reads only these columns, in this order.
     *
     * @throws NullPointerException if a name is null
     */
    public Builder columns(String... columns) {
      load = load.columns(columns);
      return this;
    }

    /**
     * Reads only rows {@code [from, to)}.
     *
     * @throws IllegalArgumentException if not {@code 0 <= from <= to}
     */
    public Builder rows(long from, long to) {
      load = load.rows(from, to);
      return this;
    }

    /** Converts through the caller's {@code allocator} (null: one scoped to the read). */
    public Builder allocator(BufferAllocator allocator) {
      this.allocator = allocator;
      return this;
    }

    @Override
    public RedframeReadOptions build() {
      return new RedframeReadOptions(this);
    }
  }
}
