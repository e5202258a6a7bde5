package io.redframe;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A catalog entry: one frame as {@link FrameStore#list} shows it, without loading its manifest.
 *
 * @param name the frame's name
 * @param version its current version
 * @param codec the codec of the current version
 * @param rows rows of the current version
 * @param bytes bytes of the current version's chunks
 * @param created when the current version was written
 * @param tags user tags of the current version
 * @param timeToLive time left before the frame expires, empty if it does not
 */
public record FrameInfo(
    String name,
    long version,
    String codec,
    long rows,
    long bytes,
    Instant created,
    Map<String, String> tags,
    Optional<Duration> timeToLive) {}
