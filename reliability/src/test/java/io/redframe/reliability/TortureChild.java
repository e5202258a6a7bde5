package io.redframe.reliability;

import io.redframe.FrameNotFoundException;
import io.redframe.FrameStore;
import io.redframe.SaveOptions;
import io.redframe.arrow.ArrowFrames;
import io.redframe.arrow.ArrowLoadOptions;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Child processes of {@link CrossProcessIT}. {@code writer URL COUNT} publishes COUNT generations
 * of the frame {@code shared}, then the object {@code done}. {@code reader URL} loads {@code
 * shared} continuously (full loads, a projection, a row range) until {@code done} exists, and
 * prints what it saw.
 */
public final class TortureChild {
  private TortureChild() {}

  public static void main(String[] args) throws Exception {
    try (FrameStore store = FrameStore.open(args[1]);
        BufferAllocator allocator = new RootAllocator(1L << 30)) {
      ArrowFrames arrow = ArrowFrames.of(store);
      if (args[0].equals("writer")) {
        int count = Integer.parseInt(args[2]);
        for (long g = 1; g <= count; g++) {
          try (VectorSchemaRoot root = Generations.frame(allocator, g)) {
            arrow.save(
                "shared",
                root,
                null,
                SaveOptions.defaults().tags(Map.of("generation", Long.toString(g))));
          }
        }
        store.saveObject("done", true);
        System.out.println("published " + count);
        return;
      }
      long reads = 0;
      long torn = 0;
      long waiting = 0;
      Set<Long> generations = new HashSet<>();
      while (!store.exists("done")) {
        int kind = (int) (reads % 3);
        ArrowLoadOptions options =
            switch (kind) {
              case 0 -> ArrowLoadOptions.all();
              case 1 -> ArrowLoadOptions.all().columns("g", "tag");
              default -> ArrowLoadOptions.all().rows(1000, 2000);
            };
        try (ArrowReader reader = arrow.load("shared", allocator, options)) {
          long g = Generations.check(reader, kind == 2 ? 1000 : 0, kind == 0);
          generations.add(g);
          reads++;
        } catch (FrameNotFoundException e) {
          waiting++; // before the first publish
        } catch (IllegalStateException e) {
          torn++;
          System.out.println("TORN: " + e.getMessage());
        }
      }
      System.out.println(
          "reads="
              + reads
              + " versions="
              + generations.size()
              + " torn="
              + torn
              + " waiting="
              + waiting);
    }
  }
}
