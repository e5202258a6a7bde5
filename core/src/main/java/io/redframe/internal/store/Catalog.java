package io.redframe.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.redframe.CorruptFrameException;
import io.redframe.FrameInfo;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The catalog hash ({@code <prefix>:catalog}): one entry per frame, written by the publish script.
 * Listing scans it with the caller's glob, then checks each head in one pipelined round trip, so
 * frames that expired or were deleted are neither shown nor kept (their entries are pruned).
 */
public final class Catalog {
  private static final int SCAN_COUNT = 1000;

  private final StoreContext context;

  public Catalog(StoreContext context) {
    this.context = context;
  }

  /** Frames whose name matches {@code glob} (Redis glob syntax), sorted by name. */
  public List<FrameInfo> list(String glob) {
    Map<String, byte[]> entries = scan(glob);
    List<FrameInfo> frames = new ArrayList<>();
    context
        .redis()
        .call(
            "listing frames",
            jedis -> {
              try (AbstractPipeline pipeline = jedis.pipelined()) {
                Map<String, Response<Long>> ttls = new LinkedHashMap<>();
                Map<String, Response<Boolean>> live = new LinkedHashMap<>();
                for (String name : entries.keySet()) {
                  byte[] head = context.keys().head(name);
                  ttls.put(name, pipeline.pttl(head));
                  live.put(name, pipeline.hexists(head, KeyLayout.bytes("cur")));
                }
                pipeline.sync();
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                  String name = entry.getKey();
                  if (live.get(name).get()) {
                    frames.add(info(name, entry.getValue(), ttls.get(name).get()));
                  } else {
                    prune(name);
                  }
                }
              }
              return null;
            });
    frames.sort(Comparator.comparing(FrameInfo::name));
    return frames;
  }

  private Map<String, byte[]> scan(String glob) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    ScanParams params = new ScanParams().match(KeyLayout.bytes(glob)).count(SCAN_COUNT);
    byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
    do {
      byte[] from = cursor;
      ScanResult<Map.Entry<byte[], byte[]>> page =
          context
              .redis()
              .call("listing frames", jedis -> jedis.hscan(context.keys().catalog(), from, params));
      for (Map.Entry<byte[], byte[]> entry : page.getResult()) {
        entries.put(VersionReader.utf8(entry.getKey()), entry.getValue());
      }
      cursor = page.getCursorAsBytes();
    } while (!VersionReader.utf8(cursor).equals("0"));
    return entries;
  }

  private FrameInfo info(String name, byte[] json, long pttl) {
    try {
      JsonNode node = context.manifests().mapper().readTree(json);
      Map<String, String> tags = new LinkedHashMap<>();
      node.path("tags").properties().forEach(t -> tags.put(t.getKey(), t.getValue().asText()));
      return new FrameInfo(
          name,
          node.path("version").asLong(),
          node.path("codec").asText(),
          node.path("rows").asLong(),
          node.path("bytes").asLong(),
          Instant.parse(node.path("created").asText()),
          tags,
          VersionReader.ttl(pttl));
    } catch (IOException | DateTimeParseException e) {
      throw new CorruptFrameException(
          "Corrupt catalog entry of frame '"
              + Names.shorten(name)
              + "' (delete the frame to remove it): "
              + e.getMessage(),
          e);
    }
  }

  private void prune(String name) {
    if (context.redis().cluster()) {
      // The catalog is in another slot than the head: check, then remove (a frame saved again
      // in between is listed again by its next save).
      if (!context.redis().jedis().hexists(context.keys().head(name), KeyLayout.bytes("cur"))) {
        context.redis().jedis().hdel(context.keys().catalog(), KeyLayout.bytes(name));
      }
      return;
    }
    Script.PRUNE.run(
        context.redis().jedis(),
        List.of(context.keys().head(name), context.keys().catalog()),
        List.of(KeyLayout.bytes(name)));
  }

  /**
   * Deletes every version of a frame with {@code UNLINK}. Returns whether the frame existed. On a
   * cluster, the catalog entry and the segments of layout 2 versions go after the script (they are
   * in other slots).
   */
  public boolean delete(String name) {
    Names.check(name);
    KeyLayout keys = context.keys();
    boolean cluster = context.redis().cluster();
    String what = "deleting frame '" + Names.shorten(name) + "'";
    List<?> reply =
        context
            .redis()
            .call(
                what,
                jedis ->
                    Script.DELETE.run(
                        jedis,
                        List.of(
                            keys.head(name),
                            keys.versions(name),
                            keys.events(name),
                            cluster ? keys.head(name) : keys.catalog()),
                        List.of(
                            keys.versionBase(name),
                            cluster ? new byte[0] : KeyLayout.bytes(name),
                            keys.pinsBase(name))));
    if (cluster) {
      context.redis().call(what, jedis -> jedis.hdel(keys.catalog(), KeyLayout.bytes(name)));
      new Segments(context).sync(name);
    }
    return Script.longAt(reply, 0) == 1;
  }
}
