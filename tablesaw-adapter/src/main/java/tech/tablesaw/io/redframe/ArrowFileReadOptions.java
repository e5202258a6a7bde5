package tech.tablesaw.io.redframe;

import java.io.File;
import java.io.InputStream;
import tech.tablesaw.io.ReadOptions;
import tech.tablesaw.io.Source;

/**
 * Options to read an Arrow IPC file or stream ({@code .arrow}, {@code .feather}, {@code .arrows})
 * as a Tablesaw table, from any Arrow implementation:
 *
 * <pre>{@code
 * Table flights = Table.read().usingOptions(ArrowFileReadOptions.builder(new File("flights.arrow")));
 * Table same = Table.read().file("flights.arrow"); // by extension
 * }</pre>
 */
public final class ArrowFileReadOptions extends ReadOptions {
  static {
    TablesawArrowReader.register();
  }

  private ArrowFileReadOptions(Builder builder) {
    super(builder);
  }

  public static Builder builder(File file) {
    return new Builder(new Source(file));
  }

  public static Builder builder(InputStream in) {
    return new Builder(new Source(in));
  }

  /** Builds {@link ArrowFileReadOptions}. */
  public static final class Builder extends ReadOptions.Builder {
    private Builder(Source source) {
      super(source);
    }

    @Override
    public Builder tableName(String name) {
      super.tableName(name);
      return this;
    }

    @Override
    public ArrowFileReadOptions build() {
      return new ArrowFileReadOptions(this);
    }
  }
}
