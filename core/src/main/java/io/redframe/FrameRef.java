package io.redframe;

import java.util.Objects;

/**
 * A durable reference to one version of a frame: its name, its number and its identity. Version
 * numbers name one content only while the frame lives: a frame that expired or was deleted starts
 * again at version 1 on its next save. The identity is a random id drawn for every version, kept in
 * its manifest, so a reference kept across that (by a job, a SQL statement or a user) is checked
 * when it is used and fails with {@link StaleReferenceException} instead of reading other data.
 *
 * <p>{@link #toString()} is {@code name@version}; {@link #durable()} adds the id, as {@code
 * name@version#id}, and {@link #parse} reads both forms.
 *
 * @param name the frame's name
 * @param version the version number, from 1
 * @param id the version's identity ({@link Manifest#id()}): 32 lowercase hex digits, or empty for a
 *     reference that does not check it
 */
public record FrameRef(String name, long version, String id) {
  public FrameRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    if (version < 1) {
      throw new IllegalArgumentException("Version must be >= 1: " + version);
    }
    if (!id.isEmpty() && !id.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException(
          "Version id must be 32 lowercase hex digits: '" + id + "'");
    }
  }

  /** The reference to the version {@code manifest} describes, identity included. */
  public static FrameRef of(Manifest manifest) {
    return new FrameRef(manifest.name(), manifest.version(), manifest.id());
  }

  /**
   * Parses {@code name@version} or {@code name@version#id}; the name is everything before the last
   * {@code @}, so it may itself contain {@code @}.
   *
   * @throws IllegalArgumentException naming the text if it is not of that form
   */
  public static FrameRef parse(String text) {
    Objects.requireNonNull(text, "text");
    int hash = text.lastIndexOf('#');
    String id = "";
    String rest = text;
    if (hash > text.lastIndexOf('@')) {
      id = text.substring(hash + 1);
      rest = text.substring(0, hash);
    }
    int at = rest.lastIndexOf('@');
    if (at <= 0 || at == rest.length() - 1) {
      throw new IllegalArgumentException(
          "Not a frame reference (name@version[#id]): '" + text + "'");
    }
    try {
      return new FrameRef(rest.substring(0, at), Long.parseLong(rest.substring(at + 1)), id);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Not a frame reference (name@version[#id]): '" + text + "'", e);
    }
  }

  /** {@code name@version#id}, the form to keep; {@code name@version} if the id is empty. */
  public String durable() {
    return id.isEmpty() ? toString() : name + "@" + version + "#" + id;
  }

  @Override
  public String toString() {
    return name + "@" + version;
  }
}
