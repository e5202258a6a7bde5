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
  private static final LongConsumer NO_PROGRESS = bytes -> {};
  private static final SaveOptions DEFAULTS =
      new SaveOptions(OptionalLong.empty(), Optional.empty(), Map.of(), NO_PROGRESS);

  private final OptionalLong ifVersion;
  private final Optional<Duration> ttl;
  private final Map<String, String> tags;
  private final LongConsumer progress;

  private SaveOptions(
      OptionalLong ifVersion,
      Optional<Duration> ttl,
      Map<String, String> tags,
      LongConsumer progress) {
    this.ifVersion = ifVersion;
    this.ttl = ttl;
    this.tags = tags;
    this.progress = progress;
  }

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
    return new SaveOptions(OptionalLong.of(version), ttl, tags, progress);
  }

  /** Time to live of the whole frame from this save on; {@link Duration#ZERO} for none. */
  public SaveOptions ttl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || (!ttl.isZero() && ttl.toMillis() == 0)) {
      throw new IllegalArgumentException("ttl must be 0 (none) or at least 1 ms: " + ttl);
    }
    return new SaveOptions(ifVersion, Optional.of(ttl), tags, progress);
  }

  /** User tags, written to the manifest and the catalog. */
  public SaveOptions tags(Map<String, String> tags) {
    return new SaveOptions(ifVersion, ttl, Map.copyOf(tags), progress);
  }

  /**
   * Called with the bytes Redis has acknowledged so far, as pipeline round trips complete, on the
   * saving thread (for progress bars); the last call reports every byte, the manifest's included.
   */
  public SaveOptions progress(LongConsumer progress) {
    return new SaveOptions(ifVersion, ttl, tags, Objects.requireNonNull(progress, "progress"));
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
    return "SaveOptions[ifVersion=" + ifVersion + ", ttl=" + ttl + ", tags=" + tags + "]";
  }
}
