package io.redframe.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.redframe.FrameRef;
import io.redframe.jobs.internal.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link JobSpec} kept as JSON for schedules and triggers, and read back for each run. */
final class JobTemplates {
  private JobTemplates() {}

  static Map<String, Object> toJson(JobSpec spec) {
    if (spec.id != null || !spec.dependsOn.isEmpty()) {
      throw new IllegalArgumentException(
          "A schedule's or trigger's job cannot have a fixed id or dependencies: " + spec);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("handler", spec.handler);
    json.put("args", Json.tree(Json.write(spec.args, "The arguments of " + spec), "arguments"));
    Map<String, String> frames = new LinkedHashMap<>();
    spec.frames.forEach(
        (arg, frame) ->
            frames.put(arg, frame instanceof FrameRef ref ? ref.durable() : "=" + frame));
    json.put("frames", frames);
    json.put("retry", spec.retry == null ? null : spec.retry.toJson());
    json.put("timeoutMs", spec.timeout == null ? null : spec.timeout.toMillis());
    json.put("priority", spec.priority);
    json.put("resultTtlMs", spec.resultTtl == null ? null : spec.resultTtl.toMillis());
    json.put("failureTtlMs", spec.failureTtl == null ? null : spec.failureTtl.toMillis());
    json.put("resultFrame", spec.resultFrame);
    json.put("cached", spec.cached);
    return json;
  }

  /** A new spec from a template, with id {@code id}. */
  static JobSpec fromJson(JsonNode json, String id) {
    JobSpec spec = JobSpec.of(json.path("handler").asText()).id(id);
    spec.args(Json.MAPPER.convertValue(json.path("args"), Object.class));
    json.path("frames")
        .properties()
        .forEach(
            e -> {
              String frame = e.getValue().asText();
              if (frame.startsWith("=")) {
                spec.frame(e.getKey(), frame.substring(1));
              } else {
                spec.frame(e.getKey(), FrameRef.parse(frame));
              }
            });
    if (json.hasNonNull("retry")) {
      spec.retry(Retry.fromJson(json.get("retry")));
    }
    if (json.hasNonNull("timeoutMs")) {
      spec.timeout(Duration.ofMillis(json.get("timeoutMs").asLong()));
    }
    spec.priority(json.path("priority").asInt());
    if (json.hasNonNull("resultTtlMs")) {
      spec.resultTtl(Duration.ofMillis(json.get("resultTtlMs").asLong()));
    }
    if (json.hasNonNull("failureTtlMs")) {
      spec.failureTtl(Duration.ofMillis(json.get("failureTtlMs").asLong()));
    }
    if (json.hasNonNull("resultFrame")) {
      spec.resultFrame(json.get("resultFrame").asText());
    }
    if (json.path("cached").asBoolean()) {
      spec.cached();
    }
    return spec;
  }
}
