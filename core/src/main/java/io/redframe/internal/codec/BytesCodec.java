package io.redframe.internal.codec;

import io.redframe.Manifest;
import io.redframe.spi.ChunkInputStream;
import io.redframe.spi.ChunkOutputStream;
import io.redframe.spi.ChunkSink;
import io.redframe.spi.ChunkSource;
import io.redframe.spi.CodecId;
import io.redframe.spi.EncodedFrame;
import io.redframe.spi.FrameDecoder;
import io.redframe.spi.FrameEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Opaque byte payloads, cut into chunks as they are read from a stream. */
public final class BytesCodec {
  public static final CodecId CODEC = new CodecId("bytes", 1);

  private BytesCodec() {}

  public static FrameEncoder encoder(InputStream in) {
    return new FrameEncoder() {
      @Override
      public CodecId codec() {
        return CODEC;
      }

      @Override
      public EncodedFrame encode(ChunkSink sink) throws IOException {
        ChunkOutputStream out = new ChunkOutputStream(sink);
        in.transferTo(out);
        out.finish();
        return new EncodedFrame(0, List.of(), "none", null);
      }
    };
  }

  /** A decoder that returns an open stream over the chunks; the caller closes it. */
  public static FrameDecoder<InputStream> streamDecoder() {
    return new FrameDecoder<>() {
      @Override
      public boolean accepts(CodecId codec) {
        return CODEC.equals(codec);
      }

      @Override
      public String name() {
        return "the bytes loader";
      }

      @Override
      public InputStream decode(Manifest manifest, ChunkSource source) {
        return new ChunkInputStream(source.open(manifest.chunks()));
      }
    };
  }
}
