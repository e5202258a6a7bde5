package io.redframe.tablesaw.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.tablesaw.testing.Tables;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.Table;

/** Dates outside years 1–9999 keep their year in JSON tables (ISO-8601 expanded years). */
class JsonTablesYearsTest {
  @ParameterizedTest
  @ValueSource(ints = {-5000, -1, 0, 1, 999, 9999, 10000, 32000})
  void everyYearComesBack(int year) throws Exception {
    LocalDateTime when =
        LocalDateTime.of(LocalDate.of(year, 3, 4), LocalTime.of(5, 6, 7, 8_000_000));
    InstantColumn instants = InstantColumn.create("instant");
    instants.append(when.toInstant(ZoneOffset.UTC));
    Table table =
        Table.create(
            "years",
            DateColumn.create("date", when.toLocalDate()),
            DateTimeColumn.create("date_time", when),
            instants);

    String document = JsonTables.write(table);
    Table back =
        JsonTables.read(
            new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)),
            "years",
            null,
            0,
            Long.MAX_VALUE);

    assertThat(document).contains(year == 0 ? "\"0000-03-04T" : "-03-04T");
    Tables.assertSame(back, table);
  }
}
