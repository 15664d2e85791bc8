package io.levity.trie;

import java.util.Arrays;

/**
 * A stable ordering of byte-string keys, unsigned lexicographic (a proper prefix first). Sorts on
 * each key's first eight bytes held in a {@code long[]} (contiguous, so no pointer chasing) and
 * compares whole keys only on ties: merge sort over primitive arrays, insertion sort for short
 * runs.
 */
final class KeyOrder {
  /**
   * Full comparison of the keys with original indices a and b; called only when their prefixes are
   * equal.
   */
  @FunctionalInterface
  interface TieBreak {
    int compare(int a, int b);
  }

  private KeyOrder() {}

  /**
   * The first eight bytes of a key (zero-padded), as a long whose signed order is the bytes'
   * unsigned order.
   */
  static long prefix(byte[] buf, int off, int len) {
    long p = 0;
    for (int i = 0; i < 8; i++) p = p << 8 | (i < len ? buf[off + i] & 0xff : 0);
    return p ^ Long.MIN_VALUE;
  }

  /** Indices 0..n-1 in ascending key order; equal keys keep their relative order. */
  static int[] of(long[] prefixes, int n, TieBreak full) {
    long[] p = Arrays.copyOf(prefixes, n);
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    new Sorter(p, idx, full).sort(0, n);
    return idx;
  }

  private static final class Sorter {
    private final long[] p;
    private final int[] idx;
    private final long[] tp;
    private final int[] ti;
    private final TieBreak full;

    Sorter(long[] p, int[] idx, TieBreak full) {
      this.p = p;
      this.idx = idx;
      this.tp = new long[p.length];
      this.ti = new int[p.length];
      this.full = full;
    }

    private int compare(long pa, int a, long pb, int b) {
      if (pa != pb) return pa < pb ? -1 : 1;
      int c = full.compare(a, b);
      return c != 0 ? c : Integer.compare(a, b); // stable: equal keys by original position
    }

    void sort(int from, int to) {
      if (to - from <= 16) {
        for (int i = from + 1; i < to; i++) {
          long xp = p[i];
          int xi = idx[i];
          int j = i - 1;
          while (j >= from && compare(p[j], idx[j], xp, xi) > 0) {
            p[j + 1] = p[j];
            idx[j + 1] = idx[j];
            j--;
          }
          p[j + 1] = xp;
          idx[j + 1] = xi;
        }
        return;
      }
      int mid = (from + to) >>> 1;
      sort(from, mid);
      sort(mid, to);
      if (compare(p[mid - 1], idx[mid - 1], p[mid], idx[mid]) <= 0) return;
      System.arraycopy(p, from, tp, from, to - from);
      System.arraycopy(idx, from, ti, from, to - from);
      int i = from;
      int j = mid;
      for (int o = from; o < to; o++) {
        if (j >= to || (i < mid && compare(tp[i], ti[i], tp[j], ti[j]) <= 0)) {
          p[o] = tp[i];
          idx[o] = ti[i++];
        } else {
          p[o] = tp[j];
          idx[o] = ti[j++];
        }
      }
    }
  }
}
