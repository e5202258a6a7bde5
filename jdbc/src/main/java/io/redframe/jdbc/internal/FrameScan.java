package io.redframe.jdbc.internal;

import io.redframe.Manifest;
import io.redframe.arrow.ArrowFrames;
import io.redframe.arrow.ArrowLoadOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBLogicalType;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBTableFunctionState;
import org.duckdb.DuckDBValue;

/**
 * The table function {@code redframe_scan(name [, version := N])}: a frame as a DuckDB table. Bind
 * declares the columns from the manifest alone; init opens an Arrow reader of only the columns
 * DuckDB projects (projection pushdown), over the version the statement's {@link Snapshot}
 * resolved; each call copies the next rows into DuckDB's output chunk, fetching and decoding the
 * next chunks from Redis only when the current Arrow batch is used up, so memory stays at about one
 * batch per scan. One scan is read by one DuckDB thread; the store fetches chunks in parallel.
 */
final class FrameScan implements DuckDBTableFunction<FrameScan.Bound, FrameScan.Scan, Object> {
  static final String NAME = "redframe_scan";

  private final Session session;

  FrameScan(Session session) {
    this.session = session;
  }

  void register(java.sql.Connection duck) throws java.sql.SQLException {
    try (var builder = DuckDBFunctions.tableFunction()) {
      builder
          .withName(NAME)
          .withParameter(DuckDBColumnType.VARCHAR)
          .withNamedParameter("version", DuckDBColumnType.BIGINT)
          .withProjectionPushdown()
          .withFunction(this)
          .register(duck);
    }
  }

  /** What bind found: the frame, its manifest and its columns as SQL sees them. */
  record Bound(TableName table, Manifest manifest, List<Columns.Column> columns) {}

  @Override
  public Bound bind(DuckDBTableFunctionBindInfo info) throws Exception {
    Snapshot snapshot = session.snapshot();
    try {
      TableName table = TableName.literal(info.getParameter(0).getString(), version(info));
      Manifest manifest = snapshot.resolve(table);
      List<Columns.Column> columns = new ArrayList<>();
      for (Field field : ArrowFrames.schema(manifest).getFields()) {
        Columns.Column column = Columns.of(field);
        columns.add(column);
        addColumn(info, column);
      }
      info.setCardinality(manifest.rows(), true);
      return new Bound(table, manifest, List.copyOf(columns));
    } catch (RuntimeException e) {
      snapshot.fail(e);
      throw e;
    }
  }

  private static OptionalLong version(DuckDBTableFunctionBindInfo info) {
    DuckDBValue value;
    try {
      value = info.getNamedParameter("version");
    } catch (RuntimeException notGiven) {
      return OptionalLong.empty();
    }
    return value == null || value.isNull()
        ? OptionalLong.empty()
        : OptionalLong.of(value.getLong());
  }

  private static void addColumn(DuckDBTableFunctionBindInfo info, Columns.Column column)
      throws java.sql.SQLException {
    if (column.type() == DuckDBColumnType.DECIMAL) {
      try (DuckDBLogicalType type = DuckDBLogicalType.decimal(column.precision(), column.scale())) {
        info.addResultColumn(column.name(), type);
      }
    } else {
      info.addResultColumn(column.name(), column.type());
    }
  }

  @Override
  public Scan init(DuckDBTableFunctionInitInfo info) throws Exception {
    info.setMaxThreads(1);
    Bound bound = info.getBindData();
    Snapshot snapshot = session.snapshot();
    try {
      Manifest manifest = snapshot.resolve(bound.table());
      if (!manifest.id().equals(bound.manifest().id())
          && !manifest.columns().equals(bound.manifest().columns())) {
        throw new SchemaChangedException(bound.table(), bound.manifest(), manifest);
      }
      List<Integer> projected = new ArrayList<>();
      for (long i = 0; i < info.getColumnCount(); i++) {
        long index = info.getColumnIndex(i);
        if (index >= 0 && index < bound.columns().size()) {
          projected.add((int) index);
        }
      }
      return new Scan(session, snapshot, manifest, bound.columns(), projected);
    } catch (RuntimeException e) {
      snapshot.fail(e);
      throw e;
    }
  }

  @Override
  public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter output)
      throws Exception {
    Scan scan = info.getInitData();
    try {
      return scan.next(output);
    } catch (RuntimeException e) {
      scan.snapshot.fail(e);
      scan.close();
      throw e;
    }
  }

  /** One scan's reader and position; closed when it is read to its end or DuckDB drops it. */
  static final class Scan implements DuckDBTableFunctionState {
    private final Snapshot snapshot;
    private final List<Columns.Column> columns;
    private final List<Integer> projected;
    private final BufferAllocator allocator;
    private final ArrowReader reader;
    private final Columns.BatchDictionaries dictionaries;
    private long rowsLeft;
    private VectorSchemaRoot batch;
    private boolean[] nulls;
    private int offset;
    private boolean closed;

    Scan(
        Session session,
        Snapshot snapshot,
        Manifest manifest,
        List<Columns.Column> columns,
        List<Integer> projected) {
      this.snapshot = snapshot;
      this.columns = columns;
      this.projected = projected;
      this.rowsLeft = manifest.rows();
      if (projected.isEmpty()) {
        // count(*) and the like: the manifest knows the rows, no chunk is fetched.
        this.allocator = null;
        this.reader = null;
        this.dictionaries = null;
        return;
      }
      this.allocator =
          session.allocator().newChildAllocator("scan " + manifest.ref(), 0, Long.MAX_VALUE);
      List<String> names = projected.stream().map(i -> columns.get(i).name()).toList();
      try {
        this.reader =
            session
                .store()
                .load(
                    manifest.ref(),
                    ArrowFrames.decoder(allocator, ArrowLoadOptions.all().columns(names)),
                    session.progress());
      } catch (RuntimeException e) {
        allocator.close();
        throw e;
      }
      this.dictionaries = new Columns.BatchDictionaries(reader);
    }

    synchronized long next(DuckDBDataChunkWriter output) throws java.io.IOException {
      if (closed) {
        return 0;
      }
      long capacity = output.capacity();
      if (reader == null) {
        long rows = Math.min(capacity, rowsLeft);
        rowsLeft -= rows;
        return rows;
      }
      int written = 0;
      while (written < capacity) {
        if (batch == null || offset >= batch.getRowCount()) {
          if (!reader.loadNextBatch()) {
            break;
          }
          batch = reader.getVectorSchemaRoot();
          dictionaries.clear();
          offset = 0;
          nulls = new boolean[projected.size()];
          for (int c = 0; c < nulls.length; c++) {
            nulls[c] = batch.getVector(c).getNullCount() > 0;
          }
          continue;
        }
        int rows = (int) Math.min(capacity - written, batch.getRowCount() - offset);
        for (int c = 0; c < projected.size(); c++) {
          columns
              .get(projected.get(c))
              .writer()
              .write(
                  batch.getVector(c),
                  dictionaries,
                  offset,
                  rows,
                  output.vector(c),
                  written,
                  nulls[c]);
        }
        offset += rows;
        written += rows;
      }
      if (written == 0) {
        close();
      }
      return written;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (reader != null) {
          reader.close();
        }
      } catch (java.io.IOException | RuntimeException e) {
        snapshot.fail(e);
      } finally {
        if (allocator != null) {
          allocator.close();
        }
      }
    }
  }
}
