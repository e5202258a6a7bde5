package io.redframe.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.FrameStore;
import io.redframe.testing.TestRedis;
import io.redframe.testing.TestServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Opening a queue warns when Redis may evict keys, and only then. */
class EvictionCheckIT {
  @Test
  void aRedisThatMayEvictKeysIsWarnedAboutLoudlyOnOpen() {
    List<LogRecord> logged = new CopyOnWriteArrayList<>();
    Handler capture = capture(logged);
    Logger logger = Logger.getLogger(JobQueue.class.getName());
    logger.addHandler(capture);
    try (TestServer server = TestServer.start(List.of("maxmemory-policy allkeys-lru"));
        FrameStore store = FrameStore.open(server.url() + "?prefix=evict")) {
      EvictionCheck.Result result = EvictionCheck.check(store);
      assertThat(result.policy()).contains("allkeys-lru");
      assertThat(result.safe()).isFalse();

      JobQueue.open(store, "q");
      Worker.builder(store).queues("q", "r").build(); // the same store: warned once
      List<LogRecord> warnings =
          logged.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0).getMessage())
          .contains("maxmemory-policy allkeys-lru")
          .contains("jobs can be evicted and lost")
          .contains("127.0.0.1:" + server.port());
    } finally {
      logger.removeHandler(capture);
    }
  }

  @Test
  void noevictionOpensQuietly() {
    List<LogRecord> logged = new CopyOnWriteArrayList<>();
    Handler capture = capture(logged);
    Logger logger = Logger.getLogger(JobQueue.class.getName());
    logger.addHandler(capture);
    try (FrameStore store = TestRedis.store()) {
      EvictionCheck.Result result = EvictionCheck.check(store);
      assertThat(result.policy()).contains("noeviction");
      assertThat(result.safe()).isTrue();
      JobQueue.open(store, "q");
      assertThat(logged).noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
    } finally {
      logger.removeHandler(capture);
    }
  }

  @Test
  void aServerThatRefusesConfigGetDoesNotStopTheQueue() {
    try (TestServer server =
            TestServer.start(List.of("user app on >app-secret ~* &* +@all -config"));
        FrameStore store =
            FrameStore.open(
                server.url().replace("redis://", "redis://app:app-secret@") + "?prefix=acl")) {
      EvictionCheck.Result result = EvictionCheck.check(store);
      assertThat(result.policy()).isEmpty();
      assertThat(result.message()).contains("Could not read maxmemory-policy");
      JobQueue queue = JobQueue.open(store, "q");
      String id = queue.enqueue(JobSpec.of("redframe.noop"));
      assertThat(queue.status(id)).contains(JobStatus.QUEUED);
    }
  }

  private static Handler capture(List<LogRecord> logged) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }
}
