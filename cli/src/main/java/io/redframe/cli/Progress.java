package io.redframe.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * A progress bar on stderr, drawn only when stderr is a terminal and not {@code --quiet}, and only
 * for frames of at least 8 MB; otherwise it prints nothing.
 */
final class Progress implements LongConsumer, AutoCloseable {
  private static final long LARGE = 8L << 20;
  private final PrintWriter err;
  private final long total;
  private final boolean shown;
  private final String label;
  private int lastPercent = -1;
  private long lastBytes;

  Progress(PrintWriter err, String label, long total, boolean quiet) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.shown = !quiet && onTerminal() && total >= LARGE;
  }

  /**
   * Whether the JVM runs on a terminal. From JDK 22 {@code System.console()} is never null, so its
   * {@code isTerminal()} (JDK 22, found reflectively: this compiles for 17) has the last word.
   */
  @SuppressWarnings("SystemConsoleNull") // null before JDK 22; isTerminal() decides after
  static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before JDK 22 a console exists only on a terminal
    }
  }

  @Override
  public void accept(long bytes) {
    if (!shown) {
      return;
    }
    lastBytes = bytes;
    int percent = (int) Math.min(100, bytes * 100 / Math.max(1, total));
    if (percent != lastPercent) {
      draw(percent, bytes);
    }
  }

  private void draw(int percent, long bytes) {
    lastPercent = percent;
    int filled = percent / 4;
    err.printf(
        Locale.ROOT,
        "\r%s [%s%s] %3d%% %s",
        label,
        "#".repeat(filled),
        " ".repeat(25 - filled),
        percent,
        Sizes.bytes(bytes));
    err.flush();
  }

  /** Completes the bar (the total was an estimate) and ends its line. Idempotent. */
  void finish() {
    if (shown && lastPercent >= 0) {
      if (lastPercent < 100) {
        draw(100, lastBytes);
      }
      err.println();
      lastPercent = -1;
    }
  }

  @Override
  public void close() {
    finish();
  }
}
