package io.redframe.tablesaw.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.ColumnSpec;
import io.redframe.spi.ChunkSink;
import io.redframe.spi.EncodedFrame;
import io.redframe.tablesaw.testing.Tables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * A JSON table frame is the same bytes and the same manifest columns whatever the JVM's default
 * locale: under Turkish rules {@code "INTEGER".toLowerCase()} is {@code "ınteger"} (dotless ı).
 */
class JsonTableLocaleTest {
  private static final Locale TURKISH = Locale.forLanguageTag("tr-TR");

  /** What one encoding wrote: the manifest's columns and the joined chunks. */
  private record Written(List<ColumnSpec> columns, String chunks) {}

  @Test
  void encodesTheSameUnderATurkishDefaultLocale() throws IOException {
    Table table = Tables.random(3, 2, 11);
    Written neutral = encodeUnder(Locale.ROOT, table);
    Written turkish = encodeUnder(TURKISH, table);

    assertThat(turkish.columns()).isEqualTo(neutral.columns());
    assertThat(turkish.chunks()).isEqualTo(neutral.chunks());
    assertThat(turkish.columns())
        .extracting(ColumnSpec::type)
        .allSatisfy(type -> assertThat(type).doesNotContain("\u0131"));
  }

  private static Written encodeUnder(Locale locale, Table table) throws IOException {
    Locale before = Locale.getDefault();
    Locale.setDefault(locale);
    try {
      ByteArrayOutputStream chunks = new ByteArrayOutputStream();
      EncodedFrame frame = JsonTableCodec.encoder(table).encode(sink(chunks));
      return new Written(frame.columns(), chunks.toString(StandardCharsets.UTF_8));
    } finally {
      Locale.setDefault(before);
    }
  }

  private static ChunkSink sink(ByteArrayOutputStream chunks) {
    return new ChunkSink() {
      @Override
      public int chunkSize() {
        return 1024;
      }

      @Override
      public void write(long firstRow, long rows, List<Integer> columns, byte[] bytes) {
        chunks.writeBytes(bytes);
      }

      @Override
      public void write(
          long firstRow, long rows, List<Integer> columns, byte[] bytes, int offset, int length) {
        write(firstRow, rows, columns, Arrays.copyOfRange(bytes, offset, offset + length));
      }
    };
  }
}
