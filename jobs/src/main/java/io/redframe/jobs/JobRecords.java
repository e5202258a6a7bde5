package io.redframe.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.redframe.FrameRef;
import io.redframe.jobs.internal.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the stored JSON of a job (untrusted: fields are checked, never used as class names). */
final class JobRecords {
  private JobRecords() {}

  static Job job(String id, String specJson, String stateJson) {
    JsonNode spec = Json.tree(specJson, "The spec of job " + id);
    JsonNode state = Json.tree(stateJson, "The state of job " + id);
    return new Job(
        id,
        spec.path("queue").asText(),
        spec.path("handler").asText(),
        JobStatus.of(state.path("status").asText("queued")),
        state.path("attempts").asInt(),
        Instant.ofEpochMilli(state.path("enqueued").asLong()),
        time(state, "started"),
        time(state, "ended"),
        text(state, "worker"),
        text(state, "error"),
        state.has("progress") ? Optional.of(state.get("progress").toString()) : Optional.empty(),
        frames(spec),
        dependencies(spec),
        spec.path("args").toString());
  }

  static Map<String, FrameRef> frames(JsonNode spec) {
    Map<String, FrameRef> frames = new LinkedHashMap<>();
    spec.path("frames")
        .properties()
        .forEach(e -> frames.put(e.getKey(), FrameRef.parse(e.getValue().path("ref").asText())));
    return frames;
  }

  /** The pin tokens of a job's frame arguments, by reference. */
  static Map<FrameRef, String> pins(JsonNode spec) {
    Map<FrameRef, String> pins = new LinkedHashMap<>();
    spec.path("frames")
        .properties()
        .forEach(
            e ->
                pins.put(
                    FrameRef.parse(e.getValue().path("ref").asText()),
                    e.getValue().path("pin").asText()));
    return pins;
  }

  private static List<String> dependencies(JsonNode spec) {
    List<String> ids = new ArrayList<>();
    spec.path("dependsOn").forEach(d -> ids.add(d.asText()));
    return ids;
  }

  private static Optional<Instant> time(JsonNode state, String field) {
    return state.hasNonNull(field)
        ? Optional.of(Instant.ofEpochMilli(state.get(field).asLong()))
        : Optional.empty();
  }

  private static Optional<String> text(JsonNode state, String field) {
    return state.hasNonNull(field) ? Optional.of(state.get(field).asText()) : Optional.empty();
  }
}
