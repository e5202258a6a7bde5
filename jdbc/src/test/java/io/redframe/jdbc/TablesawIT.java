package io.redframe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** The README's example: Tablesaw reads a query's result set. */
class TablesawIT {
  @Test
  void tablesawReadsAResultSet() throws Exception {
    try (SqlFixture fixture = new SqlFixture();
        Connection connection = fixture.connect()) {
      String csv = SqlFixture.dataFile("seattle-weather.csv").toString();
      SqlFixture.execute(
          connection, "CREATE TABLE \"seattle-weather\" AS SELECT * FROM read_csv('" + csv + "')");
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT * FROM \"seattle-weather\" WHERE wind > 5 ORDER BY date")) {
        Table windy = Table.read().db(rows);
        assertThat(windy.columnNames())
            .containsExactly("date", "precipitation", "temp_max", "temp_min", "wind", "weather");
        assertThat(windy.rowCount()).isEqualTo(174);
        assertThat(windy.column("date").type()).isEqualTo(ColumnType.LOCAL_DATE);
        assertThat(windy.dateColumn("date").get(0)).isAfter(LocalDate.of(2011, 12, 31));
        assertThat(windy.stringColumn("weather").countUnique()).isGreaterThan(1);
      }
    }
  }
}
