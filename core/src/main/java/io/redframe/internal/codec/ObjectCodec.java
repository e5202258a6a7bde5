package io.redframe.internal.codec;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.redframe.CorruptFrameException;
import io.redframe.FrameStoreException;
import io.redframe.Manifest;
import io.redframe.ObjectFormat;
import io.redframe.internal.store.Names;
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
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Objects (records, maps, lists, POJOs) as JSON, YAML or CBOR through Jackson: the first codec. The
 * document is streamed into chunks as it is written and parsed from the chunks as they arrive.
 *
 * <p>Reading is safe on untrusted bytes: polymorphic typing is never enabled, so a document can
 * only produce the type the caller asked for; nesting depth is bounded.
 */
public final class ObjectCodec {
  private static final int MAX_NESTING = 1000;
  // Schubfach and FastDoubleParser: exact as Double.toString and parseDouble (every double comes
  // back bit for bit), several times faster, which a list of doubles is mostly made of.
  private static final ObjectMapper JSON =
      configure(
          JsonMapper.builder()
              .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
              .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
              .build());
  private static final ObjectMapper YAML = configure(yamlMapper());
  private static final ObjectMapper CBOR = configure(CBORMapper.builder().build());

  private ObjectCodec() {}

  private static ObjectMapper yamlMapper() {
    LoaderOptions loader = new LoaderOptions();
    loader.setCodePointLimit(Integer.MAX_VALUE); // the stored size is bounded by the manifest
    loader.setNestingDepthLimit(MAX_NESTING);
    return new YAMLMapper(YAMLFactory.builder().loaderOptions(loader).build());
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    mapper.registerModule(new JavaTimeModule());
    mapper.registerModule(new Jdk8Module()); // Optional, OptionalInt, ... as their value or null
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS); // PT1H30M, not 5400.0
    // A date-time keeps its zone and offset as written: 10:15+01:00[Europe/Paris] comes back so.
    mapper.enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID);
    mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxStringLength(Integer.MAX_VALUE)
                .build());
    return mapper;
  }

  static ObjectMapper mapper(ObjectFormat format) {
    return switch (format) {
      case JSON -> JSON;
      case YAML -> YAML;
      case CBOR -> CBOR;
    };
  }

  /** The format whose codec id is {@code codec}, or null. */
  private static ObjectFormat format(String codec) {
    for (ObjectFormat format : ObjectFormat.values()) {
      if (format.codec().equals(codec)) {
        return format;
      }
    }
    return null;
  }

  public static FrameEncoder encoder(Object value, ObjectFormat format) {
    CodecId codec = new CodecId(format.codec(), 1);
    return new FrameEncoder() {
      @Override
      public CodecId codec() {
        return codec;
      }

      @Override
      public EncodedFrame encode(ChunkSink sink) throws IOException {
        ChunkOutputStream out = new ChunkOutputStream(sink);
        mapper(format).writeValue(new NonClosing(out), value);
        out.finish();
        String type = value == null ? "null" : value.getClass().getName();
        return new EncodedFrame(0, List.of(), "none", Map.of("javaType", type));
      }
    };
  }

  public static <T> FrameDecoder<T> decoder(Type type) {
    return new FrameDecoder<>() {
      @Override
      public boolean accepts(CodecId codec) {
        return codec.version() == 1 && format(codec.id()) != null;
      }

      @Override
      public String name() {
        return "the object loader";
      }

      @Override
      public T decode(Manifest manifest, ChunkSource source) throws IOException {
        ObjectMapper mapper = mapper(format(manifest.codec()));
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        try (InputStream in = new ChunkInputStream(source.open(manifest.chunks()))) {
          return mapper.readValue(in, javaType);
        } catch (FrameStoreException e) {
          throw e;
        } catch (IOException e) {
          throw new CorruptFrameException(
              "Frame '"
                  + Names.shorten(manifest.name())
                  + "' version "
                  + manifest.version()
                  + " does not read as "
                  + javaType
                  + " from "
                  + manifest.codec()
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
    };
  }

  /** Jackson closes the target when done; the chunk stream must stay open to be finished. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(java.io.OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
