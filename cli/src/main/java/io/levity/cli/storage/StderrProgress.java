package io.levity.cli.storage;

import io.levity.storage.client.ProgressListener;
import java.io.PrintWriter;

/**
 * Progress on stderr for operations that take a while: nothing during the first second, then at
 * most one line per second, plus the line that completes a phase already shown.
 */
public final class StderrProgress implements ProgressListener {
  private static final long SECOND = 1_000_000_000L;
  private final PrintWriter err;
  private final long start = System.nanoTime();
  private String shown = "";
  private long lastPrint;

  public StderrProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void progress(String phase, long done, long total) {
    long now = System.nanoTime();
    boolean completesShownPhase = done >= total && phase.equals(shown);
    boolean due = now - start >= SECOND && now - lastPrint >= SECOND;
    if (!due && !completesShownPhase) return;
    shown = phase;
    lastPrint = now;
    String amount = String.format("%.1f of %.1f MiB", done / 1048576.0, total / 1048576.0);
    err.printf("%s: %3d%% (%s)%n", phase, total == 0 ? 100 : (int) (100 * done / total), amount);
  }
}
