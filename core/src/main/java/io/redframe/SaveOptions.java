package io.redframe;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * Per-save choices. Immutable; each {@code with} method returns a copy.
 *
 * <pre>{@code
 * store.saveObject("config", cfg, SaveOptions.defaults().ifVersion(3).ttl(Duration.ofHours(1)));
 * }</pre>
 */
public final class SaveOptions {
  private static final SaveOptions DEFAULTS =
      new SaveOptions(
          OptionalLong.empty(), Optional.empty(), Map.of(), SaveOptions::noProgress, null);

  /**
   * A fence a save publishes under ({@link #fenced}).
   *
   * @param id the fence's id: 1-128 of letters, digits and {@code ._:-}
   * @param token the writer's token; the fence accepts a publish only for its highest token
   */
  public record Fence(String id, long token) {
    public Fence {
      Objects.requireNonNull(id, "id");
      if (!id.matches("[A-Za-z0-9._:-]{1,128}")) {
        throw new IllegalArgumentException(
            "Fence id must be 1-128 of letters, digits and ._:- : '" + id + "'");
      }
      if (token < 1) {
        throw new IllegalArgumentException("Fence token must be >= 1: " + token);
      }
    }
  }

  private final OptionalLong ifVersion;
  private final Optional<Duration> ttl;
  private final Map<String, String> tags;
  private final LongConsumer progress;
  private final Fence fence;

  private SaveOptions(
      OptionalLong ifVersion,
      Optional<Duration> ttl,
      Map<String, String> tags,
      LongConsumer progress,
      Fence fence) {
    this.ifVersion = ifVersion;
    this.ttl = ttl;
    this.tags = tags;
    this.progress = progress;
    this.fence = fence;
  }

  private static void noProgress(long bytes) {}

  /** No compare-and-set, the store's default TTL, no tags. */
  public static SaveOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Compare-and-set: publish only if the current version is {@code version} when the save
   * publishes; 0 means "only if the frame does not exist". Otherwise the save throws {@link
   * VersionConflictException} and changes nothing.
   */
  public SaveOptions ifVersion(long version) {
    if (version < 0) {
      throw new IllegalArgumentException("ifVersion must be >= 0 (0: frame absent): " + version);
    }
    return new SaveOptions(OptionalLong.of(version), ttl, tags, progress, fence);
  }

  /** Time to live of the whole frame from this save on; {@link Duration#ZERO} for none. */
  public SaveOptions ttl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || (!ttl.isZero() && ttl.toMillis() == 0)) {
      throw new IllegalArgumentException("ttl must be 0 (none) or at least 1 ms: " + ttl);
    }
    return new SaveOptions(ifVersion, Optional.of(ttl), tags, progress, fence);
  }

  /** User tags, written to the manifest and the catalog. */
  public SaveOptions tags(Map<String, String> tags) {
    return new SaveOptions(ifVersion, ttl, Map.copyOf(tags), progress, fence);
  }

  /**
   * Called with the bytes Redis has acknowledged so far, as pipeline round trips complete, on the
   * saving thread (for progress bars); the last call reports every byte, the manifest's included.
   */
  public SaveOptions progress(LongConsumer progress) {
    return new SaveOptions(
        ifVersion, ttl, tags, Objects.requireNonNull(progress, "progress"), fence);
  }

  /**
   * A fenced save: it publishes only if {@code token} still holds fence {@code fenceId} of the
   * frame, raised by {@link FrameStore#raiseFence}, and nothing was published under that fence yet;
   * otherwise it throws {@link FencedOutException} and publishes nothing. A job queue raises a
   * fence per job with the attempt number as token, so an attempt whose lease lapsed can never
   * publish its result after a later attempt began, and a job publishes one result at most.
   */
  public SaveOptions fenced(String fenceId, long token) {
    return new SaveOptions(ifVersion, ttl, tags, progress, new Fence(fenceId, token));
  }

  /** The fence of a fenced save, if any. */
  public Optional<Fence> fence() {
    return Optional.ofNullable(fence);
  }

  public LongConsumer progress() {
    return progress;
  }

  public OptionalLong ifVersion() {
    return ifVersion;
  }

  public Optional<Duration> ttl() {
    return ttl;
  }

  public Map<String, String> tags() {
    return tags;
  }

  @Override
  public String toString() {
    return "SaveOptions[ifVersion="
        + ifVersion
        + ", ttl="
        + ttl
        + ", tags="
        + tags
        + (fence == null ? "" : ", fence=" + fence)
        + "]";
  }
}
