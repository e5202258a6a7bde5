package io.redframe.examples;

import io.redframe.FrameInfo;
import io.redframe.FrameNotFoundException;
import io.redframe.FrameStore;
import io.redframe.Manifest;
import io.redframe.SaveOptions;
import io.redframe.SaveResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The README's quick start. On the store at {@code REDFRAME_URL} (by default the embedded one,
 * which redframe starts itself and keeps under {@code ~/.redframe/embedded}) it:
 *
 * <ol>
 *   <li>saves a real dataset, the Seattle weather CSV, as a chunked frame (once);
 *   <li>appends this run to a log object and saves it as a new version, with compare-and-set;
 *   <li>reads both back and shows them.
 * </ol>
 *
 * Run it twice: the second run finds the dataset and the first run's entry, saved by a process that
 * has since exited, in a server that was stopped and started again in between.
 */
public final class QuickStart {
  private static final String DATASET = "seattle-weather.csv";
  private static final String LOG = "quickstart/runs";

  /** One run of this program, as kept in the log object. */
  public record Run(int number, Instant at, long pid) {}

  private QuickStart() {}

  public static void main(String[] args) throws IOException {
    try (FrameStore store = FrameStore.open()) {
      System.out.println("Store: " + store.url());
      saveDatasetOnce(store);
      List<Run> runs = appendRun(store);
      showDataset(store);
      System.out.println();
      System.out.println(
          "Runs recorded in '" + LOG + "' (version " + store.manifest(LOG).version() + "):");
      for (Run run : runs) {
        System.out.println("  run #" + run.number() + " at " + run.at() + " by pid " + run.pid());
      }
      System.out.println();
      System.out.println(
          runs.size() == 1
              ? "First run on this store. Run the same command again: the frames will still be here."
              : "The frames survived " + (runs.size() - 1) + " earlier run(s) of this program.");
    }
  }

  private static void saveDatasetOnce(FrameStore store) throws IOException {
    if (store.exists(DATASET)) {
      return;
    }
    try (InputStream csv = QuickStart.class.getResourceAsStream(DATASET)) {
      SaveResult saved =
          store.saveBytes(
              DATASET, csv, SaveOptions.defaults().tags(Map.of("source", "vega-datasets 3.2.1")));
      System.out.println(
          "Saved '" + DATASET + "': version " + saved.version() + ", " + saved.bytes() + " bytes");
    }
  }

  private static List<Run> appendRun(FrameStore store) {
    List<Run> runs = new ArrayList<>();
    long version = 0;
    try {
      Manifest manifest = store.manifest(LOG);
      version = manifest.version();
      runs.addAll(List.of(store.loadObject(LOG, version, Run[].class)));
    } catch (FrameNotFoundException first) {
      // No log yet: this is the first run on this store.
    }
    runs.add(new Run(runs.size() + 1, Instant.now(), ProcessHandle.current().pid()));
    // Compare-and-set: if another process appended meanwhile, this save fails instead of losing it.
    store.saveObject(
        LOG, runs, io.redframe.ObjectFormat.JSON, SaveOptions.defaults().ifVersion(version));
    return runs;
  }

  private static void showDataset(FrameStore store) throws IOException {
    FrameInfo info = store.list(FrameStore.globEscape(DATASET)).get(0);
    Manifest manifest = store.manifest(DATASET);
    System.out.println();
    System.out.println(
        "Frame '"
            + info.name()
            + "': version "
            + info.version()
            + ", "
            + info.bytes()
            + " bytes in "
            + manifest.chunks().size()
            + " chunk(s), saved "
            + info.created()
            + ", tags "
            + info.tags());
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(store.openBytes(DATASET), StandardCharsets.UTF_8))) {
      lines.lines().limit(6).forEach(line -> System.out.println("  " + line));
    }
  }
}
