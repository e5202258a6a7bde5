package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.internal.codec.BytesCodec;
import io.redframe.testing.TestCluster;
import io.redframe.testing.TestRedis;
import io.redframe.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Concurrency and chaos on a real cluster: writers and readers of layout 2 frames while nothing, a
 * master's death or a slot migration happens. Every load is a whole saved payload or a {@link
 * FrameStoreException}; nothing else is tolerated.
 */
class ClusterTortureIT {
  private static final int MIB = 1 << 20;
  private static final long BACKOFF_NANOS = Duration.ofMillis(50).toNanos();

  /** Bytes of (frame, writer, seq): a header (size, frame, writer, seq), then a seeded Random's. */
  private static byte[] payload(int frame, int writer, int seq, int size) {
    byte[] bytes = new byte[size];
    new Random(seed(frame, writer, seq)).nextBytes(bytes);
    ByteBuffer.wrap(bytes).putInt(size).putInt(frame).putInt(writer).putInt(seq);
    return bytes;
  }

  private static long seed(int frame, int writer, int seq) {
    return ((long) frame << 40) ^ ((long) writer << 20) ^ seq;
  }

  /** The (writer, seq) of {@code loaded}, after checking every byte of it against its header. */
  private static long check(int frame, byte[] loaded) {
    ByteBuffer header = ByteBuffer.wrap(loaded);
    assertThat(loaded.length).as("loaded length").isGreaterThanOrEqualTo(16);
    assertThat(header.getInt()).as("size in the header").isEqualTo(loaded.length);
    assertThat(header.getInt()).as("frame").isEqualTo(frame);
    int writer = header.getInt();
    int seq = header.getInt();
    byte[] expected = payload(frame, writer, seq, loaded.length);
    assertThat(Arrays.equals(loaded, expected))
        .as("frame %d writer %d seq %d (%d bytes) is whole", frame, writer, seq, loaded.length)
        .isTrue();
    return ((long) writer << 32) | seq;
  }

  /** Counts of one kind of operation, failures (FrameStoreExceptions) by their message. */
  private static final class Tally {
    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final Map<String, AtomicInteger> byMessage = new ConcurrentHashMap<>();

    void failed(FrameStoreException e) {
      assertThat(e.getMessage()).as("message of %s", e).isNotBlank();
      failed.incrementAndGet();
      // One count per kind of failure: the message without its version numbers and ports.
      String kind =
          e.getClass().getSimpleName()
              + ": "
              + e.getMessage().replaceAll("[\\d.]+:\\d+", "host").replaceAll("version \\d+", "v#");
      byMessage.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    int total() {
      return ok.get() + failed.get();
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d ok, %d failed %s", ok.get(), failed.get(), byMessage);
    }
  }

  /** Threads running tasks; close stops them and rethrows what any of them threw but a FSE. */
  private static final class Chaos implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Future<?>> futures = new ArrayList<>();

    /** Runs {@code task} until closed or it returns false, tallying its FrameStoreExceptions. */
    void run(Tally tally, Callable<Boolean> task) {
      futures.add(
          pool.submit(
              () -> {
                while (!stop.get()) {
                  try {
                    if (!task.call()) {
                      return null;
                    }
                    tally.ok.incrementAndGet();
                  } catch (FrameStoreException e) {
                    tally.failed(e);
                    LockSupport.parkNanos(BACKOFF_NANOS); // a retry backoff, no synchronisation
                  }
                }
                return null;
              }));
    }

