package io.redframe.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.FrameRef;
import io.redframe.FrameStore;
import io.redframe.testing.TestRedis;
import io.redframe.testing.TokenCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Repeating schedules and frame triggers, fired by workers, once each however many workers run. */
class SchedulesIT {
  private FrameStore store;
  private JobQueue queue;

  @BeforeEach
  void open() {
    store = TestRedis.store();
    queue = JobQueue.open(store, "s");
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aScheduleRunsEveryIntervalOncePerRunWithTwoWorkers() throws Exception {
    CopyOnWriteArrayList<String> runs = new CopyOnWriteArrayList<>();
    JobHandler tick = BuiltInHandlers.handler("tick", job -> runs.add(job.id()));
    queue.schedule("tick", Schedule.every(Duration.ofSeconds(1)), JobSpec.of("tick"));
    assertThat(queue.schedules()).containsKey("tick");
    try (Worker a = Worker.builder(store).queues("s").handler(tick).build().start();
        Worker b = Worker.builder(store).queues("s").handler(tick).build().start()) {
      TestRedis.await("three runs", Duration.ofSeconds(15), () -> runs.size() >= 3);
      assertThat(a.id()).isNotEqualTo(b.id());
    }
    assertThat(runs).doesNotHaveDuplicates().allMatch(id -> id.startsWith("sched.tick."));
    assertThat(queue.unschedule("tick")).isTrue();
    assertThat(queue.schedules()).isEmpty();
  }

  @Test
  void cronExpressionsNameTheirNextTimeAndBadOnesFailClearly() {
    Instant from = ZonedDateTime.of(2026, 12, 1, 22, 30, 0, 0, ZoneOffset.UTC).toInstant();
    assertThat(Schedule.cron("0 3 * * *").next(from))
        .isEqualTo(ZonedDateTime.of(2026, 12, 2, 3, 0, 0, 0, ZoneOffset.UTC).toInstant());
    assertThat(Schedule.cron("*/15 * * * 1").next(from))
        .isEqualTo(ZonedDateTime.of(2026, 12, 7, 0, 0, 0, 0, ZoneOffset.UTC).toInstant());
    assertThatThrownBy(() -> Schedule.cron("every day"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("every day");
    assertThatThrownBy(() -> Schedule.every(Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> queue.schedule("x", Schedule.every(Duration.ofHours(1)), JobSpec.of("a").id("b")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTriggerRunsOnEveryNewVersionWithThatVersionPinned() throws Exception {
    store.save("prices", TokenCodec.encoder("old", 1, 10));
    CopyOnWriteArrayList<List<String>> seen = new CopyOnWriteArrayList<>();
    CopyOnWriteArrayList<FrameRef> refs = new CopyOnWriteArrayList<>();
    JobHandler follow =
        BuiltInHandlers.handler(
            "follow",
            job -> {
              refs.add(job.frame("prices"));
              return seen.add(job.store().load(job.frame("prices"), TokenCodec.decoder()));
            });
    queue.trigger("on-prices", "prices", "prices", JobSpec.of("follow"));
    assertThat(queue.triggers()).containsEntry("on-prices", "prices");
    try (Worker a = Worker.builder(store).queues("s").handler(follow).build().start();
        Worker b = Worker.builder(store).queues("s").handler(follow).build().start()) {
      // The version saved before the trigger never fires, and no version fires twice: a run of
      // either would come before the run of the version saved after it, which is awaited last.
      store.save("prices", TokenCodec.encoder("new", 1, 10));
      TestRedis.await("the trigger to fire", Duration.ofSeconds(15), () -> seen.size() >= 1);
      store.save("prices", TokenCodec.encoder("newer", 1, 10));
      TestRedis.await("the trigger to fire again", Duration.ofSeconds(15), () -> seen.size() >= 2);
      store.save("prices", TokenCodec.encoder("newest", 1, 10));
      TestRedis.await(
          "the trigger to fire a third time", Duration.ofSeconds(15), () -> seen.size() >= 3);
      TestRedis.await(
          "the third run to finish",
          Duration.ofSeconds(15),
          () -> a.processed() + b.processed() >= 3);
      assertThat(a.processed() + b.processed()).isEqualTo(3);
    }
    assertThat(seen).containsExactly(List.of("new"), List.of("newer"), List.of("newest"));
    assertThat(refs).extracting(FrameRef::version).containsExactly(2L, 3L, 4L);
    assertThat(queue.untrigger("on-prices")).isTrue();
  }
}
