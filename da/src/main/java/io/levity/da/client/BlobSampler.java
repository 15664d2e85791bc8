package io.levity.da.client;

import io.levity.da.encoding.BlobHeader;
import io.levity.da.encoding.BlobLayout;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import io.levity.da.quorum.Assignment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Availability sampling in rounds: each piece's cells are drawn in a random order; the first round
 * asks for {@code n} of each, and every piece whose confidence is still under the target asks for
 * twice as many next round, until it reaches the target or has drawn all 128. When every node is up
 * a few samples suffice (16 give 0.99998); with a third of the nodes down about 80 per piece are
 * needed for 0.99, and the rounds find that out rather than failing; a withheld blob draws
 * everything and stays under.
 */
final class BlobSampler {
  /** Fetches cells, grouped by holder, returning those that came back with a valid proof. */
  @FunctionalInterface
  interface Fetch {
    Set<CellId> fetch(Map<Integer, List<CellId>> byHolder) throws InterruptedException;
  }

  private BlobSampler() {}

  static SampleOutcome sample(
      BlobHeader header,
      Assignment assignment,
      int first,
      double target,
      RandomGenerator random,
      Fetch fetch,
      Map<Integer, String> reported)
      throws InterruptedException {
    int pieces = header.pieceCount();
    int[][] order = new int[pieces][];
    for (int p = 0; p < pieces; p++) order[p] = shuffled(random);
    int[] drawn = new int[pieces];
    int[] back = new int[pieces];
    int[] want = new int[pieces];
    Arrays.fill(want, first);
    Set<CellId> ok = new HashSet<>();
    List<String> failed = new ArrayList<>();
    while (true) {
      Map<Integer, List<CellId>> byHolder = new TreeMap<>();
      List<CellId> asked = new ArrayList<>();
      for (int p = 0; p < pieces; p++) {
        for (int i = drawn[p]; i < want[p]; i++) {
          CellId c = new CellId(p, order[p][i]);
          asked.add(c);
          byHolder.computeIfAbsent(assignment.holder(c).index(), k -> new ArrayList<>()).add(c);
        }
        drawn[p] = Math.max(drawn[p], want[p]);
      }
      if (asked.isEmpty()) break;
      Set<CellId> got = fetch.fetch(byHolder);
      for (CellId c : asked) {
        if (got.contains(c)) {
          ok.add(c);
          back[c.piece()]++;
        } else failed.add(c.toString());
      }
      boolean more = false;
      for (int p = 0; p < pieces; p++) {
        if (Sampling.confidence(drawn[p], back[p]) < target
            && drawn[p] < BlobLayout.CELLS_PER_PIECE) {
          want[p] = Math.min(BlobLayout.CELLS_PER_PIECE, drawn[p] * 2);
          more = true;
        }
      }
      if (!more) break;
    }
    failed.sort(null);
    double worst = 0;
    int most = 0;
    for (int p = 0; p < pieces; p++) {
      worst = Math.max(worst, Sampling.tail(drawn[p], back[p]));
      most = Math.max(most, drawn[p]);
    }
    return new SampleOutcome(
        pieces, first, most, ok.size(), failed, 1.0 - worst, target, new TreeMap<>(reported));
  }

  private static int[] shuffled(RandomGenerator random) {
    int[] a = new int[BlobLayout.CELLS_PER_PIECE];
    for (int i = 0; i < a.length; i++) a[i] = i;
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  static Set<CellId> ids(List<Cell> cells) {
    Set<CellId> s = new HashSet<>();
    for (Cell c : cells) s.add(c.id());
    return s;
  }
}
