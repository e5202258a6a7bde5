package tech.tablesaw.io.redframe;

import io.redframe.arrow.ArrowCompression;
import java.io.File;
import java.io.OutputStream;
import java.util.Objects;
import tech.tablesaw.io.Destination;
import tech.tablesaw.io.WriteOptions;

/**
 * Options to write a Tablesaw table as an Arrow IPC file (Feather v2), readable by pyarrow, {@code
 * pandas.read_feather}, R's arrow and every other Arrow implementation:
 *
 * <pre>{@code
 * table.write().usingOptions(ArrowFileWriteOptions.builder(new File("t.arrow")).build());
 * table.write().toFile("t.feather"); // by extension
 * }</pre>
 */
public final class ArrowFileWriteOptions extends WriteOptions {
  static {
    TablesawArrowWriter.register();
  }

  private final ArrowCompression compression;

  private ArrowFileWriteOptions(Builder builder) {
    super(builder);
    this.compression = builder.compression;
  }

  public static Builder builder(File file) {
    return new Builder(new Destination(file));
  }

  public static Builder builder(OutputStream out) {
    return new Builder(new Destination(out));
  }

  public ArrowCompression compression() {
    return compression;
  }

  /** Builds {@link ArrowFileWriteOptions}. */
  public static final class Builder extends WriteOptions.Builder {
    private ArrowCompression compression = ArrowCompression.NONE;

    private Builder(Destination destination) {
      super(destination);
    }

    /**
     * Compresses the file's buffers with {@code compression}.
     *
     * @throws NullPointerException if {@code compression} is null
     */
    public Builder compression(ArrowCompression compression) {
      this.compression = Objects.requireNonNull(compression, "compression");
      return this;
    }

    public ArrowFileWriteOptions build() {
      return new ArrowFileWriteOptions(this);
    }
  }
}
