package io.redframe.tablesaw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** Arrays of records keep every value exactly, or are refused saying where. */
class TableJsonTest {
  private static Table read(String json) throws IOException {
    return TableJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t");
  }

  @Test
  void integersStayLongs() throws IOException {
    Table table = read("[{\"a\":9007199254740993},{\"a\":-9223372036854775808}]");

    assertThat(table.column("a").type()).isEqualTo(ColumnType.LONG);
    assertThat(table.longColumn("a").get(0)).isEqualTo(9007199254740993L);
    assertThat(table.longColumn("a").isMissing(1)).isTrue(); // Tablesaw's sentinel for missing
  }

  @Test
  void decimalsAndIntegersThatADoubleHoldsExactlyAreDoubles() throws IOException {
    Table table = read("[{\"a\":1},{\"a\":0.1},{\"a\":1e300},{\"a\":null}]");

    assertThat(table.column("a").type()).isEqualTo(ColumnType.DOUBLE);
    assertThat(table.doubleColumn("a").asList()).containsExactly(1.0, 0.1, 1e300, null);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[{\"a\":1.5},{\"a\":9007199254740993}]|record 2, field 'a': the number 9007199254740993"
            + " fits no column type exactly",
        "[{\"a\":12345678901234567890}]|the number 12345678901234567890 fits no column type",
        "[{\"a\":1e400}]|the number 1e400 fits no column type exactly (a double column would make"
            + " it infinite)",
        "[{\"a\":0.10000000000000000001}]|the number 0.10000000000000000001 fits no column type",
      })
  void aNumberNoColumnTypeHoldsExactlyIsRefused(String json, String message) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void numbersAmongTextKeepTheirTextAsWritten() throws IOException {
    Table table =
        read(
            "[{\"Title\":\"Common Sense\"},{\"Title\":1776},{\"Title\":1.50},{\"Title\":true},"
                + "{\"Title\":12345678901234567890},{\"Title\":1E3}]");

    assertThat(table.column("Title").type()).isEqualTo(ColumnType.STRING);
    assertThat(table.stringColumn("Title").asList())
        .containsExactly("Common Sense", "1776", "1.50", "true", "12345678901234567890", "1E3");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[[1,2],[3,4]]|element 1 is an array, not a record at line 1, column 2",
        "[1,2,3]|element 1 is a number, not a record at line 1, column 2",
        "[{\"a\":1},\"x\"]|element 2 is a string, not a record at line 1, column 10",
        "[{\"a\":{\"b\":1}}]|record 1, field 'a' holds an object: a record's values must be strings,"
            + " numbers, booleans or null at line 1, column 7",
        "[{\"a\":1},{\"a\":[1]}]|record 2, field 'a' holds an array",
        "[{\"a\":1}] xx|Unrecognized token 'xx'",
        "[{\"a\":1}] [{\"a\":2}]|content after the end of the array of records at line 1, column 11",
        "[{\"a\":1,\"a\":2}]|Duplicate field 'a' at line 1, column 12",
        "[{\"a\":1}|Unexpected end-of-input",
      })
  void whatIsNotAnArrayOfRecordsIsRefusedSayingWhere(String json, String message) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void contentAfterATableSchemaDocumentIsRefused() {
    String document = TableJson.write(Table.create("t")) + " {}";

    assertThatThrownBy(() -> read(document))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Content after the end of the JSON Table Schema document at line 1");
  }

  @Test
  void readsCharacters() throws IOException {
    Table table = TableJson.read(new StringReader("\uFEFF [{\"city\":\"Zürich\"}]"), "t");

    assertThat(table.stringColumn("city").get(0)).isEqualTo("Zürich");
  }

  @Test
  void invalidUtf8IsRefusedSayingWhere() {
    byte[] latin1 = "[{\"city\":\"Z\u00fcrich\"}]".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> TableJson.read(new ByteArrayInputStream(latin1), "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid UTF-8")
        .hasMessageContaining("line 1, column");
  }
}
