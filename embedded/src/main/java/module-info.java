/**
 * redframe embedded: the managed {@code redis-server} behind {@code embedded:} URLs, registered
 * with core as an {@link io.redframe.spi.EmbeddedServerProvider}, and private redis-server
 * processes for tests and benchmarks ({@link io.redframe.embedded.RedisProcess}).
 */
module io.redframe.embedded {
  requires transitive io.redframe.core;
  requires com.fasterxml.jackson.databind;
  // Jedis, an automatic module, needs SLF4J at run time but cannot say so.
  requires org.slf4j;
  // Only resources: the statically linked redis-server binaries (an automatic module).
  requires embedded.redis;

  exports io.redframe.embedded;

  provides io.redframe.spi.EmbeddedServerProvider with
      io.redframe.embedded.internal.EmbeddedProvider;

  // server.json is read and written with Jackson.
  opens io.redframe.embedded.internal to
      com.fasterxml.jackson.databind;
}
