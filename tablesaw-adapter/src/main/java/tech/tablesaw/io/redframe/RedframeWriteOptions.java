package tech.tablesaw.io.redframe;

import io.redframe.FrameStore;
import io.redframe.SaveOptions;
import io.redframe.arrow.ArrowCompression;
import io.redframe.tablesaw.TableFormat;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import tech.tablesaw.io.Destination;
import tech.tablesaw.io.WriteOptions;

/**
 * Options to write a table to a redframe store with Tablesaw's own API:
 *
 * <pre>{@code
 * table.write().usingOptions(RedframeWriteOptions.builder(store, "weather").compression(ArrowCompression.ZSTD).build());
 * }</pre>
 */
public final class RedframeWriteOptions extends WriteOptions {
  static {
    RedframeTableWriter.register();
  }

  private final FrameStore store;
  private final String name;
  private final TableFormat format;
  private final ArrowCompression compression;
  private final SaveOptions save;
  private final BufferAllocator allocator;

  private RedframeWriteOptions(Builder builder) {
    super(builder);
    this.store = builder.store;
    this.name = builder.name;
    this.format = builder.format;
    this.compression = builder.compression;
    this.save = builder.save;
    this.allocator = builder.allocator;
  }

  /**
   * Options to save a table as {@code name} in {@code store}: Arrow, uncompressed, default save
   * options.
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

  public TableFormat format() {
    return format;
  }

  public ArrowCompression compression() {
    return compression;
  }

  public SaveOptions save() {
    return save;
  }

  public BufferAllocator allocator() {
    return allocator;
  }

  /** Builds {@link RedframeWriteOptions}. */
  public static final class Builder extends WriteOptions.Builder {
    private final FrameStore store;
    private final String name;
    private TableFormat format = TableFormat.ARROW;
    private ArrowCompression compression = ArrowCompression.NONE;
    private SaveOptions save = SaveOptions.defaults();
    private BufferAllocator allocator;

    private Builder(FrameStore store, String name) {
      super(new Destination(OutputStream.nullOutputStream()));
      this.store = Objects.requireNonNull(store, "store");
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Saves in {@code format}.
     *
     * @throws NullPointerException if {@code format} is null
     */
    public Builder format(TableFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * Compresses the Arrow format with {@code compression}.
     *
     * @throws NullPointerException if {@code compression} is null
     */
    public Builder compression(ArrowCompression compression) {
      this.compression = Objects.requireNonNull(compression, "compression");
      return this;
    }

    /**
     * Saves with {@code save} (version check, TTL, tags...).
     *
     * @throws NullPointerException if {@code save} is null
     */
    public Builder saveOptions(SaveOptions save) {
      this.save = Objects.requireNonNull(save, "save");
      return this;
    }

    /** Converts through the caller's {@code allocator} (null: one scoped to the write). */
    public Builder allocator(BufferAllocator allocator) {
      this.allocator = allocator;
      return this;
    }

    public RedframeWriteOptions build() {
      return new RedframeWriteOptions(this);
    }
  }
}
