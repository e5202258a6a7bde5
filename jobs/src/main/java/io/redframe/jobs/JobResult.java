package io.redframe.jobs;

import io.redframe.spi.FrameEncoder;
import java.util.Objects;
import java.util.Optional;

/**
 * What a handler returns when its result is a frame: the worker saves it under the job's result
 * name (given at enqueue with {@link JobSpec#resultFrame}, else {@code jobs/<queue>/<job id>}) as a
 * fenced save tied to the attempt, with the job's lineage in the manifest's tags, and the job's
 * result becomes the frame's durable reference. Any other value a handler returns is stored as
 * JSON.
 *
 * <pre>{@code
 * return JobResult.frame(TablesawFrames.of(ctx.store()).encoder(summary));
 * }</pre>
 */
public final class JobResult {
  private final FrameEncoder encoder;
  private final String name;

  private JobResult(FrameEncoder encoder, String name) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.name = name;
  }

  /** A frame written by {@code encoder} (any codec: a Tablesaw table, Arrow data, an array...). */
  public static JobResult frame(FrameEncoder encoder) {
    return new JobResult(encoder, null);
  }

  /** A frame saved under {@code name}, whatever name the job was enqueued with. */
  public static JobResult frame(String name, FrameEncoder encoder) {
    return new JobResult(encoder, Objects.requireNonNull(name, "name"));
  }

  FrameEncoder encoder() {
    return encoder;
  }

  Optional<String> name() {
    return Optional.ofNullable(name);
  }
}
