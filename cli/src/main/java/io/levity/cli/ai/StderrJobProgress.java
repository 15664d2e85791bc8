package io.levity.cli.ai;

import io.levity.compute.training.JobListener;
import java.io.PrintWriter;

/**
 * Training progress on stderr: every phase, and the step, loss and steps per second at most once a
 * second (and on a segment's last step).
 */
final class StderrJobProgress implements JobListener {
  private static final long SECOND = 1_000_000_000L;
  private final PrintWriter err;
  private long lastPrint = System.nanoTime();
  private long phaseStart = System.nanoTime();
  private long phaseFirstStep = -1;

  StderrJobProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void phase(String what) {
    err.println(what + "...");
    err.flush();
    phaseStart = System.nanoTime();
    phaseFirstStep = -1;
  }

  @Override
  public synchronized void step(long step, long lastStep, float loss) {
    long now = System.nanoTime();
    if (phaseFirstStep < 0) phaseFirstStep = step - 1;
    boolean due = now - lastPrint >= SECOND;
    if (!due && step != lastStep) return;
    lastPrint = now;
    double rate = (step - phaseFirstStep) / Math.max(1e-9, (now - phaseStart) / 1e9);
    int bar = (int) (30 * step / Math.max(1, lastStep));
    err.printf(
        "  [%s%s] step %d/%d loss %.4f (%.2f steps/s)%n",
        "#".repeat(bar), ".".repeat(30 - bar), step, lastStep, loss, rate);
    err.flush();
  }
}
