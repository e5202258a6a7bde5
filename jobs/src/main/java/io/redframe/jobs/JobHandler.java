package io.redframe.jobs;

/**
 * Code a worker runs for jobs that name it. Handlers are registered by name in the worker ({@link
 * Worker.Builder#handler}, or through {@link java.util.ServiceLoader} from the jars given to it); a
 * job names its handler, never a class: nothing is loaded by a name read from Redis.
 *
 * <pre>{@code
 * public final class Describe implements JobHandler {
 *   public String name() { return "describe"; }
 *   public Object run(JobContext job) {
 *     Table input = TablesawFrames.of(job.store()).load(job.frame("input"));
 *     return JobResult.frame(TablesawFrames.of(job.store()).encoder(input.summary()));
 *   }
 * }
 * }</pre>
 *
 * <p>A handler runs on a worker thread, possibly on several jobs at once: keep it thread-safe. It
 * should return when interrupted (a timeout or a stop).
 */
public interface JobHandler {

  /** The name jobs use, such as {@code reports.daily}: 1-200 characters, no control characters. */
  String name();

  /**
   * Runs one attempt of a job.
   *
   * @return the result: {@code null}, a value Jackson writes as JSON (a record, map, list, number,
   *     text), or a {@link JobResult} frame
   * @throws Exception to fail the attempt (retried as the job says, unless it is a {@link
   *     JobException#permanent permanent} one)
   */
  Object run(JobContext job) throws Exception;
}
