/**
 * The managed {@code redis-server} of redframe's {@code embedded:} URLs, and private servers for
 * tests and benchmarks.
 *
 * <p>Putting this module ({@code io.redframe:redframe-embedded}) on the class or module path is all
 * it takes for {@code FrameStore.open("embedded:[dir]")} to work: it registers itself with core as
 * an {@link io.redframe.spi.EmbeddedServerProvider}. Programs that manage the server themselves
 * (the CLI's {@code server} command) use {@link io.redframe.embedded.EmbeddedServer}; tests and
 * benchmarks that need a server of their own to kill, pause or fill use {@link
 * io.redframe.embedded.RedisProcess}.
 *
 * <p>The binary: {@code $REDFRAME_REDIS_SERVER}, else a {@code redis-server} 6.2+ on {@code PATH},
 * else the statically linked Redis 7.0.15 for linux and macOS (amd64, arm64) inside {@code
 * org.signal:embedded-redis}, extracted once to a cache folder and checked against its SHA-256.
 */
package io.redframe.embedded;
