package io.redframe.jobs;

import io.redframe.FrameRef;
import io.redframe.arrow.ArrowCompression;
import io.redframe.arrow.ArrowFrames;
import io.redframe.spi.ChunkSink;
import io.redframe.spi.CodecId;
import io.redframe.spi.EncodedFrame;
import io.redframe.spi.FrameEncoder;
import io.redframe.tablesaw.TableFormat;
import io.redframe.tablesaw.TableLoadOptions;
import io.redframe.tablesaw.TablesawFrames;
import java.io.IOException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import tech.tablesaw.api.Table;

/**
 * Built-in handlers on Tablesaw tables, registered only when redframe-tablesaw-adapter (an optional
 * dependency of this module) is on the class or module path; {@link BuiltInHandlers} checks that
 * before it touches this class.
 *
 * <ul>
 *   <li>{@code redframe.describe}: Tablesaw's {@link Table#summary()} of frame argument {@code
 *       input} (a table frame in any format), published as the job's result frame (an Arrow table
 *       frame, like any Tablesaw save: one row per statistic, one column per input column).
 * </ul>
 */
final class TablesawHandlers {
  private TablesawHandlers() {}

  static List<JobHandler> all() {
    return List.of(BuiltInHandlers.handler("redframe.describe", TablesawHandlers::describe));
  }

  private static Object describe(JobContext job) {
    FrameRef input;
    try {
      input = job.frame("input");
    } catch (IllegalArgumentException e) {
      throw JobException.permanent(e.getMessage()); // no attempt can do better
    }
    Table table;
    // The table is on the heap once decoded; the allocator only carries Arrow chunks meanwhile,
    // and closing it checks that none leaked.
    try (BufferAllocator allocator = new RootAllocator()) {
      table = job.store().load(input, TablesawFrames.decoder(allocator, TableLoadOptions.all()));
    }
    return JobResult.frame(arrow(table.summary()));
  }

  /**
   * An Arrow encoder of {@code table} that owns its allocator for the length of the save: the
   * worker encodes a result after the handler has returned.
   */
  private static FrameEncoder arrow(Table table) {
    return new FrameEncoder() {
      @Override
      public CodecId codec() {
        return ArrowFrames.CODEC;
      }

      @Override
      public EncodedFrame encode(ChunkSink sink) throws IOException {
        try (BufferAllocator allocator = new RootAllocator()) {
          return TablesawFrames.encoder(table, TableFormat.ARROW, allocator, ArrowCompression.NONE)
              .encode(sink);
        }
      }
    };
  }
}
