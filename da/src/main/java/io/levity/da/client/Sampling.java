package io.levity.da.client;

import io.levity.da.encoding.BlobLayout;

/** The arithmetic of availability sampling. */
public final class Sampling {
  private Sampling() {}

  /**
   * The probability that {@code n} distinct cells drawn from a piece all come back when the piece
   * cannot be recovered, i.e. at most 63 of its 128 cells are served: {@code C(63, n) / C(128, n)}.
   * Zero from 64 samples on.
   */
  public static double missProbability(int n) {
    if (n < 0 || n > BlobLayout.CELLS_PER_PIECE)
      throw new IllegalArgumentException("samples per piece must be in [0, 128], not " + n);
    int served = BlobLayout.CELLS_TO_RECOVER - 1;
    double p = 1.0;
    for (int i = 0; i < n; i++) {
      if (served - i <= 0) return 0.0;
      p *= (double) (served - i) / (BlobLayout.CELLS_PER_PIECE - i);
    }
    return p;
  }

  /**
   * {@code 1 - missProbability(n)}: the confidence that a blob every sample of which came back is
   * available.
   */
  public static double confidence(int n) {
    return 1.0 - missProbability(n);
  }
}
