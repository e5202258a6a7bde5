package io.redframe;

import java.time.Duration;
import java.util.Optional;

/**
 * One readable version of a frame, as {@link FrameStore#versions} lists them.
 *
 * @param version the version number
 * @param current whether the head points at it
 * @param timeToLive time left before Redis expires it, empty if it does not expire
 */
public record VersionInfo(long version, boolean current, Optional<Duration> timeToLive) {}
