package io.redframe;

import io.redframe.internal.store.Names;

/**
 * A compare-and-set save found another current version than the one it expected. Nothing was
 * changed: the frame's current version is still {@link #actualVersion()}.
 */
public final class VersionConflictException extends FrameStoreException {
  private static final long serialVersionUID = 1L;
  private final String frame;
  private final long expectedVersion;
  private final long actualVersion;

  public VersionConflictException(String frame, long expectedVersion, long actualVersion) {
    super(
        "Version conflict on frame '"
            + Names.shorten(frame)
            + "': expected current version "
            + describe(expectedVersion)
            + " but it is "
            + describe(actualVersion)
            + "; nothing was changed");
    this.frame = frame;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  private static String describe(long version) {
    return version == 0 ? "none (frame absent)" : Long.toString(version);
  }

  public String frame() {
    return frame;
  }

  /** The version the save required; 0 means "the frame must not exist". */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** The current version found; 0 means the frame does not exist. */
  public long actualVersion() {
    return actualVersion;
  }
}
