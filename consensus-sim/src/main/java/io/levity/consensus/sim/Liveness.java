package io.levity.consensus.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The liveness judge's record: how far the honest nodes have got, when the network stabilised
 * (GST), and which honest nodes have since committed a block proposed after it. The run decides
 * from it when to stabilise, when to stop, and whether commits resumed in time.
 */
final class Liveness {
  /** The network stabilised at {@code time} ms, the honest nodes being at most in {@code round}. */
  record Gst(long round, long time) {}

  private final boolean[] honest;
  private final long[] resumedAtRound;
  private int resumed;
  private long maxHonestRound;
  private Optional<Gst> gst = Optional.empty();

  Liveness(boolean[] honest) {
    this.honest = honest.clone();
    this.resumedAtRound = new long[honest.length];
    Arrays.fill(resumedAtRound, -1);
  }

  /** An honest node is in {@code round}. */
  void noteRound(long round) {
    if (round > maxHonestRound) maxHonestRound = round;
  }

  /** The highest round an honest node has reached. */
  long maxHonestRound() {
    return maxHonestRound;
  }

  /** The network stabilised at {@code time}. */
  void onGst(long time) {
    gst = Optional.of(new Gst(maxHonestRound, time));
  }

  /** Empty before GST. */
  Optional<Gst> gst() {
    return gst;
  }

  /** An honest node committed {@code blockRound}'s block. */
  void onCommit(int node, long blockRound) {
    if (gst.isPresent() && blockRound > gst.get().round() && resumedAtRound[node] < 0) {
      resumedAtRound[node] = maxHonestRound;
      resumed++;
    }
  }

  /** True once every honest node committed a block proposed after GST. */
  boolean allResumed() {
    int honestCount = 0;
    for (boolean h : honest) if (h) honestCount++;
    return resumed == honestCount;
  }

  /** Rounds from GST until the last honest node resumed committing; -1 if one never did. */
  long resumedWithinRounds() {
    if (!allResumed()) return -1;
    long m = -1;
    for (int i = 0; i < honest.length; i++) if (honest[i]) m = Math.max(m, resumedAtRound[i]);
    return m - gst.orElseThrow().round();
  }

  /** The honest nodes that have not committed a block proposed after GST. */
  List<Integer> notResumed() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < honest.length; i++) if (honest[i] && resumedAtRound[i] < 0) out.add(i);
    return out;
  }
}
