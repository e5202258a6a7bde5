package io.redframe.jobs;

import java.util.List;
import java.util.Map;

/**
 * Handlers every worker has, for smoke tests, benchmarks and demos: {@code redframe.noop}, {@code
 * redframe.sleep} ({"ms": N}), {@code redframe.echo} (returns its arguments) and {@code
 * redframe.fail} (throws; {"permanent": true} skips retries).
 */
final class BuiltInHandlers {
  private BuiltInHandlers() {}

  static List<JobHandler> all() {
    return List.of(
        handler("redframe.noop", job -> null),
        handler(
            "redframe.sleep",
            job -> {
              Map<?, ?> args = job.args(Map.class);
              long ms = args != null && args.get("ms") instanceof Number n ? n.longValue() : 1000;
              Thread.sleep(ms);
              return null;
            }),
        handler("redframe.echo", job -> job.args(Object.class)),
        handler(
            "redframe.fail",
            job -> {
              Map<?, ?> args = job.args(Map.class);
              String message =
                  args != null && args.get("message") != null
                      ? String.valueOf(args.get("message"))
                      : "redframe.fail failed, as asked";
              if (args != null && Boolean.TRUE.equals(args.get("permanent"))) {
                throw JobException.permanent(message);
              }
              throw new JobException(message);
            }));
  }

  interface Body {
    Object run(JobContext job) throws Exception;
  }

  static JobHandler handler(String name, Body body) {
    return new JobHandler() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Object run(JobContext job) throws Exception {
        return body.run(job);
      }
    };
  }
}
