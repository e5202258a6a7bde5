package io.redframe.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redframe.embedded.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.clients.jedis.RedisClient;

/**
 * What the machine had done at one moment: Redis' minor page faults and CPU milliseconds (from
 * {@code /proc}, -1 where unreadable) and this JVM's CPU milliseconds (all its threads: the caller,
 * Jedis' I/O, the decoder, GC and JIT), so a report can tell a step bound by the transfer from one
 * bound by the two cores.
 */
record Usage(long redisFaults, long redisCpuMs, long clientCpuMs) {
  static Usage now(RedisProcess server) {
    long[] redis = redisStat(server);
    return new Usage(
        redis == null ? -1 : redis[0], redis == null ? -1 : redis[1], clientCpuMillis());
  }

  /**
   * Puts what happened between {@code at[0]} and {@code at[1]} (the save) and between {@code at[1]}
   * and {@code at[2]} (the load) into {@code row}; -1 for what could not be read.
   */
  static void put(ObjectNode row, Usage[] at) {
    boolean redis = at[0].redisFaults() >= 0;
    boolean client = at[0].clientCpuMs() >= 0;
    row.put("redis_faults_save", redis ? at[1].redisFaults() - at[0].redisFaults() : -1)
        .put("redis_faults_load", redis ? at[2].redisFaults() - at[1].redisFaults() : -1)
        .put("redis_cpu_ms_save", redis ? at[1].redisCpuMs() - at[0].redisCpuMs() : -1)
        .put("redis_cpu_ms_load", redis ? at[2].redisCpuMs() - at[1].redisCpuMs() : -1)
        .put("client_cpu_ms_save", client ? at[1].clientCpuMs() - at[0].clientCpuMs() : -1)
        .put("client_cpu_ms_load", client ? at[2].clientCpuMs() - at[1].clientCpuMs() : -1);
  }

  /** Minor page faults of the redis-server process so far (Linux), or -1. */
  static long redisFaults(RedisProcess server) {
    long[] stat = redisStat(server);
    return stat == null ? -1 : stat[0];
  }

  /** CPU milliseconds this JVM has used so far (all its threads), or -1. */
  static long clientCpuMillis() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1_000_000;
    }
    return -1;
  }

  /** Minor faults and CPU milliseconds of the redis-server process (Linux), or null. */
  static long[] redisStat(RedisProcess server) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(server.pid()), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
      // minflt, utime and stime: the 10th, 14th and 15th fields of the whole line
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return new long[] {Long.parseLong(fields[7]), ticks * 10};
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Redis' CPU milliseconds so far (all its threads), as {@code INFO cpu} reports them to the
   * microsecond: finer than {@code /proc}'s 10 ms ticks, for a single run's share.
   */
  static double redisCpuMillis(RedisClient redis) {
    double seconds = 0;
    for (String line : redis.info("cpu").split("\r?\n", -1)) {
      if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
        seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    return seconds * 1e3;
  }

  /**
   * CPU milliseconds this JVM's live threads (GC and compiler threads included) have used so far,
   * to the nanosecond, from each task's {@code /proc/self/task/<tid>/schedstat} (Linux); the CPU of
   * threads that ended is not in it. Elsewhere, the JVM's process CPU time, which on Linux counts
   * in 10 ms ticks ({@code times(2)}): too coarse for one run of a few milliseconds. NaN if neither
   * can be read.
   */
  static double clientCpuMillisPrecise() {
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      long nanos = 0;
      int read = 0;
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(task.resolve("schedstat"));
          nanos += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
          read++;
        } catch (java.io.IOException e) {
          // the thread ended since the listing (or the kernel keeps no schedstat)
        }
      }
      if (read > 0) {
        return nanos / 1e6;
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux, or no schedstat: the coarser process total
    }
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e6;
    }
    return Double.NaN;
  }

  /** Resident bytes of the redis-server process (Linux), or -1. */
  static long redisRss(RedisProcess server) {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** The CPU's model name, as {@code lscpu} prints it (from /proc/cpuinfo), or "unknown CPU". */
  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown CPU");
    } catch (java.io.IOException e) {
      return "unknown CPU";
    }
  }

  /** The CPU model, OS, cores and memory of this machine, for a report's header. */
  static String machine() {
    return cpuModel()
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch")
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores, "
        + (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getTotalMemorySize() / (1L << 30) + " GiB"
            : "? GiB");
  }
}
