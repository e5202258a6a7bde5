package io.redframe.jobs;

import io.redframe.FrameStore;
import java.time.Duration;

/**
 * A JVM for {@link WithoutTablesawIT}, started without Tablesaw and the Arrow modules on its class
 * path: {@code URL} opens a queue, prints whether Tablesaw loads and the worker's handlers, runs a
 * {@code redframe.noop} job and prints its status.
 */
public final class WithoutTablesawChild {
  private WithoutTablesawChild() {}

  public static void main(String[] args) throws Exception {
    System.out.println("tablesaw=" + (loads("tech.tablesaw.api.Table") ? "present" : "absent"));
    try (FrameStore store = FrameStore.open(args[0])) {
      JobQueue queue = JobQueue.open(store, "plain");
      String id = queue.enqueue(JobSpec.of("redframe.noop"));
      Worker worker = Worker.builder(store).queues("plain").burst(true).build();
      System.out.println("handlers=" + worker.handlerNames());
      worker.run();
      System.out.println(
          "status=" + queue.await(id, Duration.ofSeconds(30)).map(Job::status).orElse(null));
    }
  }

  private static boolean loads(String name) {
    try {
      Class.forName(name, false, WithoutTablesawChild.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
