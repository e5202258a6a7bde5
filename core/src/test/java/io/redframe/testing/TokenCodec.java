package io.redframe.testing;

import io.redframe.ChunkEntry;
import io.redframe.Manifest;
import io.redframe.spi.Chunk;
import io.redframe.spi.ChunkSink;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.ChunkStream;
import io.redframe.spi.CodecId;
import io.redframe.spi.EncodedFrame;
import io.redframe.spi.FrameDecoder;
import io.redframe.spi.FrameEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test codec whose every chunk is filled with one token, so a reader can tell whether all the
 * chunks it got belong to one save: a torn or mixed read shows two tokens.
 */
public final class TokenCodec {
  public static final CodecId CODEC = new CodecId("token", 1);

  private TokenCodec() {}

  /** {@code chunks} chunks of {@code chunkBytes} bytes, each the token repeated. */
  public static FrameEncoder encoder(String token, int chunks, int chunkBytes) {
    return new FrameEncoder() {
      @Override
      public CodecId codec() {
        return CODEC;
      }

      @Override
      public EncodedFrame encode(ChunkSink sink) throws IOException {
        for (int i = 0; i < chunks; i++) {
          sink.write(i, 1, List.of(), fill(token, chunkBytes));
        }
        return new EncodedFrame(chunks, List.of(), "none", null);
      }
    };
  }

  public static byte[] fill(String token, int bytes) {
    byte[] unit = (token + ";").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      out[i] = unit[i % unit.length];
    }
    return out;
  }

  /** The token of every chunk read, in order. */
  public static FrameDecoder<List<String>> decoder() {
    return decoder(null);
  }

  /** As {@link #decoder()}, over the chunks that {@code select} keeps (all if null). */
  public static FrameDecoder<List<String>> decoder(
      java.util.function.Predicate<ChunkEntry> select) {
    return new FrameDecoder<>() {
      @Override
      public boolean accepts(CodecId codec) {
        return CODEC.equals(codec);
      }

      @Override
      public List<String> decode(Manifest manifest, ChunkSource source) {
        List<ChunkEntry> wanted =
            select == null ? manifest.chunks() : manifest.chunks().stream().filter(select).toList();
        List<String> tokens = new ArrayList<>();
        try (ChunkStream chunks = source.open(wanted)) {
          while (chunks.hasNext()) {
            Chunk chunk = chunks.next();
            byte[] bytes = chunk.bytes();
            int end = 0;
            while (end < bytes.length && bytes[end] != ';') {
              end++;
            }
            tokens.add(new String(Arrays.copyOf(bytes, end), StandardCharsets.UTF_8));
          }
        }
        return tokens;
      }
    };
  }
}
