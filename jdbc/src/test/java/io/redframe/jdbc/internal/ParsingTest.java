package io.redframe.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How SQL names map to frames and versions, which statements save, and LIKE patterns. */
class ParsingTest {
  @Test
  void tableNamesCarryAVersionAfterTheLastAt() {
    assertThat(TableName.parse("weather"))
        .isEqualTo(new TableName("weather", OptionalLong.empty()));
    assertThat(TableName.parse("weather@3"))
        .isEqualTo(new TableName("weather", OptionalLong.of(3)));
    assertThat(TableName.parse("a@b@12")).isEqualTo(new TableName("a@b", OptionalLong.of(12)));
    assertThat(TableName.parse("me@host").version()).isEmpty();
    assertThat(TableName.parse("x@0")).isEqualTo(new TableName("x@0", OptionalLong.empty()));
    assertThat(TableName.parse("@3")).isEqualTo(new TableName("@3", OptionalLong.empty()));
    assertThat(TableName.parse("t@").version()).isEmpty();
    assertThat(TableName.parse("weather@3")).hasToString("weather@3");
  }

  @Test
  void savesAreRecognized() throws SQLException {
    assertThat(Saves.parse("CREATE TABLE t AS SELECT 1"))
        .isEqualTo(new Saves.Save(Saves.Kind.CREATE, "t", false, List.of(), "SELECT 1"));
    assertThat(Saves.parse(" create or replace table \"my \"\"t\"\"\" as\n select 1 ;"))
        .isEqualTo(new Saves.Save(Saves.Kind.REPLACE, "my \"t\"", false, List.of(), "select 1"));
    assertThat(Saves.parse("CREATE TABLE IF NOT EXISTS t AS WITH x AS (SELECT 1) SELECT * FROM x"))
        .isEqualTo(
            new Saves.Save(
                Saves.Kind.CREATE_IF_NOT_EXISTS,
                "t",
                false,
                List.of(),
                "WITH x AS (SELECT 1) SELECT * FROM x"));
    assertThat(Saves.parse("INSERT INTO t VALUES (1), (2)"))
        .isEqualTo(new Saves.Save(Saves.Kind.INSERT, "t", false, List.of(), "VALUES (1), (2)"));
    assertThat(Saves.parse("insert into t(a, \"B c\") select 1, 2"))
        .isEqualTo(
            new Saves.Save(Saves.Kind.INSERT, "t", false, List.of("a", "B c"), "select 1, 2"));
    assertThat(Saves.parse("INSERT INTO redframe . \"t\" (SELECT 1)"))
        .isEqualTo(new Saves.Save(Saves.Kind.INSERT, "t", true, List.of(), "(SELECT 1)"));
    assertThat(Saves.parse("CREATE TABLE \"redframe\".t AS SELECT 1"))
        .isEqualTo(new Saves.Save(Saves.Kind.CREATE, "t", true, List.of(), "SELECT 1"));
    assertThat(Saves.parse("CREATE TABLE main.t AS SELECT 1")).isNull();
    assertThat(Saves.parse("CREATE TEMP TABLE t AS SELECT 1")).isNull();
    assertThat(Saves.parse("SELECT 'CREATE TABLE t AS SELECT 1'")).isNull();
    assertThat(Saves.parse("CREATE TABLE t (x INTEGER)")).isNull();
    assertThatThrownBy(() -> Saves.parse("CREATE TABLE \"t@2\" AS SELECT 1"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("t@2");
  }

  @Test
  void likePatternsMatchAsJdbcSays() {
    assertThat(Metadata.like("sales%").matcher("sales 2024").matches()).isTrue();
    assertThat(Metadata.like("s_les").matcher("sales").matches()).isTrue();
    assertThat(Metadata.like("a\\_b").matcher("a_b").matches()).isTrue();
    assertThat(Metadata.like("a\\_b").matcher("axb").matches()).isFalse();
    assertThat(Metadata.like("x.*").matcher("xyz").matches()).isFalse();
    assertThat(Metadata.like(null).matcher("anything\nat all").matches()).isTrue();
  }

  @Test
  void scansQuoteNamesAndCastTimesOfDay() {
    assertThat(Rewriter.quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(Rewriter.quoteLiteral("it's")).isEqualTo("'it''s'");
  }
}
