package io.redframe.benchmarks;

import io.redframe.embedded.RedisProcess;

/** A private redis-server for a measurement: no persistence, a free loopback port. */
final class BenchRedis {
  private BenchRedis() {}

  /** Starts one with the binary redframe would run (on PATH, else the bundled one). */
  static RedisProcess start() {
    return RedisProcess.builder().config("appendonly no").start();
  }
}
