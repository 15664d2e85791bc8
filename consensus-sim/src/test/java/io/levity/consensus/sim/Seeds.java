package io.levity.consensus.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/** Runs many seeds on two threads; each seed stays single-threaded and deterministic. */
final class Seeds {
  private Seeds() {}

  static List<SimResult> run(SimConfig cfg, long from, int count) {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<SimResult>> fs = new ArrayList<>();
      for (long s = from; s < from + count; s++) {
        long seed = s;
        fs.add(pool.submit(() -> new Simulation(cfg, seed).run()));
      }
      List<SimResult> out = new ArrayList<>();
      for (Future<SimResult> f : fs) out.add(f.get());
      return out;
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  static String failures(List<SimResult> rs) {
    return rs.stream()
        .filter(r -> !r.passed())
        .map(r -> "seed " + r.seed() + ": " + r.violations() + " " + r.metrics().summary())
        .collect(Collectors.joining("\n"));
  }
}
