package io.redframe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.cli.RedframeJar.Result;
import io.redframe.tablesaw.TableJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** What {@code put} reads is stored exactly, or refused naming the file and the place. */
class InputFidelityIT {
  @TempDir Path dir;
  private RedframeJar redframe;

  @BeforeEach
  void store() {
    redframe = RedframeJar.fresh();
  }

  private Path file(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  /** {@code get NAME --out NAME.json}, read back. */
  private Table stored(String name) throws Exception {
    Path out = dir.resolve(name + "-out.json");
    Result get = redframe.run("get", name, "--out", out.toString());
    assertThat(get.exit()).as(get.err()).isZero();
    return TableJson.read(out, name);
  }

  @Test
  void jsonIntegersStayLongs() throws Exception {
    Path json = file("big.json", "[{\"a\":9007199254740993},{\"a\":-12}]");

    Result put = redframe.run("put", json.toString());

    assertThat(put.exit()).as(put.err()).isZero();
    Table back = stored("big");
    assertThat(back.column("a").type()).isEqualTo(ColumnType.LONG);
    assertThat(back.longColumn("a").asList()).containsExactly(9007199254740993L, -12L);
  }

  @Test
  void aJsonNumberNoColumnTypeHoldsExactlyIsRefusedNamingFileAndRecord() throws Exception {
    Path json = file("mixed.json", "[{\"a\":1.5},{\"a\":9007199254740993}]");

    Result put = redframe.run("put", json.toString());

    assertThat(put.exit()).isEqualTo(1);
    assertThat(put.err())
        .startsWith("redframe: Unreadable JSON file " + json + ": record 2, field 'a'")
        .contains("9007199254740993 fits no column type exactly");
    assertThat(redframe.run("ls").out().lines().count()).isEqualTo(1); // the header only
  }

  @Test
  void numbersInAJsonTextColumnKeepTheirText() throws Exception {
    Path json =
        file("titles.json", "[{\"Title\":\"Common Sense\"},{\"Title\":1776},{\"Title\":2.50}]");

    assertThat(redframe.run("put", json.toString()).exit()).isZero();

    assertThat(stored("titles").stringColumn("Title").asList())
        .containsExactly("Common Sense", "1776", "2.50");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[[1,2],[3,4]]|element 1 is an array, not a record at line 1, column 2",
        "[1,2,3]|element 1 is a number, not a record at line 1, column 2",
        "[{\"a\":1},7]|element 2 is a number, not a record at line 1, column 10",
        "[{\"a\":{\"b\":1}}]|record 1, field 'a' holds an object",
        "[{\"a\":[1,2]}]|record 1, field 'a' holds an array",
        "[{\"a\":1}] trailing|Unrecognized token 'trailing'",
        "[{\"a\":1,\"a\":2}]|Duplicate field 'a' at line 1, column 12",
      })
  void jsonThatIsNotAListOfRecordsIsRefusedNamingFileAndPlace(String content, String message)
      throws Exception {
    Path json = file("bad.json", content);

    Result put = redframe.run("put", json.toString());

    assertThat(put.exit()).isEqualTo(1);
    assertThat(put.err()).startsWith("redframe: ").contains(json.toString()).contains(message);
    assertThat(redframe.run("get", "bad").err()).startsWith("redframe: No frame 'bad'");
  }

  @Test
  void aHeaderOnlyCsvKeepsItsColumnNames() throws Exception {
    Path csv = file("header.csv", "a,b,c\n");

    Result put = redframe.run("put", csv.toString());

    assertThat(put.out()).startsWith("header version 1: 0 rows, 3 columns");
    assertThat(stored("header").columnNames()).containsExactly("a", "b", "c");
  }

