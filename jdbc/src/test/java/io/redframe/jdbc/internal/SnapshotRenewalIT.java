package io.redframe.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.redframe.FrameStore;
import io.redframe.Pin;
import io.redframe.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A long statement's pins are renewed; closing the snapshot ends them. */
class SnapshotRenewalIT {
  @Test
  void renewExtendsEveryPinAndCloseEndsThem() throws Exception {
    try (FrameStore store = TestRedis.store(b -> b.gracePeriod(Duration.ZERO))) {
      try (java.sql.Connection connection =
          java.sql.DriverManager.getConnection(
              "jdbc:redframe:" + TestRedis.url() + "?prefix=" + store.config().prefix())) {
        try (java.sql.Statement statement = connection.createStatement()) {
          statement.execute("CREATE TABLE t AS SELECT 1 AS x");
        }
      }
      Snapshot snapshot = new Snapshot(store, Duration.ofSeconds(30));
      snapshot.resolve(new TableName("t", OptionalLong.empty()));
      Pin pin = snapshot.pins().get(0);
      Instant first = pin.expiresAt();
      // A renewal counts from now: once the clock has moved, it lands later than the first expiry.
      Instant pinned = Instant.now();
      TestRedis.await(
          "the clock to move past the pin",
          Duration.ofSeconds(5),
          () -> Instant.now().isAfter(pinned.plusMillis(20)));
      snapshot.renew();
      assertThat(pin.expiresAt()).isAfter(first);
      assertThat(snapshot.failure()).isNull();
      snapshot.close();
      store.saveObject("t", java.util.Map.of("replaced", true));
      // The pin ended: with no grace period, version 1 is gone at once.
      assertThat(store.versions("t")).extracting(v -> v.version()).doesNotContain(1L);
    }
  }
}
