package io.redframe.benchmarks;

import io.redframe.internal.embedded.RedisBinary;
import io.redframe.internal.embedded.RedisServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A private redis-server for a measurement: no persistence, a free loopback port. */
final class BenchRedis {
  private BenchRedis() {}

  /** The server binary redframe would start (on PATH, else the bundled one), in a fresh folder. */
  static RedisBinary binary() throws IOException {
    return RedisBinary.find(Files.createTempDirectory("redframe-bench"));
  }

  static RedisServerProcess start(RedisBinary binary) throws IOException {
    Path dir = Files.createTempDirectory("redframe-bench");
    return RedisServerProcess.start(
        binary, dir, 0, null, List.of("appendonly no", "save \"\""), Duration.ofSeconds(30));
  }
}
