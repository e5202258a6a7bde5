/**
 * redframe core: the store, its codec SPI, JSON/YAML objects, and the Redis plumbing that
 * redframe's own modules share.
 */
module io.redframe.core {
  requires transitive redis.clients.jedis;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.fasterxml.jackson.dataformat.cbor;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires org.yaml.snakeyaml;
  requires org.apache.commons.pool2;
  requires com.github.benmanes.caffeine;

  exports io.redframe;
  exports io.redframe.spi;
  exports io.redframe.redis;

  uses io.redframe.spi.Codec;
  uses io.redframe.spi.EmbeddedServerProvider;

  opens io.redframe to
      com.fasterxml.jackson.databind;
  opens io.redframe.internal.store to
      com.fasterxml.jackson.databind;
}
