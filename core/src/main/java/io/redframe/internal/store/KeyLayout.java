package io.redframe.internal.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis keys of the store. All keys of one frame share the hash tag {@code {<escaped name>}} so
 * they live in one cluster slot and one Lua script may touch them all:
 *
 * <pre>
 *   &lt;prefix&gt;:{&lt;name&gt;}:head       hash: cur (current version), id (its id), seq (last allocated)
 *   &lt;prefix&gt;:{&lt;name&gt;}:v:&lt;n&gt;      hash: id, manifest, manifest.crc32c, c:0, c:1, ... (pending while written)
 *   &lt;prefix&gt;:{&lt;name&gt;}:versions   sorted set of readable published versions
 *   &lt;prefix&gt;:{&lt;name&gt;}:events     stream: one entry per publish
 *   &lt;prefix&gt;:{&lt;name&gt;}:fence:&lt;id&gt; hash: token, published, id (fenced saves)
 *   &lt;prefix&gt;:{&lt;name&gt;}:pins:&lt;n&gt;   sorted set of pin tokens on version n, scored by expiry (Unix ms)
 *   &lt;prefix&gt;:{&lt;name&gt;}:segs       sorted set (layout 2): version -&gt; its segment count
 *   &lt;prefix&gt;:{&lt;name&gt;#&lt;n&gt;.&lt;k&gt;}:seg  hash (layout 2): chunk fields of segment k of version n
 *   &lt;prefix&gt;:catalog              hash: name -&gt; JSON summary of the current version
 * </pre>
 *
 * <p>Segment keys have a hash tag of their own, so on Redis Cluster the segments of one version
 * spread over the slots (and the masters) while the head and manifest stay in the frame's slot.
 *
 * <p>In the name, {@code %}, <code>{</code> and <code>}</code> are percent-encoded so that the tag
 * always ends where the name ends; any other text, including glob characters and 10 KB of unicode,
 * is kept as is. Names never leave the prefix: every key starts with {@code <prefix>:}.
 */
public final class KeyLayout {
  private final String prefix;

  public KeyLayout(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** The frame's hash-tagged base, such as {@code redframe:{sales%7B2024%7D}:}. */
  public String base(String name) {
    return prefix + ":{" + escape(name) + "}:";
  }

  public byte[] head(String name) {
    return bytes(base(name) + "head");
  }

  public byte[] versions(String name) {
    return bytes(base(name) + "versions");
  }

  public byte[] events(String name) {
    return bytes(base(name) + "events");
  }

  /** The prefix of version keys, to which a script appends the version number. */
  public byte[] versionBase(String name) {
    return bytes(base(name) + "v:");
  }

  /** The prefix of pin keys, to which a script appends the version number. */
  public byte[] pinsBase(String name) {
    return bytes(base(name) + "pins:");
  }

  /** The pins of version {@code version} (a sorted set of tokens by expiry). */
  public byte[] pins(String name, long version) {
    return bytes(base(name) + "pins:" + version);
  }

  /** Fence {@code fence} of a frame (a hash: token, published, id). */
  public byte[] fence(String name, String fence) {
    return bytes(base(name) + "fence:" + fence);
  }

  /**
   * Where a small save stages its chunks, in the same round trip as the script that renames it to
   * the version key: one key per save, {@code id} being the version's id; it expires after the
   * pending TTL if the script never runs.
   */
  public byte[] stage(String name, String id) {
    return bytes(base(name) + "stage:" + id);
  }

  public byte[] version(String name, long version) {
    return bytes(base(name) + "v:" + version);
  }

  /** The registry of a frame's layout 2 versions and their segment counts. */
  public byte[] segmentRegistry(String name) {
    return bytes(base(name) + "segs");
  }

  /** Segment {@code index} of version {@code version} of {@code name} (layout 2). */
  public byte[] segment(String name, long version, int index) {
    return bytes(prefix + ":{" + escape(name) + "#" + version + "." + index + "}:seg");
  }

  /** The {@code count} segment keys of version {@code version} of {@code name}, in order. */
  public List<byte[]> segments(String name, long version, int count) {
    List<byte[]> keys = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      keys.add(segment(name, version, k));
    }
    return keys;
  }

  /** The index of a chunk field {@code c:<i>}. */
  public static long chunkIndex(String field) {
    return Long.parseLong(field.substring(2));
  }

  public byte[] catalog() {
    return bytes(prefix + ":catalog");
  }

  /** The hash field of chunk {@code index}. */
  public static String chunkField(int index) {
    return "c:" + index;
  }

  static String escape(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      switch (c) {
        case '%' -> out.append("%25");
        case '{' -> out.append("%7B");
        case '}' -> out.append("%7D");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
