package io.redframe.tablesaw.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;

/**
 * Reads every batch of an {@link ArrowReader} into one Tablesaw table: Arrow nulls become
 * Tablesaw's missing values. Any Arrow type with a Tablesaw counterpart maps: integers to short,
 * int or long columns by width, floats to float or double, UTF-8 (plain, large, view or
 * dictionary-encoded) to strings, dates, times and timestamps (truncated to the millisecond, as
 * Tablesaw keeps them; with a time zone, to instants). Other types fail naming the column.
 *
 * <p>Where the models disagree: a NaN, or an integer equal to its type's minimum, is Tablesaw's
 * missing-value sentinel, so such a value in Arrow data reads as missing.
 */
public final class TableAssembler {
  private TableAssembler() {}

  /**
   * The whole reader as a table named after the schema's {@code tablesaw.table}, else {@code name}.
   */
  public static Table read(ArrowReader reader, String name) throws IOException {
    VectorSchemaRoot root = reader.getVectorSchemaRoot();
    Schema schema = root.getSchema();
    List<Builder> builders = new ArrayList<>();
    for (Field field : schema.getFields()) {
      builders.add(builder(field, reader));
    }
    while (reader.loadNextBatch()) {
      for (int c = 0; c < builders.size(); c++) {
        builders.get(c).append(root.getVector(c));
      }
    }
    Map<String, String> metadata = schema.getCustomMetadata();
    String tableName =
        metadata != null && metadata.containsKey(ArrowTable.TABLE_NAME)
            ? metadata.get(ArrowTable.TABLE_NAME)
            : name;
    Table table = Table.create(tableName);
    for (Builder builder : builders) {
      table.addColumns(builder.build());
    }
    return table;
  }

  /** Accumulates one column over batches. */
  private interface Builder {
    void append(FieldVector vector);

    Column<?> build();
  }

  private static Builder builder(Field field, ArrowReader reader) {
    String name = field.getName();
    ArrowType type = field.getType();
    if (field.getDictionary() != null) {
      long id = field.getDictionary().getId();
      StringBuilderColumn strings = new StringBuilderColumn(name);
      Dictionary first = reader.lookup(id);
      if (first == null
          || !(first.getVectorType() instanceof ArrowType.Utf8
              || first.getVectorType() instanceof ArrowType.LargeUtf8
              || first.getVectorType() instanceof ArrowType.Utf8View)) {
        throw unmappable(field, "dictionary of " + (first == null ? "?" : first.getVectorType()));
      }
      return new Builder() {
        @Override
        public void append(FieldVector vector) {
          strings.appendEncoded(vector, reader.lookup(id));
        }

        @Override
        public Column<?> build() {
          return strings.build();
        }
      };
    }
    if (type instanceof ArrowType.Utf8
        || type instanceof ArrowType.LargeUtf8
        || type instanceof ArrowType.Utf8View) {
      StringBuilderColumn strings = new StringBuilderColumn(name);
      return builder(strings::appendPlain, strings::build);
    }
    if (type instanceof ArrowType.Bool) {
      BooleanColumn column = BooleanColumn.create(name);
      return builder(v -> booleans((BitVector) v, column), () -> column);
    }
    if (type instanceof ArrowType.Int integer) {
      return integers(name, integer, field);
    }
    if (type instanceof ArrowType.FloatingPoint floating) {
      if (floating.getPrecision() == FloatingPointPrecision.DOUBLE) {
        DoubleColumn column = DoubleColumn.create(name);
        return builder(v -> doubles((Float8Vector) v, column), () -> column);
      }
      FloatColumn column = FloatColumn.create(name);
      return builder(v -> floats(v, column), () -> column);
    }
    if (type instanceof ArrowType.Date) {
      DateColumn column = DateColumn.create(name);
      return builder(v -> dates(v, column), () -> column);
    }
    if (type instanceof ArrowType.Time) {
      TimeColumn column = TimeColumn.create(name);
      return builder(v -> times(v, column), () -> column);
    }
    if (type instanceof ArrowType.Timestamp timestamp) {
      ColumnMapping.Packer packer = new ColumnMapping.Packer();
      if (timestamp.getTimezone() == null) {
        DateTimeColumn column = DateTimeColumn.create(name);
        return builder(
            v ->
                timestamps(
                    (TimeStampVector) v,
                    m -> column.appendInternal(packer.pack(m)),
                    column::appendMissing),
            () -> column);
      }
      InstantColumn column = InstantColumn.create(name);
      return builder(
          v ->
              timestamps(
                  (TimeStampVector) v,
                  m -> column.appendInternal(packer.pack(m)),
                  column::appendMissing),
          () -> column);
    }
    throw unmappable(field, type.toString());
  }

