package io.redframe.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Follows a queue's event stream ({@code <prefix>:q:{<queue>}:events}, the queue's documented
 * layout) from a thread of its own and keeps every event, so nothing is lost to the stream's
 * trimming during a long run. Event times are the stream ids' milliseconds: Redis' clock, on this
 * machine.
 */
final class JobEvents implements AutoCloseable {
  /** One event: when (Unix ms), what ({@code started}, {@code stalled}, {@code finished}...). */
  record Event(long ms, String kind, String job, String detail) {}

  private final UnifiedJedis client;
  private final String key;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean closed;
  private volatile StreamEntryID last = new StreamEntryID(0, 0);

  private JobEvents(UnifiedJedis client, String key) {
    this.client = client;
    this.key = key;
    this.thread = new Thread(this::follow, "job-events");
    thread.setDaemon(true);
    thread.start();
  }

  static JobEvents follow(UnifiedJedis client, String prefix, String queue) {
    return new JobEvents(client, prefix + ":q:{" + queue + "}:events");
  }

  private void follow() {
    XReadParams params = XReadParams.xReadParams().block(200).count(1000);
    while (!closed) {
      try {
        var read = client.xread(params, Map.of(key, last));
        if (read == null) {
          continue;
        }
        for (var stream : read) {
          for (StreamEntry entry : stream.getValue()) {
            Map<String, String> fields = entry.getFields();
            events.add(
                new Event(
                    entry.getID().getTime(),
                    fields.get("event"),
                    fields.get("job"),
                    fields.getOrDefault("detail", "")));
            last = entry.getID();
          }
        }
      } catch (JedisException e) {
        sleep(100); // Redis restarting: read on from the last id once it is back
      }
    }
  }

  /** The id of the stream's newest entry now (0-0 if it is empty). */
  StreamEntryID newest() {
    List<StreamEntry> newest = client.xrevrange(key, "+", "-", 1);
    return newest.isEmpty() ? new StreamEntryID(0, 0) : newest.get(0).getID();
  }

  /** Whether every event up to {@code id} has been seen (and is in {@link #events()}). */
  boolean seen(StreamEntryID id) {
    return last.compareTo(id) >= 0;
  }

  /** Every event seen so far, in order. */
  List<Event> events() {
    return new ArrayList<>(events);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
  }
}
