package io.redframe.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redframe.FrameStore;
import io.redframe.ObjectFormat;
import io.redframe.SaveOptions;
import io.redframe.StoreConnectionException;
import io.redframe.arrow.ArrowFrames;
import io.redframe.arrow.NdArray;
import io.redframe.arrow.NumericArrays;
import io.redframe.embedded.RedisProcess;
import io.redframe.tablesaw.TableFormat;
import io.redframe.tablesaw.TablesawFrames;
import io.redframe.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** A least-privilege ACL user, TLS with a test CA, and names that try to leave the prefix. */
class SecurityIT {
  /**
   * The ACL redframe needs (docs/RELIABILITY.md lists it): keys under the prefix, these commands;
   * without the optional {@code +rename}, so that small saves over 2 KB show they fall back to
   * passing their chunks as script arguments.
   */
  static final String ACL =
      "on >s3cret-acl resetkeys ~app:* resetchannels -@all +ping +hello +auth +client|setname"
          + " +evalsha +eval +hset +hget +hmget +hdel +hexists +hstrlen +hlen"
          + " +hincrby +hscan +exists +pexpire +persist +pttl +unlink +zadd +zrem +zrange"
          + " +pexpireat +time +zremrangebyscore +zrevrange +zrevrangebyscore +hkeys +xadd +xread +xrevrange";

  @Test
  void aUserLimitedToThePrefixAndTheNeededCommandsCanDoEverything() throws Exception {
    try (RedisProcess server = RedisProcess.builder().config("appendonly no").start();
        Jedis admin =
            new Jedis(
                "127.0.0.1",
                server.port(),
                DefaultJedisClientConfig.builder().serverDefaultProtocol().build());
        BufferAllocator allocator = new RootAllocator(1L << 30)) {
      admin.aclSetUser("redframe", ACL.split(" "));
      admin.set("outside", "untouched");
      String url =
          "redis://redframe:s3cret-acl@127.0.0.1:" + server.port() + "?prefix=app&chunkSize=8KiB";
      try (FrameStore store = FrameStore.open(url)) {
        CompletableFuture<?> awaited =
            CompletableFuture.supplyAsync(
                () -> store.awaitFrame("objects", Duration.ofSeconds(30)));
        store.saveObject(
            "objects",
            Map.of("a", 1),
            ObjectFormat.YAML,
            SaveOptions.defaults().ttl(Duration.ofHours(1)));
        assertThat(awaited.get(30, TimeUnit.SECONDS)).isNotNull();
        store.saveBytes("bytes", new byte[20_000]);
        // without +rename a staged save falls back: numbers stay dense, no staging key is left
        byte[] second = new byte[20_000];
        java.util.Arrays.fill(second, (byte) 2);
        assertThat(store.saveBytes("bytes", second).version()).isEqualTo(2);
        assertThat(store.loadBytes("bytes")).isEqualTo(second);
        assertThat(admin.keys("app:*stage:*")).isEmpty();
        try (VectorSchemaRoot root = Generations.frame(allocator, 5)) {
          ArrowFrames.of(store).save("arrow", root);
          ArrowFrames.of(store).save("arrow", root, null, SaveOptions.defaults().ifVersion(1));
        }
        try (ArrowReader reader = ArrowFrames.of(store).load("arrow", allocator)) {
          assertThat(Generations.check(reader, 0, true)).isEqualTo(5);
        }
        NumericArrays.of(store, allocator).save("array", NdArray.of(new double[] {1, 2, 3}));
        Table table = Table.create("t", DoubleColumn.create("x", new double[] {1, 2}));
        TablesawFrames.of(store, allocator).format(TableFormat.JSON).save("table", table);
        for (String hostile : List.of("../../etc", "*", "}{", "app:*", "\u0000")) {
          store.saveObject(hostile, List.of(hostile));
          List<?> back = store.loadObject(hostile, List.class);
          assertThat(back).isEqualTo(List.of(hostile));
        }

        Map<?, ?> object = store.loadObject("objects", Map.class);
        assertThat(object).isEqualTo(Map.of("a", 1));
        assertThat(store.loadBytes("bytes")).hasSize(20_000);
        assertThat(NumericArrays.of(store, allocator).load("array").doubles())
            .containsExactly(1, 2, 3);
        assertThat(TablesawFrames.of(store, allocator).load("table").rowCount()).isEqualTo(2);
        assertThat(store.versions("arrow")).hasSize(2);
        assertThat(store.list()).hasSize(10);
        assertThat(store.list("arr*")).hasSize(2);
        assertThat(store.manifest("arrow").version()).isEqualTo(2);
        assertThat(store.delete("bytes")).isTrue();
      }
      assertThat(admin.get("outside")).isEqualTo("untouched");
      assertThat(admin.keys("*")).allMatch(k -> k.equals("outside") || k.startsWith("app:"));
      try (Jedis limited =
          new Jedis(
              "127.0.0.1",
              server.port(),
              DefaultJedisClientConfig.builder()
                  .serverDefaultProtocol()
                  .user("redframe")
                  .password("s3cret-acl")
                  .build())) {
        assertThatThrownBy(() -> limited.hget("outside", "x")).hasMessageContaining("NOPERM");
      }
    }
  }

  private static void openssl(Path dir, String... args) throws Exception {
    Process process =
        new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
  }

  /** A test CA and a server certificate for localhost, made with openssl. */
  private static void certificates(Path dir) throws Exception {
    openssl(
        dir,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "2",
        "-subj",
        "/CN=redframe-test-ca");
    openssl(
        dir,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "other.key",
        "-out",
        "other.crt",
        "-days",
        "2",
        "-subj",
        "/CN=someone-else");
    openssl(
        dir,
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=localhost");
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
    openssl(
        dir,
        "openssl",
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.crt",
        "-days",
        "2",
        "-extfile",
        "san.ext");
  }

  @Test
  void tlsWithATestCaWorksAndAWrongCertificateFailsClearly() throws Exception {
    Path dir = TestRedis.tempDir("redis-tls-");
    certificates(dir);
    int tlsPort = RedisProcess.freePort();
    List<String> config =
        List.of(
            "tls-port " + tlsPort,
            "tls-cert-file " + dir.resolve("server.crt"),
            "tls-key-file " + dir.resolve("server.key"),
            "tls-ca-cert-file " + dir.resolve("ca.crt"),
            "tls-auth-clients no");
    try (RedisProcess server = RedisProcess.builder().config(config).start()) {
      String base = "rediss://localhost:" + tlsPort + "?prefix=tls&tlsCaFile=";
      try (FrameStore store = FrameStore.open(base + dir.resolve("ca.crt"))) {
        store.saveObject("secret", Map.of("over", "tls"));
        Map<?, ?> back = store.loadObject("secret", Map.class);
        assertThat(back).isEqualTo(Map.of("over", "tls"));
      }
      assertThatThrownBy(
              () -> FrameStore.open(base + dir.resolve("other.crt") + "&connectTimeout=2s"))
          .isInstanceOf(StoreConnectionException.class)
          .hasMessageContaining("rediss://localhost:" + tlsPort)
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .containsAnyOf("PKIX", "certificate", "SSL", "handshake"));
      assertThatThrownBy(
              () ->
                  FrameStore.open(
                      "rediss://127.0.0.1:"
                          + tlsPort
                          + "?tlsCaFile="
                          + dir.resolve("ca.crt")
                          + "&connectTimeout=2s"))
          .as("the certificate names localhost, not 127.0.0.1")
          .isInstanceOf(StoreConnectionException.class);
      assertThat(server.isAlive()).isTrue();
    }
  }
}