  private static Builder builder(
      java.util.function.Consumer<FieldVector> append,
      java.util.function.Supplier<Column<?>> build) {
    return new Builder() {
      @Override
      public void append(FieldVector vector) {
        append.accept(vector);
      }

      @Override
      public Column<?> build() {
        return build.get();
      }
    };
  }

  private static IllegalArgumentException unmappable(Field field, String type) {
    return new IllegalArgumentException(
        "Column '"
            + field.getName()
            + "' has Arrow type "
            + type
            + ", which has no Tablesaw column type"
            + " (Tablesaw has boolean, short, int, long, float, double, string, date, time, date-time and instant)");
  }

  private static Builder integers(String name, ArrowType.Int type, Field field) {
    int bits = type.getBitWidth();
    boolean signed = type.getIsSigned();
    if (bits == 64 && !signed) {
      throw unmappable(field, "uint64 (values above 2^63 do not fit a long)");
    }
    if (bits <= 8 || (bits == 16 && signed)) {
      ShortColumn column = ShortColumn.create(name);
      return builder(
          v -> each((BaseIntVector) v, x -> column.append((short) x), column::appendMissing),
          () -> column);
    }
    if (bits == 16 || (bits == 32 && signed)) {
      IntColumn column = IntColumn.create(name);
      return builder(
          v -> each((BaseIntVector) v, x -> column.append((int) x), column::appendMissing),
          () -> column);
    }
    LongColumn column = LongColumn.create(name);
    return builder(
        v -> each((BaseIntVector) v, column::append, column::appendMissing), () -> column);
  }

  private interface LongSink {
    void accept(long value);
  }

  private static void each(BaseIntVector vector, LongSink values, Runnable missing) {
    for (int i = 0; i < vector.getValueCount(); i++) {
      if (vector.isNull(i)) {
        missing.run();
      } else {
        values.accept(vector.getValueAsLong(i));
      }
    }
  }

  private static void booleans(BitVector vector, BooleanColumn column) {
    for (int i = 0; i < vector.getValueCount(); i++) {
      if (vector.isNull(i)) {
        column.appendMissing();
      } else {
        column.append(vector.get(i) == 1);
      }
    }
  }

  private static void doubles(Float8Vector vector, DoubleColumn column) {
    for (int i = 0; i < vector.getValueCount(); i++) {
      if (vector.isNull(i)) {
        column.appendMissing();
      } else {
        column.append(vector.get(i));
      }
    }
  }

  private static void floats(FieldVector vector, FloatColumn column) {
    for (int i = 0; i < vector.getValueCount(); i++) {
      if (vector.isNull(i)) {
        column.appendMissing();
      } else if (vector instanceof Float4Vector f) {
        column.append(f.get(i));
      } else {
        column.append(((Float2Vector) vector).getValueAsFloat(i));
      }
    }
  }

  private static void dates(FieldVector vector, DateColumn column) {
    for (int i = 0; i < vector.getValueCount(); i++) {
      if (vector.isNull(i)) {
        column.appendMissing();
      } else {
        long day =
            vector instanceof DateDayVector d
                ? d.get(i)
                : Math.floorDiv(((DateMilliVector) vector).get(i), 86_400_000L);
        column.appendInternal(ColumnMapping.packDate(day));
      }
    }
  }

  private static void times(FieldVector vector, TimeColumn column) {
    for (int i = 0; i < vector.getValueCount(); i++) {
      if (vector.isNull(i)) {
        column.appendMissing();
        continue;
      }
      long millis;
      if (vector instanceof TimeSecVector s) {
        millis = s.get(i) * 1000L;
      } else if (vector instanceof TimeMilliVector m) {
        millis = m.get(i);
      } else if (vector instanceof TimeMicroVector u) {
        millis = u.get(i) / 1000;
      } else {
        millis = ((TimeNanoVector) vector).get(i) / 1_000_000;
      }
      column.appendInternal(ColumnMapping.packTime(millis));
    }
  }

  private static void timestamps(TimeStampVector vector, LongSink values, Runnable missing) {
    TimeUnit unit = ((ArrowType.Timestamp) vector.getField().getType()).getUnit();
    for (int i = 0; i < vector.getValueCount(); i++) {
      if (vector.isNull(i)) {
        missing.run();
        continue;
      }
      long raw = vector.get(i);
      long millis =
          switch (unit) {
            case SECOND -> raw * 1000;
            case MILLISECOND -> raw;
            case MICROSECOND -> Math.floorDiv(raw, 1000L);
            case NANOSECOND -> Math.floorDiv(raw, 1_000_000L);
          };
      values.accept(millis);
    }
  }
}