    void join() throws ExecutionException, TimeoutException {
      try {
        for (Future<?> f : futures) {
          f.get(5, TimeUnit.MINUTES); // an AssertionError or a foreign exception fails here
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
      stop.set(true);
      try {
        join();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static byte[] loadVersion(FrameStore store, String name, long version) {
    try (InputStream in = store.load(name, OptionalLong.of(version), BytesCodec.streamDecoder())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int slot(String key) {
    return JedisClusterCRC16.getSlot(key.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void concurrentWritersAndReadersNeverSeeATornVersion() throws Exception {
    try (TestCluster cluster = TestCluster.start(3, 0);
        FrameStore store =
            FrameStore.open(
                cluster.url() + "?prefix=" + TestRedis.freshPrefix() + "&chunkSize=64KiB")) {
      List<String> names = List.of("a", "b");
      Set<Long> attempted = ConcurrentHashMap.newKeySet();
      for (int f = 0; f < 2; f++) {
        attempted.add(0L);
        store.saveBytes(names.get(f), payload(f, 0, 0, 2 * MIB));
        assertThat(store.manifest(names.get(f)).layout()).isEqualTo(Manifest.LAYOUT_SEGMENTED);
      }
      AtomicInteger writersLeft = new AtomicInteger(2);
      Tally saves = new Tally();
      Tally loads = new Tally();
      try (Chaos chaos = new Chaos()) {
        for (int w = 1; w <= 2; w++) {
          int writer = w;
          AtomicInteger seq = new AtomicInteger();
          chaos.run(
              saves,
              () -> {
                int s = seq.incrementAndGet();
                if (s > 40) {
                  writersLeft.decrementAndGet();
                  return false;
                }
                int f = s % 2;
                attempted.add(((long) writer << 32) | s);
                byte[] bytes =
                    payload(f, writer, s, 2 * MIB + ThreadLocalRandom.current().nextInt(MIB));
                store.saveBytes(names.get(f), bytes);
                return true;
              });
        }
        for (int r = 0; r < 2; r++) {
          AtomicInteger n = new AtomicInteger(r);
          chaos.run(
              loads,
              () -> {
                int f = n.incrementAndGet() % 2;
                long id = check(f, store.loadBytes(names.get(f)));
                assertThat(attempted).as("a payload some writer saved").contains(id);
                return writersLeft.get() > 0;
              });
        }
        chaos.join();
      }
      System.out.println("torn-version torture: saves " + saves + "; loads " + loads);
      assertThat(saves.ok.get()).as("saves %s", saves).isEqualTo(80);
      assertThat(saves.failed.get()).isZero();
      assertThat(loads.ok.get()).as("loads %s", loads).isPositive();
      assertThat(loads.failed.get()).as("loads %s", loads).isLessThan(loads.ok.get());
      for (int f = 0; f < 2; f++) {
        assertThat(attempted).contains(check(f, store.loadBytes(names.get(f))));
        assertThat(store.manifest(names.get(f)).version()).isEqualTo(41);
      }
    }
  }

  private record Acked(long version, int seq) {}

  @Test
  void aMasterKilledDuringSavesAndReadsLosesNoAcknowledgedVersion() throws Exception {
    try (TestCluster cluster = TestCluster.start(3, 1, Duration.ofSeconds(2), List.of())) {
      String prefix = TestRedis.freshPrefix();
      String options = "&replicas=1&chunkSize=64KiB&timeout=5s&replicaTimeout=3s&keepVersions=1000";
      try (FrameStore store = FrameStore.open(cluster.url() + "?prefix=" + prefix + options)) {
        List<String> objects = List.of("o0", "o1", "o2");
        List<String> frames = List.of("b0", "b1");
        Map<String, Acked> acked = new ConcurrentHashMap<>();
        AtomicInteger frameAcks = new AtomicInteger();
        Tally saves = new Tally();
        Tally loads = new Tally();
        AtomicInteger objectSeq = new AtomicInteger();
        AtomicInteger frameSeq = new AtomicInteger();
        AtomicInteger n = new AtomicInteger();
        Callable<Boolean> load =
            () -> {
              int i = n.incrementAndGet() % 5;
              if (i < 2) {
                check(i, store.loadBytes(frames.get(i)));
              } else {
                Map<?, ?> m = store.loadObject(objects.get(i - 2), Map.class);
                assertThat(m).isEqualTo(object(objects.get(i - 2), (Integer) m.get("seq")));
              }
              return true;
            };
        try (Chaos chaos = new Chaos()) {
          chaos.run(
              saves,
              () -> {
                int s = objectSeq.incrementAndGet();
                String name = objects.get(s % 3);
                acked.put(name, new Acked(store.saveObject(name, object(name, s)).version(), s));
                return true;
              });
          chaos.run(
              saves,
              () -> {
                int s = frameSeq.incrementAndGet();
                int f = s % 2;
                long v = store.saveBytes(frames.get(f), payload(f, 0, s, 2 * MIB)).version();
                acked.put(frames.get(f), new Acked(v, s));
                frameAcks.incrementAndGet();
                return true;
              });
          TestRedis.await("every frame saved", Duration.ofSeconds(60), () -> acked.size() == 5);
          chaos.run(loads, load);
          chaos.run(loads, load);
          TestRedis.await(
              "3 saves of each byte frame", Duration.ofSeconds(90), () -> frameAcks.get() >= 6);
          byte[] head = (prefix + ":{b0}:head").getBytes(StandardCharsets.UTF_8);
          TestServer killed = cluster.kill(cluster.masterOfKey(head));
          int okAtKill = saves.ok.get();
          cluster.awaitFailover(killed);
          int savesBefore = saves.total();
          int loadsBefore = loads.total();
          int framesBefore = frameSeq.get();
          TestRedis.await(
              "saves and loads after the failover, two of byte frames",
              Duration.ofSeconds(90),
              () ->
                  saves.total() >= savesBefore + 20
                      && loads.total() >= loadsBefore + 20
                      && frameSeq.get() >= framesBefore + 2);
          System.out.printf(
              Locale.ROOT,
              "killed %d after %d acknowledged saves; %d more acknowledged after%n",
              killed.port(),
              okAtKill,
              saves.ok.get() - okAtKill);
        }
        System.out.println("failover torture: saves " + saves + "; loads " + loads);
        System.out.println("last acknowledged: " + acked);
        assertThat(acked).hasSize(5);
        for (int f = 0; f < 2; f++) {
          Acked last = acked.get(frames.get(f));
          assertThat(loadVersion(store, frames.get(f), last.version()))
              .as("%s v%d", frames.get(f), last.version())
              .isEqualTo(payload(f, 0, last.seq(), 2 * MIB));
          assertThat(store.manifest(frames.get(f)).version())
              .isGreaterThanOrEqualTo(last.version());
        }
        for (String name : objects) {
          Acked last = acked.get(name);
          Map<?, ?> loaded = store.loadObject(name, last.version(), Map.class);
          assertThat(loaded).as("%s v%d", name, last.version()).isEqualTo(object(name, last.seq()));
          assertThat(store.manifest(name).version()).isGreaterThanOrEqualTo(last.version());
        }
        assertThat(loads.ok.get()).as("loads %s", loads).isGreaterThan(loads.failed.get());
      }
    }
  }

  private static Map<String, Object> object(String name, int seq) {
    return Map.of("name", name, "seq", seq, "check", name + "/" + (seq * 7919));
  }

  @Test
  void aSlotMigratedDuringReadsAndWrites() throws Exception {
    try (TestCluster cluster = TestCluster.start(3, 0)) {
      String prefix = TestRedis.freshPrefix();
      try (FrameStore store =
          FrameStore.open(cluster.url() + "?prefix=" + prefix + "&chunkSize=64KiB")) {
        store.saveBytes("m", payload(0, 0, 0, 3 * MIB));
        assertThat(store.manifest("m").layout()).isEqualTo(Manifest.LAYOUT_SEGMENTED);
        int headSlot = slot(prefix + ":{m}:head");
        Tally saves = new Tally();
        Tally loads = new Tally();
        Map<Integer, Long> versionOfSeq = new ConcurrentHashMap<>();
        Set<Integer> failedPublishing = ConcurrentHashMap.newKeySet();
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger seq = new AtomicInteger();
        try (Chaos chaos = new Chaos()) {
          chaos.run(
              saves,
              () -> {
                int s = seq.incrementAndGet();
                try {
                  versionOfSeq.put(s, store.saveBytes("m", payload(0, 0, s, 3 * MIB)).version());
                } catch (FrameStoreException e) {
                  if (e.getMessage().contains("publishing")) {
                    failedPublishing.add(s);
                  }
                  throw e;
                }
                return true;
              });
          chaos.run(
              loads,
              () -> {
                seen.add((int) check(0, store.loadBytes("m")));
                return true;
              });
          progress(saves, loads, 2);
          TestServer from = cluster.masterOfSlot(headSlot);
          TestServer to = cluster.masters().stream().filter(m -> !m.equals(from)).findFirst().get();
          cluster.beginMigration(headSlot, to);
          progress(saves, loads, 3);
          cluster.finishMigration(headSlot, to);
          progress(saves, loads, 2);
          int segSlot = slot(prefix + ":{m#" + store.manifest("m").version() + ".0}:seg");
          TestServer segFrom = cluster.masterOfSlot(segSlot);
          cluster.migrateSlot(
              segSlot,
              cluster.masters().stream().filter(m -> !m.equals(segFrom)).findFirst().get());
          progress(saves, loads, 2);
        }
        System.out.println("migration torture: saves " + saves + "; loads " + loads);
        seen.add((int) check(0, store.loadBytes("m")));
        System.out.printf(
            Locale.ROOT,
            "saves failed while publishing: %s, loaded by readers all the same: %s%n",
            failedPublishing,
            failedPublishing.stream().filter(seen::contains).toList());
        assertThat(saves.ok.get()).as("saves %s", saves).isGreaterThanOrEqualTo(4);
        assertThat(loads.ok.get()).as("loads %s", loads).isGreaterThan(loads.failed.get());
        assertThat(saves.ok.get() + loads.ok.get())
            .as("most operations succeed: saves %s; loads %s", saves, loads)
            .isGreaterThan(2 * (saves.failed.get() + loads.failed.get()));
        int last = versionOfSeq.keySet().stream().max(Integer::compare).orElseThrow();
        assertThat(loadVersion(store, "m", versionOfSeq.get(last)))
            .isEqualTo(payload(0, 0, last, 3 * MIB));
        check(0, store.loadBytes("m"));
        long v = store.saveBytes("m", payload(0, 0, 999, 3 * MIB)).version();
        assertThat(store.loadBytes("m")).isEqualTo(payload(0, 0, 999, 3 * MIB));
        assertThat(store.manifest("m").version()).isEqualTo(v);
      }
    }
  }

  /** Waits until both saves and loads have done {@code more} further operations. */
  private static void progress(Tally saves, Tally loads, int more) {
    int s = saves.total();
    int l = loads.total();
    TestRedis.await(
        more + " more saves and loads",
        Duration.ofSeconds(60),
        () -> saves.total() >= s + more && loads.total() >= l + more);
  }
}
