package io.redframe.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.redframe.FrameRef;
import io.redframe.FrameStore;
import io.redframe.jobs.internal.Json;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link JobHandler} gets for one attempt of a job: its arguments, its pinned frame
 * arguments, the store, and a way to report progress. Valid during the attempt only; its methods
 * may be called from the handler's thread and any thread it starts.
 */
public final class JobContext {
  private final Worker.Running running;
  private final JsonNode args;
  private final Map<String, FrameRef> frames;

  JobContext(Worker.Running running, JsonNode spec) {
    this.running = running;
    this.args = spec.path("args");
    this.frames = JobRecords.frames(spec);
  }

  public String id() {
    return running.id();
  }

  public String queue() {
    return running.queue().name();
  }

  /** The attempt, from 1. */
  public int attempt() {
    return running.attempt();
  }

  /** When this attempt started (the worker's clock). */
  public Instant startedAt() {
    return running.startedAt();
  }

  /** The worker running it. */
  public String worker() {
    return running.worker();
  }

  /**
   * The arguments read as {@code type} (a record, a {@code Map}, a {@code List}...).
   *
   * @throws IllegalArgumentException if they do not read as {@code type}
   */
  public <T> T args(Class<T> type) {
    return Json.read(args.toString(), type, "The arguments of job " + id());
  }

  /**
   * The arguments read as a generic type.
   *
   * @throws IllegalArgumentException if they do not read as {@code type}
   */
  @SuppressWarnings("TypeParameterUnusedInFormals") // as Jackson's readValue(JavaType)
  public <T> T args(Type type) {
    return Json.read(args.toString(), type, "The arguments of job " + id());
  }

  /** The arguments as JSON text. */
  public String argsJson() {
    return args.toString();
  }

  /**
   * Frame argument {@code arg}: the version it was pinned at when the job was enqueued (the same
   * for every attempt). Load it with the store or a codec module.
   *
   * @throws IllegalArgumentException if the job has no frame argument of that name
   */
  public FrameRef frame(String arg) {
    FrameRef ref = frames.get(arg);
    if (ref == null) {
      throw new IllegalArgumentException(
          "Job " + id() + " has no frame argument '" + arg + "'; it has " + frames.keySet());
    }
    return ref;
  }

  /** Every frame argument, by name. */
  public Map<String, FrameRef> frames() {
    return frames;
  }

  /** The store the job's queue is in. */
  public FrameStore store() {
    return running.queue().store();
  }

  /**
   * Reports progress (visible in {@link Job#progress()} and as a {@code progress} event).
   *
   * @param fraction done so far, from 0 to 1
   * @param message what is happening, or null
   * @return false if the worker lost the job's lease (another attempt may run it): stop working
   */
  public boolean progress(double fraction, String message) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("Progress must be in [0, 1]: " + fraction);
    }
    Map<String, Object> progress =
        message == null
            ? Map.of("fraction", fraction)
            : Map.of("fraction", fraction, "message", Objects.toString(message));
    return running.progress(Json.write(progress, "progress"));
  }

  /** Whether the job was asked to stop, timed out or lost its lease: return soon. */
  public boolean stopRequested() {
    return running.stopRequested();
  }
}
