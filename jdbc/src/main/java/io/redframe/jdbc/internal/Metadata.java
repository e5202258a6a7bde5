package io.redframe.jdbc.internal;

import io.redframe.FrameInfo;
import io.redframe.FrameKind;
import io.redframe.FrameNotFoundException;
import io.redframe.Manifest;
import io.redframe.arrow.ArrowFrames;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * {@code DatabaseMetaData.getTables} and {@code getColumns} from the store's catalog and the
 * manifests, never from data: one table per tabular frame, in schema {@value Rewriter#SCHEMA}
 * (catalog null), its columns as the scan declares them; {@code getSchemas} lists that schema and
 * {@code getCatalogs} none, so that tools which qualify names write {@code redframe."name"}. The
 * rows are returned as a DuckDB result set of the JDBC columns.
 */
final class Metadata {
  private Metadata() {}

  private static final String[] TABLE_COLUMNS = {
    "TABLE_CAT",
    "TABLE_SCHEM",
    "TABLE_NAME",
    "TABLE_TYPE",
    "REMARKS",
    "TYPE_CAT",
    "TYPE_SCHEM",
    "TYPE_NAME",
    "SELF_REFERENCING_COL_NAME",
    "REF_GENERATION"
  };
  private static final String[] COLUMN_COLUMNS = {
    "TABLE_CAT",
    "TABLE_SCHEM",
    "TABLE_NAME",
    "COLUMN_NAME",
    "DATA_TYPE:INTEGER",
    "TYPE_NAME",
    "COLUMN_SIZE:INTEGER",
    "BUFFER_LENGTH:INTEGER",
    "DECIMAL_DIGITS:INTEGER",
    "NUM_PREC_RADIX:INTEGER",
    "NULLABLE:INTEGER",
    "REMARKS",
    "COLUMN_DEF",
    "SQL_DATA_TYPE:INTEGER",
    "SQL_DATETIME_SUB:INTEGER",
    "CHAR_OCTET_LENGTH:INTEGER",
    "ORDINAL_POSITION:INTEGER",
    "IS_NULLABLE",
    "SCOPE_CATALOG",
    "SCOPE_SCHEMA",
    "SCOPE_TABLE",
    "SOURCE_DATA_TYPE:SMALLINT",
    "IS_AUTOINCREMENT",
    "IS_GENERATEDCOLUMN"
  };

  private static final String[] SCHEMA_COLUMNS = {"TABLE_SCHEM", "TABLE_CATALOG"};

  private static final String[] CATALOG_COLUMNS = {"TABLE_CAT"};

  static ResultSet schemas(Session session, String catalog, String schemaPattern)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    if (inSchema(catalog, schemaPattern)) {
      rows.add(new Object[] {Rewriter.SCHEMA, null});
    }
    return resultSet(session, SCHEMA_COLUMNS, rows);
  }

  static ResultSet catalogs(Session session) throws SQLException {
    return resultSet(session, CATALOG_COLUMNS, List.of());
  }

  /**
   * Whether a catalog and schema pattern take in the frames: JDBC's null matches all, a catalog of
   * "" those without one.
   */
  private static boolean inSchema(String catalog, String schemaPattern) {
    return (catalog == null || catalog.isEmpty())
        && like(schemaPattern).matcher(Rewriter.SCHEMA).matches();
  }

  static ResultSet tables(
      Session session, String catalog, String schemaPattern, String namePattern, String[] types)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    if ((types == null || Arrays.asList(types).contains("TABLE"))
        && inSchema(catalog, schemaPattern)) {
      for (Manifest manifest : manifests(session, namePattern)) {
        String remarks =
            "redframe frame, version " + manifest.version() + ", " + manifest.rows() + " rows";
        rows.add(
            new Object[] {
              null, Rewriter.SCHEMA, manifest.name(), "TABLE", remarks, null, null, null, null, null
            });
      }
    }
    return resultSet(session, TABLE_COLUMNS, rows);
  }

  static ResultSet columns(
      Session session,
      String catalog,
      String schemaPattern,
      String tablePattern,
      String columnPattern)
      throws SQLException {
    Pattern columns = like(columnPattern);
    List<Object[]> rows = new ArrayList<>();
    List<Manifest> manifests =
        inSchema(catalog, schemaPattern) ? manifests(session, tablePattern) : List.of();
    for (Manifest manifest : manifests) {
      int position = 0;
      for (Field field : ArrowFrames.schema(manifest).getFields()) {
        position++;
        if (columns.matcher(field.getName()).matches()) {
          rows.add(column(manifest.name(), field, position));
        }
      }
    }
    return resultSet(session, COLUMN_COLUMNS, rows);
  }

  private static Object[] column(String table, Field field, int position) {
    Columns.Column column = Columns.of(field);
    boolean nullable = field.isNullable();
    return new Object[] {
      null,
      Rewriter.SCHEMA,
      table,
      field.getName(),
      jdbcType(column),
      column.sqlType(),
      column.precision() > 0 ? column.precision() : null,
      null,
      column.precision() > 0 ? column.scale() : null,
      10,
      nullable ? 1 : 0,
      null,
      null,
      null,
      null,
      null,
      position,
      nullable ? "YES" : "NO",
      null,
      null,
      null,
      null,
      "NO",
      "NO"
    };
  }

  private static int jdbcType(Columns.Column column) {
    if (column.isTimeOfDay()) {
      return Types.TIME;
    }
    return switch (column.type()) {
      case BOOLEAN -> Types.BOOLEAN;
      case TINYINT -> Types.TINYINT;
      case SMALLINT, UTINYINT -> Types.SMALLINT;
      case INTEGER, USMALLINT -> Types.INTEGER;
      case BIGINT, UINTEGER -> Types.BIGINT;
      case FLOAT -> Types.FLOAT;
      case DOUBLE -> Types.DOUBLE;
      case DECIMAL -> Types.DECIMAL;
      case DATE -> Types.DATE;
      case TIMESTAMP -> Types.TIMESTAMP;
      case TIMESTAMP_WITH_TIME_ZONE -> Types.TIMESTAMP_WITH_TIMEZONE;
      case VARCHAR -> Types.VARCHAR;
      default -> Types.OTHER;
    };
  }

  private static List<Manifest> manifests(Session session, String namePattern) {
    Pattern names = like(namePattern);
    List<Manifest> out = new ArrayList<>();
    for (FrameInfo frame : session.store().list()) {
      if (!names.matcher(frame.name()).matches()) {
        continue;
      }
      try {
        Manifest manifest = session.store().manifest(frame.name());
        if (manifest.kind() == FrameKind.TABLE) {
          out.add(manifest);
        }
      } catch (FrameNotFoundException deletedMeanwhile) {
        // Listed, then deleted: not a table any more.
      }
    }
    return out;
  }

  /** A JDBC LIKE pattern ({@code %}, {@code _}, escape {@code \}) as a regex; null matches all. */
  static Pattern like(String pattern) {
    if (pattern == null) {
      return Pattern.compile("(?s).*");
    }
    StringBuilder regex = new StringBuilder("(?s)");
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private static ResultSet resultSet(Session session, String[] columns, List<Object[]> rows)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT * FROM (");
    if (rows.isEmpty()) {
      sql.append("SELECT ").append(typedRow(columns, false)).append(" WHERE false");
    } else {
      sql.append("VALUES ");
      for (int r = 0; r < rows.size(); r++) {
        sql.append(r == 0 ? "" : ", ").append('(').append(typedRow(columns, true)).append(')');
      }
    }
    sql.append(") AS t(");
    for (int c = 0; c < columns.length; c++) {
      sql.append(c == 0 ? "" : ", ").append('"').append(columnName(columns[c])).append('"');
    }
    sql.append(')');
    PreparedStatement statement = session.duck().prepareStatement(sql.toString());
    int parameter = 1;
    for (Object[] row : rows) {
      for (Object value : row) {
        statement.setObject(parameter++, value);
      }
    }
    statement.closeOnCompletion();
    return statement.executeQuery();
  }

  /** {@code NAME} of a {@code NAME[:TYPE]} column entry. */
  private static String columnName(String column) {
    int colon = column.indexOf(':');
    return colon < 0 ? column : column.substring(0, colon);
  }

  private static String typedRow(String[] columns, boolean parameters) {
    StringBuilder row = new StringBuilder();
    for (int c = 0; c < columns.length; c++) {
      int colon = columns[c].indexOf(':');
      String type = colon < 0 ? "VARCHAR" : columns[c].substring(colon + 1);
      row.append(c == 0 ? "" : ", ")
          .append("CAST(")
          .append(parameters ? "?" : "NULL")
          .append(" AS ")
          .append(type.toUpperCase(Locale.ROOT))
          .append(')');
    }
    return row.toString();
  }
}
