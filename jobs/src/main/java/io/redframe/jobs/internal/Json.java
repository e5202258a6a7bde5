package io.redframe.jobs.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.redframe.CorruptFrameException;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * JSON of job specs, states, arguments and results. What comes back from Redis is untrusted:
 * bounded while parsing, and read into plain JSON values or the caller's own types, never by a
 * class name found in the data (no default typing).
 */
public final class Json {
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(200)
                .maxStringLength(512 << 20)
                .build());
  }

  private Json() {}

  /** {@code value} as JSON text; fails naming what it was. */
  public static String write(Object value, String what) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          what + " cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static JsonNode tree(String json, String what) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new CorruptFrameException(what + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("TypeParameterUnusedInFormals") // as Jackson's readValue(JavaType)
  public static <T> T read(String json, Type type, String what) {
    JavaType javaType = MAPPER.getTypeFactory().constructType(type);
    try {
      return MAPPER.readValue(json, javaType);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          what + " does not read as " + javaType + ": " + e.getMessage(), e);
    }
  }
}
