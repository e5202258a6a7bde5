package io.redframe.internal.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreUrlTest {
  @Test
  void redisUrlsParse() {
    StoreUrl url = StoreUrl.parse("redis://alice:p%40ss%3Aw0rd@cache.local:6380/3?ttl=1h&prefix=x");

    assertThat(url.kind()).isEqualTo(StoreUrl.Kind.REDIS);
    assertThat(url.host()).isEqualTo("cache.local");
    assertThat(url.port()).isEqualTo(6380);
    assertThat(url.user()).hasValue("alice");
    assertThat(url.password()).hasValue("p@ss:w0rd");
    assertThat(url.database()).isEqualTo(3);
    assertThat(url.options()).isEqualTo(Map.of("ttl", "1h", "prefix", "x"));
    assertThat(url.toString()).isEqualTo("redis://alice:***@cache.local:6380/3");
  }

  @Test
  void defaultsTlsPasswordOnlyAndIpv6() {
    assertThat(StoreUrl.parse("redis://localhost").port()).isEqualTo(6379);
    StoreUrl tls = StoreUrl.parse("rediss://:secret@[::1]:7000");
    assertThat(tls.kind()).isEqualTo(StoreUrl.Kind.REDIS_TLS);
    assertThat(tls.host()).isEqualTo("::1");
    assertThat(tls.port()).isEqualTo(7000);
    assertThat(tls.user()).isEmpty();
    assertThat(tls.password()).hasValue("secret");
    assertThat(tls.toString()).isEqualTo("rediss://:***@[::1]:7000");
  }

  @Test
  void clusterUrlsListTheirSeedNodes() {
    StoreUrl url =
        StoreUrl.parse("redis-cluster://bob:pw@10.0.0.1:7000, 10.0.0.2:7001,[::1]?segments=8");

    assertThat(url.kind()).isEqualTo(StoreUrl.Kind.CLUSTER);
    assertThat(url.kind().cluster()).isTrue();
    assertThat(url.kind().tls()).isFalse();
    assertThat(url.nodes())
        .containsExactly(
            new StoreUrl.Node("10.0.0.1", 7000),
            new StoreUrl.Node("10.0.0.2", 7001),
            new StoreUrl.Node("::1", 6379));
    assertThat(url.user()).hasValue("bob");
    assertThat(url.options()).isEqualTo(Map.of("segments", "8"));
    assertThat(url.toString())
        .isEqualTo("redis-cluster://bob:***@10.0.0.1:7000,10.0.0.2:7001,[::1]:6379");
    assertThat(StoreUrl.parse("rediss-cluster://h:1").kind()).isEqualTo(StoreUrl.Kind.CLUSTER_TLS);
    assertThat(StoreUrl.parse("redis://h:1").nodes()).isEmpty();
  }

  @Test
  void badClusterUrlsNameTheProblem() {
    assertThatThrownBy(() -> StoreUrl.parse("redis-cluster://a:1,b:2/3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only database 0");
    assertThatThrownBy(() -> StoreUrl.parse("redis-cluster://a:1,,b:2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host is missing");
    assertThatThrownBy(() -> StoreUrl.parse("redis-cluster://a:1,b:x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port 'x'");
  }

  @Test
  void embeddedUrls() {
    assertThat(StoreUrl.parse("embedded:").directory()).isEmpty();
    assertThat(StoreUrl.parse("embedded:/data/frames?ttl=1d").directory())
        .hasValue(Path.of("/data/frames"));
    assertThat(StoreUrl.parse("embedded:~/frames").directory())
        .hasValue(Path.of(System.getProperty("user.home"), "frames"));
  }

  @Test
  void badUrlsSayWhatIsWrongWithoutThePassword() {
    assertThatThrownBy(() -> StoreUrl.parse("redis://h:99999"))
        .hasMessage(
            "Invalid store URL 'redis://h:99999': the port '99999' is not a number from 1 to 65535");
    assertThatThrownBy(() -> StoreUrl.parse("redis://u:pw@h:x"))
        .hasMessage(
            "Invalid store URL 'redis://u:***@h:x': the port 'x' is not a number from 1 to 65535");
    assertThatThrownBy(() -> StoreUrl.parse("redis://:6379"))
        .hasMessageContaining("the host is missing");
    assertThatThrownBy(() -> StoreUrl.parse("redis://h/db"))
        .hasMessageContaining("the database 'db'");
    assertThatThrownBy(() -> StoreUrl.parse("redis://a:1,b:2")).hasMessageContaining("Cluster");
    assertThatThrownBy(() -> StoreUrl.parse("redis://h?ttl=1&ttl=2"))
        .hasMessageContaining("'ttl' is given twice");
    assertThatThrownBy(() -> StoreUrl.parse("redis://h?ttl"))
        .hasMessageContaining("not name=value");
    assertThatThrownBy(() -> StoreUrl.parse("")).hasMessageContaining("must not be empty");
  }
}
