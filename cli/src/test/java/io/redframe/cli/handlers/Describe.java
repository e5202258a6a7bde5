package io.redframe.cli.handlers;

import io.redframe.FrameRef;
import io.redframe.jobs.JobContext;
import io.redframe.jobs.JobHandler;
import io.redframe.tablesaw.TableLoadOptions;
import io.redframe.tablesaw.TablesawFrames;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import tech.tablesaw.api.Table;

/**
 * {@code test.describe}: loads frame argument {@code in} (the version pinned at enqueue) as a table
 * and returns its size and columns. Packaged by JobsCliIT into a handler jar that {@code redframe
 * worker --handlers} loads through ServiceLoader.
 */
public final class Describe implements JobHandler {
  @Override
  public String name() {
    return "test.describe";
  }

  @Override
  public Object run(JobContext job) {
    FrameRef ref = job.frame("in");
    long stored = job.store().manifest(ref).rows(); // checks the version's id
    try (BufferAllocator allocator = new RootAllocator()) {
      Table table =
          TablesawFrames.of(job.store(), allocator)
              .load(ref.name(), TableLoadOptions.all().version(ref.version()));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("input", ref.durable());
      out.put("rows", table.rowCount());
      out.put("storedRows", stored);
      out.put("columns", table.columnNames());
      return out;
    }
  }
}
