package io.levity.consensus.types;

import java.util.List;

/**
 * Round-robin leaders weighted by voting power (smooth weighted round robin): each validator leads
 * a share of rounds proportional to its power, spread out rather than in runs. With equal powers,
 * round r is led by r mod n. Deterministic, so every node computes the same leader without
 * communication.
 */
final class LeaderSchedule {
  private static final long MAX_SLOTS = 1 << 14;
  private final int[] slots;

  LeaderSchedule(List<Validator> validators) {
    int n = validators.size();
    long[] weight = new long[n];
    long g = 0;
    for (int i = 0; i < n; i++) {
      weight[i] = validators.get(i).power();
      g = gcd(g, weight[i]);
    }
    long total = 0;
    for (int i = 0; i < n; i++) {
      weight[i] /= g;
      total += weight[i];
    }
    if (total > MAX_SLOTS) {
      // Scale down very uneven or very large powers; every validator keeps at least one slot.
      double scale = (double) MAX_SLOTS / total;
      total = 0;
      for (int i = 0; i < n; i++) {
        weight[i] = Math.max(1, (long) Math.floor(weight[i] * scale));
        total += weight[i];
      }
    }
    slots = new int[(int) total];
    long[] current = new long[n];
    for (int s = 0; s < total; s++) {
      int best = 0;
      for (int i = 0; i < n; i++) {
        current[i] += weight[i];
        if (current[i] > current[best]) best = i;
      }
      current[best] -= total;
      slots[s] = best;
    }
  }

  int leader(long round) {
    return slots[(int) Math.floorMod(round, (long) slots.length)];
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
