package io.redframe.tablesaw;

import io.redframe.tablesaw.internal.TableAssembler;
import io.redframe.tablesaw.internal.TableReader;
import java.io.IOException;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import tech.tablesaw.api.Table;

/**
 * Tablesaw tables and Arrow data in memory, with the type mapping of redframe's table frames (see
 * {@code docs/FORMAT.md}): a table read as Arrow batches, and any Arrow reader (a frame, an IPC
 * file from {@link io.redframe.arrow.ArrowFiles#reader}) read into a table.
 *
 * <pre>{@code
 * try (ArrowReader batches = ArrowTables.reader(table, allocator)) {
 *   ArrowFrames.of(store).save("weather", batches, SaveOptions.defaults());
 * }
 * try (ArrowReader file = ArrowFiles.reader(Path.of("flights.arrow"), allocator)) {
 *   Table flights = ArrowTables.table(file, "flights");
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe; the readers it returns are not thread-safe.
 */
public final class ArrowTables {
  /** Bytes the widest column of a batch fills by default: one MiB. */
  public static final int DEFAULT_BATCH_BYTES = 1 << 20;

  private ArrowTables() {}

  /**
   * {@code table} as Arrow batches whose widest column fills about {@link #DEFAULT_BATCH_BYTES}.
   * See {@link #reader(Table, BufferAllocator, int)}.
   */
  public static ArrowReader reader(Table table, BufferAllocator allocator) {
    return reader(table, allocator, batchRows(table, DEFAULT_BATCH_BYTES));
  }

  /**
   * {@code table} as Arrow batches of {@code batchRows} rows (rounded down to a multiple of 64, at
   * least 64, at most 1,048,576): one vector per column, in order, missing values as nulls, string
   * columns with few distinct values dictionary-encoded (the reader is their {@link
   * org.apache.arrow.vector.dictionary.DictionaryProvider}), the table name in the schema metadata
   * under {@code tablesaw.table}. Only one batch is in {@code allocator} at a time. The table must
   * not change while it is read; the caller closes the reader.
   *
   * @throws IllegalArgumentException if a column's type has no Arrow mapping
   */
  public static ArrowReader reader(Table table, BufferAllocator allocator, int batchRows) {
    return new TableReader(
        Objects.requireNonNull(table, "table"),
        Objects.requireNonNull(allocator, "allocator"),
        batchRows);
  }

  /** Rows per batch so that the widest column of {@code table} fills about {@code bytes}. */
  public static int batchRows(Table table, int bytes) {
    return TableReader.batchRows(table, bytes);
  }

  /**
   * Reads every batch of {@code reader} into one table, named after the schema's {@code
   * tablesaw.table} metadata, else {@code name}. Arrow nulls become missing values; integers map by
   * width, floats, UTF-8 strings (dictionary-encoded too), dates, times and timestamps (cut to the
   * millisecond; with a time zone, instants) to their Tablesaw columns. The reader is read to its
   * end and not closed.
   *
   * @throws IllegalArgumentException if a column's Arrow type has no Tablesaw counterpart, or a
   *     value does not fit Tablesaw (a time of day outside one day, a dictionary index outside its
   *     dictionary); the message names the column and the row
   * @throws IOException if the reader fails
   */
  public static Table table(ArrowReader reader, String name) throws IOException {
    return TableAssembler.read(Objects.requireNonNull(reader, "reader"), name);
  }
}
