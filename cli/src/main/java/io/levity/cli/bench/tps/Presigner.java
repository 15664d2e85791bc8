package io.levity.cli.bench.tps;

import io.levity.sdk.tx.SignedTx;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signs every sender's first transactions before the measured window opens, on all cores, so the
 * window only sends: {@code perSender} transactions for sender i at nonces {@code startNonces[i]}
 * on, sequence numbers 0 on (the lane's {@link TxBuffer} continues the sequence for anything signed
 * later). Progress goes to the log about once a second.
 */
final class Presigner {
  private static final int CHUNK = 256;

  private Presigner() {}

  /**
   * The default buffer per sender: enough for the window at {@code ceilingTxPerSecond} over all
   * senders (the offered --rate instead, if set) plus a window's worth, at most {@code max}.
   */
  static int defaultPerSender(
      double seconds, double rate, int senders, int window, double ceilingTxPerSecond, int max) {
    double perSecond = rate > 0 ? rate : ceilingTxPerSecond;
    double want = Math.ceil(perSecond * seconds / senders) + window;
    return (int) Math.min(max, want);
  }

  /** One buffer per sender, in sender order. */
  static List<TxBuffer> sign(
      List<SenderLane.TxMaker> makers,
      long[] startNonces,
      int perSender,
      String tag,
      PrintWriter log)
      throws InterruptedException {
    int senders = makers.size();
    SignedTx[][] out = new SignedTx[senders][perSender];
    long total = (long) senders * perSender;
    List<TxBuffer> buffers = new ArrayList<>(senders);
    if (total == 0) {
      for (SenderLane.TxMaker m : makers) buffers.add(TxBuffer.onTheFly(m));
      return buffers;
    }
    int threads = Runtime.getRuntime().availableProcessors();
    log.printf(
        "%s pre-signing %d transactions (%d per sender) on %d threads%n",
        tag, total, perSender, threads);
    log.flush();
    AtomicLong done = new AtomicLong();
    long started = System.nanoTime();
    List<Future<?>> work = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int s = 0; s < senders; s++) {
        for (int from = 0; from < perSender; from += CHUNK) {
          int sender = s, lo = from, hi = Math.min(perSender, from + CHUNK);
          work.add(
              pool.submit(
                  () -> {
                    for (int k = lo; k < hi; k++)
                      out[sender][k] = makers.get(sender).make(startNonces[sender] + k, k);
                    done.addAndGet(hi - lo);
                  }));
        }
      }
      long nextReport = started + 1_000_000_000L;
      for (Future<?> f : work) {
        while (!f.isDone()) {
          Thread.sleep(20);
          if (System.nanoTime() >= nextReport) {
            log.printf("%s pre-signed %d of %d%n", tag, done.get(), total);
            log.flush();
            nextReport += 1_000_000_000L;
          }
        }
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("pre-signing failed: " + e.getCause().getMessage(), e);
    }
    double secs = (System.nanoTime() - started) / 1e9;
    log.printf(
        "%s pre-signed %d transactions in %.1f s (%.0f/s)%n", tag, total, secs, total / secs);
    for (int s = 0; s < senders; s++)
      buffers.add(new TxBuffer(Arrays.asList(out[s]), makers.get(s)));
    return buffers;
  }
}
