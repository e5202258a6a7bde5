/**
 * How the embedded server works: {@link io.redframe.embedded.internal.RedisBinary} finds an
 * executable, {@link io.redframe.embedded.internal.RedisServerProcess} runs one process on
 * loopback, {@link io.redframe.embedded.internal.SharedServer} shares one per folder between stores
 * and JVMs (file lock, {@code server.json}, leases as named idle connections), and {@link
 * io.redframe.embedded.internal.EmbeddedProvider} registers it with core. Not exported.
 */
package io.redframe.embedded.internal;
