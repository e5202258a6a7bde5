package io.redframe.testing;

import io.redframe.Manifest;
import io.redframe.spi.Chunk;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.ChunkStream;
import io.redframe.spi.CodecId;
import io.redframe.spi.FrameDecoder;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Every chunk of a frame of any codec, concatenated: what the store holds, byte for byte. */
public final class Concatenate implements FrameDecoder<byte[]> {
  private final boolean zeroAfterwards;

  private Concatenate(boolean zeroAfterwards) {
    this.zeroAfterwards = zeroAfterwards;
  }

  public static Concatenate chunks() {
    return new Concatenate(false);
  }

  /** Concatenates, then zeroes the chunks it was given: a decoder that breaks the contract. */
  public static Concatenate thenZeroTheChunks() {
    return new Concatenate(true);
  }

  @Override
  public boolean accepts(CodecId codec) {
    return true;
  }

  @Override
  public byte[] decode(Manifest manifest, ChunkSource source) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ChunkStream chunks = source.open(manifest.chunks())) {
      while (chunks.hasNext()) {
        Chunk chunk = chunks.next();
        out.write(chunk.bytes(), 0, chunk.bytes().length);
        if (zeroAfterwards) {
          Arrays.fill(chunk.bytes(), (byte) 0);
        }
      }
    }
    return out.toByteArray();
  }
}
