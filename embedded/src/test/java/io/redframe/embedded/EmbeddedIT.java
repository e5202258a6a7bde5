package io.redframe.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redframe.FrameInfo;
import io.redframe.FrameStore;
import io.redframe.FrameStoreException;
import io.redframe.Manifest;
import io.redframe.embedded.testing.EmbeddedChild;
import io.redframe.testing.ChildJvm;
import io.redframe.testing.TestRedis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

/** The embedded default: a real redis-server that redframe starts, persists and shares. */
class EmbeddedIT {
  private Path dir;

  @BeforeEach
  void folder() {
    dir = TestRedis.tempDir("redframe-embedded-").resolve("store");
  }

  private String url() {
    return "embedded:" + dir;
  }

  private JsonNode serverJson() throws IOException {
    return new ObjectMapper().readTree(dir.resolve("server.json").toFile());
  }

  @Test
  void framesSurviveCloseAndAServerRestart() throws Exception {
    long pid;
    try (FrameStore store = FrameStore.open(url())) {
      store.saveObject("runs", Map.of("count", 1));
      pid = serverJson().get("pid").asLong();
    }
    assertThat(Files.exists(dir.resolve("server.json")))
        .as("last close stops the server")
        .isFalse();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

    try (FrameStore store = FrameStore.open(url())) {
      assertThat(serverJson().get("pid").asLong()).isNotEqualTo(pid);
      Map<?, ?> back = store.loadObject("runs", Map.class);
      assertThat(back).isEqualTo(Map.of("count", 1));
    }
  }

  /** A restart that reloads a large AOF answers LOADING for a while: opening waits it out. */
  @Test
  void reopeningWaitsWhileTheServerLoadsALargeAof() throws Exception {
    byte[] payload = new byte[96 << 20];
    new java.util.Random(1).nextBytes(payload);
    try (FrameStore store = FrameStore.open(url())) {
      store.saveBytes("big", payload);
    }
    try (FrameStore store = FrameStore.open(url())) {
      assertThat(store.loadBytes("big")).isEqualTo(payload);
    }
  }

  @Test
  void twoStoresOnOneFolderShareOneServerAndClosingOneKeepsTheOtherWorking() throws Exception {
    FrameStore first = FrameStore.open(url());
    try (FrameStore second = FrameStore.open(url() + "?prefix=redframe")) {
      long pid = serverJson().get("pid").asLong();
      first.saveObject("from-first", List.of(1));
      second.saveObject("from-second", List.of(2));

      assertThat(first.list())
          .extracting(FrameInfo::name)
          .containsExactly("from-first", "from-second");
      first.close();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).hasValue(true);
      second.saveObject("after-close", List.of(3));
      List<?> back = second.loadObject("from-first", List.class);
      assertThat(back).isEqualTo(List.of(1));
    }
    assertThat(Files.exists(dir.resolve("server.json"))).isFalse();
  }

  @Test
  void anotherJvmOnTheSameFolderSeesTheSameFrames() throws Exception {
    try (FrameStore store = FrameStore.open(url())) {
      store.saveObject("from-parent", Map.of("ok", true));
      CompletableFuture<Optional<Manifest>> awaited =
          CompletableFuture.supplyAsync(
              () -> store.awaitFrame("from-child", Duration.ofSeconds(60)));
      List<String> command = new ArrayList<>(ChildJvm.java());
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              EmbeddedChild.class.getName(),
              dir.toString(),
              "from-child"));
      Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as(output).isZero();

      assertThat(awaited.get(60, TimeUnit.SECONDS))
          .as("a waiter in this JVM saw the child's publish")
          .hasValueSatisfying(m -> assertThat(m.version()).isEqualTo(1));
      Map<?, ?> fromChild = store.loadObject("from-child", Map.class);
      assertThat(fromChild.get("from")).isEqualTo("child");
      assertThat(store.saveObject("from-parent", Map.of("ok", false)).version())
          .as("the child's exit left the server running")
          .isEqualTo(2);
    }
  }

  @Test
  void theServerIsPrivateLoopbackOnlyAndPersistsWithAof() throws Exception {
    try (FrameStore store = FrameStore.open(url())) {
      Path password = dir.resolve("password");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .isEqualTo("rwx------");
      int port = serverJson().get("port").asInt();
      String secret = Files.readString(password).trim();
      try (Jedis jedis =
          new Jedis(
              "127.0.0.1",
              port,
              DefaultJedisClientConfig.builder()
                  .serverDefaultProtocol()
                  .password(secret)
                  .build())) {
        assertThat(jedis.configGet("bind")).containsEntry("bind", "127.0.0.1");
        assertThat(jedis.configGet("appendonly")).containsEntry("appendonly", "yes");
        assertThat(jedis.configGet("appendfsync")).containsEntry("appendfsync", "everysec");
      }
      try (Jedis anonymous =
          new Jedis(
              "127.0.0.1",
              port,
              DefaultJedisClientConfig.builder().serverDefaultProtocol().build())) {
        assertThatThrownBy(anonymous::ping).hasMessageContaining("NOAUTH");
      }
      assertThat(store.url()).isEqualTo(url());
    }
  }

  @Test
  void aPasswordFileOthersCanReadIsRefused() throws Exception {
    try (FrameStore store = FrameStore.open(url())) {
      store.saveObject("x", 1);
    }
    Files.setPosixFilePermissions(
        dir.resolve("password"), PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> FrameStore.open(url()))
        .isInstanceOf(FrameStoreException.class)
        .hasMessageContaining("can be read by other users");
  }
}
