package io.levity.cli.sim;

import picocli.CommandLine.Option;

/** Which seeds run, and on how many threads. */
final class SeedOptions {
  /** Seeds {@code start .. start + count - 1} on {@code threads} threads. */
  record Seeds(long start, int count, int threads) {
    Seeds {
      if (count < 1) throw new IllegalArgumentException("--seeds must be at least 1");
      threads = Math.max(1, threads);
    }

    long last() {
      return start + count - 1;
    }
  }

  @Option(names = "--seeds", paramLabel = "S")
  int count = 100;

  @Option(names = "--start", paramLabel = "SEED")
  long start;

  @Option(names = "--threads", paramLabel = "T")
  int threads = Runtime.getRuntime().availableProcessors();

  Seeds seeds() {
    return new Seeds(start, count, threads);
  }
}
