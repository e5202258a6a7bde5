/** redframe core: the store, its codec SPI, and JSON/YAML objects. */
module io.redframe.core {
  requires transitive com.fasterxml.jackson.databind;
  requires transitive redis.clients.jedis;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires org.yaml.snakeyaml;
  requires org.apache.commons.pool2;

  exports io.redframe;
  exports io.redframe.spi;
  // Shared plumbing for redframe's own codec modules, not an API.
  exports io.redframe.internal to
      io.redframe.arrow;

  opens io.redframe to
      com.fasterxml.jackson.databind;
  opens io.redframe.internal to
      com.fasterxml.jackson.databind;
}
