package io.redframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.testing.TestRedis;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fenced saves: the highest token publishes, once; a superseded writer never does. */
class FenceIT {
  private static final Duration TTL = Duration.ofMinutes(1);
  private FrameStore store;

  @BeforeEach
  void open() {
    store = TestRedis.store();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private SaveResult save(String name, int value, long token) {
    return store.saveObject(
        name, Map.of("v", value), ObjectFormat.JSON, SaveOptions.defaults().fenced("job-1", token));
  }

  @Test
  void aSupersededTokenCannotPublishAndTheFenceHoldsOneResult() {
    assertThat(store.raiseFence("r", "job-1", 1, TTL)).isEmpty();
    assertThat(store.raiseFence("r", "job-1", 2, TTL)).isEmpty(); // attempt 2 began
    assertThatThrownBy(() -> save("r", 1, 1))
        .isInstanceOf(FencedOutException.class)
        .hasMessageContaining("token 2 holds the fence");
    assertThat(store.exists("r")).isFalse();
    assertThatThrownBy(() -> store.raiseFence("r", "job-1", 1, TTL))
        .isInstanceOf(FencedOutException.class);

    SaveResult published = save("r", 2, 2);
    assertThat(published.version()).isEqualTo(1);
    assertThatThrownBy(() -> save("r", 3, 2))
        .isInstanceOf(FencedOutException.class)
        .hasMessageContaining("version 1 was already published");
    // A later attempt learns the published result instead of publishing its own.
    FrameRef known = store.raiseFence("r", "job-1", 3, TTL).orElseThrow();
    assertThat(known).isEqualTo(store.manifest("r").ref());
    assertThatThrownBy(() -> save("r", 4, 3)).isInstanceOf(FencedOutException.class);
    assertThat(store.versions("r")).hasSize(1);
    Map<?, ?> loaded = store.loadObject("r", Map.class);
    assertThat(loaded).isEqualTo(Map.of("v", 2));
  }

  @Test
  void aFenceThatWasNeverRaisedRefusesAndUnfencedSavesAreUnaffected() {
    assertThatThrownBy(() -> save("u", 1, 1))
        .isInstanceOf(FencedOutException.class)
        .hasMessageContaining("never raised");
    store.saveObject("u", Map.of("v", 0));
    store.raiseFence("u", "job-1", 1, TTL);
    store.saveObject("u", Map.of("v", 1)); // fences only bind fenced saves
    assertThat(save("u", 2, 1).version()).isEqualTo(3);
  }

  @Test
  void badFencesFailAtOnce() {
    assertThatThrownBy(() -> SaveOptions.defaults().fenced("no spaces", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SaveOptions.defaults().fenced("ok", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.raiseFence("x", "ok", 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
