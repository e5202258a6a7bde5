package tech.tablesaw.io.redframe;

import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowFiles;
import io.redframe.tablesaw.ArrowTables;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowReader;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.DataWriter;
import tech.tablesaw.io.Destination;

/**
 * Writes Tablesaw tables as Arrow IPC files (Feather v2): missing values as real nulls, strings
 * with few distinct values dictionary-encoded. Registered for {@code .arrow} and {@code .feather}
 * and for {@link ArrowFileWriteOptions}.
 */
public final class TablesawArrowWriter implements DataWriter<ArrowFileWriteOptions> {
  private static final TablesawArrowWriter INSTANCE = new TablesawArrowWriter();

  static {
    register();
  }

  private TablesawArrowWriter() {}

  /** Registers the writer for its options and extensions (idempotent). */
  public static void register() {
    Table.defaultWriterRegistry.registerOptions(ArrowFileWriteOptions.class, INSTANCE);
    Table.defaultWriterRegistry.registerExtension("arrow", INSTANCE);
    Table.defaultWriterRegistry.registerExtension("feather", INSTANCE);
  }

  /**
   * Writes {@code table} where {@code options} say, compressed as they say.
   *
   * @throws UncheckedIOException if writing fails
   * @throws IllegalArgumentException if a column has a type redframe cannot store
   */
  @Override
  public void write(Table table, ArrowFileWriteOptions options) {
    write(table, options.destination(), options.compression());
  }

  /**
   * Writes {@code table} to {@code destination}, uncompressed.
   *
   * @throws UncheckedIOException if writing fails
   * @throws IllegalArgumentException if a column has a type redframe cannot store
   */
  @Override
  public void write(Table table, Destination destination) {
    write(table, destination, ArrowCompression.NONE);
  }

  private static void write(Table table, Destination destination, ArrowCompression compression) {
    OutputStream out = destination.stream();
    try (BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE);
        ArrowReader arrow =
            ArrowTables.reader(table, allocator, ArrowTables.batchRows(table, 8 << 20));
        ArrowFileWriter writer =
            ArrowFiles.writer(
                arrow.getVectorSchemaRoot(), arrow, Channels.newChannel(out), compression)) {
      writer.start();
      while (arrow.loadNextBatch()) {
        writer.writeBatch();
      }
      writer.end();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write table '" + table.name() + "' as Arrow", e);
    }
  }
}
