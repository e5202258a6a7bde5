package io.redframe.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.FrameStore;
import io.redframe.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link EmbeddedServer}: status, start and stop of a folder's server from outside a store. */
class EmbeddedServerIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private Path dir;

  @BeforeEach
  void folder() {
    dir = TestRedis.tempDir("redframe-server-").resolve("store");
  }

  @AfterEach
  void stop() {
    EmbeddedServer.stop(dir, TIMEOUT);
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Test
  void aFolderWithoutAServerHasNoStatusAndNothingToStop() {
    assertThat(EmbeddedServer.status(dir)).isEmpty();
    assertThat(EmbeddedServer.stop(dir, TIMEOUT)).isFalse();
  }

  @Test
  void startKeepsTheServerRunningAfterTheLastStoreClosesUntilStop() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    EmbeddedServer.Status started = EmbeddedServer.start(dir, TIMEOUT);

    assertThat(started.keptRunning()).isTrue();
    assertThat(started.directory()).isEqualTo(dir.toAbsolutePath());
    assertThat(started.port()).isPositive();
    assertThat(started.version()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(Files.isExecutable(started.binary())).as(started.binary().toString()).isTrue();
    assertThat(started.started()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
    assertThat(alive(started.pid())).isTrue();

    try (FrameStore store = FrameStore.open("embedded:" + dir)) {
      store.saveObject("kept", Map.of("n", 1));
    }
    assertThat(alive(started.pid())).as("the last store closed, the server stays").isTrue();
    assertThat(EmbeddedServer.status(dir)).hasValue(started);
    assertThat(EmbeddedServer.start(dir, TIMEOUT)).as("already running").isEqualTo(started);

    assertThat(EmbeddedServer.stop(dir, TIMEOUT)).isTrue();
    assertThat(alive(started.pid())).isFalse();
    assertThat(EmbeddedServer.status(dir)).isEmpty();
    assertThat(EmbeddedServer.stop(dir, TIMEOUT)).isFalse();

    try (FrameStore store = FrameStore.open("embedded:" + dir)) {
      Map<?, ?> back = store.loadObject("kept", Map.class);
      assertThat(back).as("the data outlived the stop").isEqualTo(Map.of("n", 1));
    }
  }

  @Test
  void aServerStartedByAStoreIsNotKeptRunning() {
    Optional<EmbeddedServer.Status> whileOpen;
    try (FrameStore store = FrameStore.open("embedded:" + dir)) {
      store.saveObject("x", 1);
      whileOpen = EmbeddedServer.status(dir);
    }
    assertThat(whileOpen).hasValueSatisfying(s -> assertThat(s.keptRunning()).isFalse());
    assertThat(alive(whileOpen.orElseThrow().pid())).isFalse();
    assertThat(EmbeddedServer.status(dir)).isEmpty();
  }

  @Test
  void aRecordedServerThatDiedCountsAsNotRunning() {
    EmbeddedServer.Status started = EmbeddedServer.start(dir, TIMEOUT);
    ProcessHandle server = ProcessHandle.of(started.pid()).orElseThrow();
    assertThat(server.destroyForcibly()).isTrue();
    server.onExit().join();

    assertThat(EmbeddedServer.status(dir)).isEmpty();
    EmbeddedServer.Status again = EmbeddedServer.start(dir, TIMEOUT);
    assertThat(again.pid()).isNotEqualTo(started.pid());
  }

  @Test
  void timeoutsMustBePositive() {
    assertThatThrownBy(() -> EmbeddedServer.start(dir, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
    assertThatThrownBy(() -> EmbeddedServer.stop(dir, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Files.exists(dir)).isFalse();
  }
}
