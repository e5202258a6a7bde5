package io.redframe;

/**
 * What a save did.
 *
 * @param name the frame's name
 * @param version the version the save wrote
 * @param current whether that version became the current one; false only when a concurrent save of
 *     the same name allocated a later version and published first (then this version is kept as a
 *     superseded one, and readers never saw it as current)
 * @param rows rows (or elements) written
 * @param bytes bytes of all chunks written
 * @param chunks number of chunks written
 */
public record SaveResult(
    String name, long version, boolean current, long rows, long bytes, int chunks) {}
