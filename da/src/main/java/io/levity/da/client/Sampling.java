package io.levity.da.client;

import io.levity.da.encoding.BlobLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * The arithmetic of availability sampling. A piece cannot be recovered when at most 63 of its 128
 * cells are served. Drawing {@code n} distinct cells of it, the number {@code X} that come back is
 * then hypergeometric (population 128, at most 63 successes, {@code n} draws), so seeing {@code k}
 * come back has probability at most {@code P(X >= k)} under that worst case: the chance that an
 * unrecoverable piece would have looked this good. The confidence is one minus it.
 */
public final class Sampling {
  private static final int CELLS = BlobLayout.CELLS_PER_PIECE;
  private static final int SERVED_IF_LOST = BlobLayout.CELLS_TO_RECOVER - 1;

  private Sampling() {}

  /**
   * {@code P(X >= k)} for {@code n} distinct cells drawn from a piece that serves only 63 of its
   * 128: the probability that an unrecoverable piece returns at least {@code k} of them.
   */
  public static double tail(int n, int k) {
    if (n < 0 || n > CELLS)
      throw new IllegalArgumentException("samples per piece must be in [0, 128], not " + n);
    if (k < 0 || k > n) throw new IllegalArgumentException("successes must be in [0, " + n + "]");
    BigInteger favourable = BigInteger.ZERO;
    for (int x = k; x <= Math.min(n, SERVED_IF_LOST); x++) {
      favourable =
          favourable.add(choose(SERVED_IF_LOST, x).multiply(choose(CELLS - SERVED_IF_LOST, n - x)));
    }
    return new BigDecimal(favourable)
        .divide(new BigDecimal(choose(CELLS, n)), MathContext.DECIMAL64)
        .doubleValue();
  }

  /**
   * {@link #tail}{@code (n, n)}: every one of {@code n} samples came back: {@code C(63, n) / C(128,
   * n)}.
   */
  public static double missProbability(int n) {
    return tail(n, n);
  }

  /** The confidence when all {@code n} samples of every piece came back. */
  public static double confidence(int n) {
    return 1.0 - missProbability(n);
  }

  /**
   * The confidence when a piece returned {@code k} of {@code n} samples: {@code 1 - tail(n, k)}.
   */
  public static double confidence(int n, int k) {
    return 1.0 - tail(n, k);
  }

  private static BigInteger choose(int n, int r) {
    if (r < 0 || r > n) return BigInteger.ZERO;
    BigInteger c = BigInteger.ONE;
    for (int i = 0; i < r; i++)
      c = c.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
    return c;
  }
}
