package io.redframe.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Handlers every worker has, for smoke tests, benchmarks and demos: {@code redframe.noop}, {@code
 * redframe.sleep} ({"ms": N}), {@code redframe.echo} (returns its arguments) and {@code
 * redframe.fail} (throws; {"permanent": true} skips retries), and, when redframe-tablesaw-adapter
 * is present, {@code redframe.describe} ({@link TablesawHandlers}).
 */
final class BuiltInHandlers {
  /**
   * A class of the adapter and one of Tablesaw: both must load for {@link TablesawHandlers} to
   * work. Kept here: touching {@link TablesawHandlers} before the check would load Tablesaw types.
   */
  private static final List<String> TABLESAW =
      List.of("io.redframe.tablesaw.TablesawFrames", "tech.tablesaw.api.Table");

  private BuiltInHandlers() {}

  static List<JobHandler> all() {
    List<JobHandler> all = new ArrayList<>(basic());
    if (tablesawPresent()) {
      all.addAll(TablesawHandlers.all());
    }
    return List.copyOf(all);
  }

  /**
   * Whether redframe-tablesaw-adapter and Tablesaw can be loaded (optional dependencies: a worker
   * without them has no {@code redframe.describe}). Only these fixed names are looked up.
   */
  static boolean tablesawPresent() {
    ClassLoader loader = BuiltInHandlers.class.getClassLoader();
    try {
      for (String name : TABLESAW) {
        Class.forName(name, false, loader);
      }
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static List<JobHandler> basic() {
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
