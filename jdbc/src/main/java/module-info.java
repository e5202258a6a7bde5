/** redframe's JDBC driver: SQL over stored frames through DuckDB. */
module io.redframe.jdbc {
  requires transitive java.sql;
  requires transitive io.redframe.arrow;
  requires duckdb.jdbc;
  requires com.fasterxml.jackson.databind;
  requires org.apache.arrow.c;

  exports io.redframe.jdbc;

  provides java.sql.Driver with
      io.redframe.jdbc.RedframeDriver;
}