  @Test
  void onlyTheEmptyCellIsMissingUnlessNaSaysOtherwise() throws Exception {
    Path csv = file("countries.csv", "country,code\nNamibia,NA\nNowhere,null\nBlank,\n");

    assertThat(redframe.run("put", csv.toString()).exit()).isZero();
    Result withNa = redframe.run("put", csv.toString(), "--name", "na", "--na", "NA");

    assertThat(withNa.exit()).as(withNa.err()).isZero();
    Table kept = stored("countries");
    assertThat(kept.stringColumn("code").get(0)).isEqualTo("NA");
    assertThat(kept.stringColumn("code").get(1)).isEqualTo("null");
    assertThat(kept.stringColumn("code").isMissing(2)).isTrue();
    Table na = stored("na");
    assertThat(na.stringColumn("code").isMissing(0)).isTrue();
    assertThat(na.stringColumn("code").get(1)).isEqualTo("null");
  }

  @Test
  void undecodableBytesAreAnErrorNamingFileAndOffsetUnlessTheEncodingIsNamed() throws Exception {
    Path csv = dir.resolve("latin1.csv");
    Files.write(csv, "city\nZ\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1));
    Path json = dir.resolve("latin1.json");
    Files.write(json, "[{\"city\":\"Z\u00fcrich\"}]".getBytes(StandardCharsets.ISO_8859_1));

    Result csvPut = redframe.run("put", csv.toString());
    Result jsonPut = redframe.run("put", json.toString());
    Result named = redframe.run("put", csv.toString(), "--encoding", "ISO-8859-1");
    Result namedJson = redframe.run("put", json.toString(), "--encoding", "latin1", "--name", "j");
    Result unknown = redframe.run("put", csv.toString(), "--encoding", "klingon");

    assertThat(csvPut.exit()).isEqualTo(1);
    assertThat(csvPut.err().strip())
        .isEqualTo(
            "redframe: "
                + csv
                + " is not valid UTF-8 text: byte 0xFC at offset 6 does not decode (name the"
                + " file's encoding with --encoding, such as --encoding ISO-8859-1)");
    assertThat(jsonPut.exit()).isEqualTo(1);
    assertThat(jsonPut.err()).contains(json + " is not valid UTF-8 text: byte 0xFC at offset 11");
    assertThat(named.exit()).as(named.err()).isZero();
    assertThat(namedJson.exit()).as(namedJson.err()).isZero();
    assertThat(stored("latin1").stringColumn("city").get(0)).isEqualTo("Zürich");
    assertThat(stored("j").stringColumn("city").get(0)).isEqualTo("Zürich");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("Invalid --encoding 'klingon'");
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstColumnsName() throws Exception {
    Path csv = file("excel.csv", "\uFEFFcity,n\nOslo,1\n");

    assertThat(redframe.run("put", csv.toString()).exit()).isZero();

    assertThat(stored("excel").columnNames()).containsExactly("city", "n");
  }

  @Test
  void longCsvCellsGoInAndComeOutTheSame() throws Exception {
    String cell = "x".repeat(100_000);
    Path csv = file("long.csv", "id,text\n1," + cell + "\n2,short\n");
    Path out = dir.resolve("copy.csv");

    Result put = redframe.run("put", csv.toString());
    Result get = redframe.run("get", "long", "--out", out.toString());
    Result again = redframe.run("put", out.toString(), "--name", "again");

    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(get.exit()).as(get.err()).isZero();
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo(Files.readString(csv));
    assertThat(stored("again").stringColumn("text").get(0)).isEqualTo(cell);
  }

  @Test
  void csvNumbersNoDoubleHoldsExactlyStayText() throws Exception {
    Path csv = file("ids.csv", "id,x\n9007199254740993,1.5\n1.5,2\n");

    assertThat(redframe.run("put", csv.toString()).exit()).isZero();

    Table back = stored("ids");
    assertThat(back.stringColumn("id").asList()).containsExactly("9007199254740993", "1.5");
    assertThat(back.doubleColumn("x").asList()).containsExactly(1.5, 2.0);
  }

  @Test
  void putOfADirectorySaysSo() throws Exception {
    Result put = redframe.run("put", dir.toString());

    assertThat(put.exit()).isEqualTo(1);
    assertThat(put.err().strip()).isEqualTo("redframe: " + dir + ": is a directory, not a file");
  }
}
