package io.levity.consensus.sim;

import io.levity.consensus.engine.Action.Alarm;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.rlp.RlpException;
import io.levity.core.rlp.RlpReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's judges, fed by the nodes as things happen. Safety: honest nodes never commit
 * different blocks at a height, each node's commits form one hash-linked chain (so chains are
 * prefixes of each other), no honest node sees a conflicting commit certificate, and no honest key
 * signs two different votes or proposals in a round (nor is caught doing so by another node's
 * equivocation evidence). Durability: a restarted node resumes from exactly its last commit.
 * Liveness: after GST every honest node commits a block proposed after GST within a bounded number
 * of rounds ({@link Liveness} keeps the record, the run judges it).
 */
final class Checkers {
  private static final int MAX_RECORDED = 20;
  private static final byte[] VOTE_TAG = "LEVITY-BFT-VOTE-V1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PROPOSAL_TAG =
      "LEVITY-BFT-PROPOSAL-V1".getBytes(StandardCharsets.US_ASCII);

  private final int n;
  private final boolean[] honest;
  private final List<Violation> violations = new ArrayList<>();
  private long violationCount;
  private final Map<Long, Bytes32> canonical = new HashMap<>();
  private final long[] height;
  private final Bytes32[] tip;
  private final List<Map<Long, Bytes>> votesSigned = new ArrayList<>();
  private final List<Map<Long, Bytes>> proposalsSigned = new ArrayList<>();
  private final Liveness liveness;
  private final long[] evidenceAgainst;
  private long maxCommittedHeight;

  Checkers(int n, boolean[] honest) {
    this.n = n;
    this.honest = honest.clone();
    this.height = new long[n];
    this.tip = new Bytes32[n];
    this.liveness = new Liveness(honest);
    this.evidenceAgainst = new long[n];
    for (int i = 0; i < n; i++) {
      votesSigned.add(new HashMap<>());
      proposalsSigned.add(new HashMap<>());
    }
  }

  void violate(Violation.Kind kind, String detail) {
    violationCount++;
    if (violations.size() < MAX_RECORDED) violations.add(new Violation(kind, detail));
  }

  void onCommit(int node, ConsensusBlock b) {
    if (!honest[node]) return;
    if (b.height() != height[node] + 1) {
      violate(
          Violation.Kind.DURABILITY,
          "node " + node + " committed height " + b.height() + " after " + height[node]);
    } else if (tip[node] != null && !b.parentId().equals(tip[node])) {
      violate(
          Violation.Kind.SAFETY,
          "node " + node + " committed " + b + " whose parent is not its tip " + tip[node]);
    }
    height[node] = b.height();
    tip[node] = b.id();
    Bytes32 prev = canonical.putIfAbsent(b.height(), b.id());
    if (prev != null && !prev.equals(b.id())) {
      violate(
          Violation.Kind.SAFETY,
          "node "
              + node
              + " committed "
              + b.id()
              + " at height "
              + b.height()
              + " where another honest node committed "
              + prev);
    }
    maxCommittedHeight = Math.max(maxCommittedHeight, b.height());
    liveness.onCommit(node, b.round());
  }

  void onAlarm(int node, Alarm a) {
    if (honest[node] && a.kind() == Alarm.Kind.CONFLICTING_COMMIT) {
      violate(Violation.Kind.CONFLICTING_COMMIT, "node " + node + ": " + a.detail());
    }
    if (!honest[node]) return;
    a.evidence()
        .ifPresent(
            e -> {
              evidenceAgainst[e.validator()]++;
              if (honest[e.validator()]) {
                violate(
                    Violation.Kind.EVIDENCE_AGAINST_HONEST,
                    "node " + node + " holds evidence against honest " + e.validator() + ": " + a);
              }
            });
  }

  /** Equivocation evidence honest nodes caught against validator {@code v}. */
  long evidenceAgainst(int v) {
    return evidenceAgainst[v];
  }

  /** Every message an honest key signs passes here (the simulator wraps the signer). */
  void onSign(int node, byte[] message) {
    if (!honest[node]) return;
    try {
      RlpReader r = new RlpReader(message);
      r.enterList();
      byte[] tag = r.readBytes();
      r.readLong(); // chain id
      if (Arrays.equals(tag, VOTE_TAG)) {
        int start = r.position();
        r.enterList();
        r.readLong();
        long round = r.readLong();
        Bytes data = Bytes.wrap(Arrays.copyOfRange(message, start, message.length));
        check(votesSigned.get(node), round, data, node, "votes");
      } else if (Arrays.equals(tag, PROPOSAL_TAG)) {
        r.readLong();
        long round = r.readLong();
        check(proposalsSigned.get(node), round, Bytes.wrap(r.readBytes()), node, "proposals");
      }
    } catch (RlpException e) {
      violate(
          Violation.Kind.HONEST_EQUIVOCATION,
          "node " + node + " signed a malformed message: " + e.getMessage());
    }
  }

  private void check(Map<Long, Bytes> signed, long round, Bytes what, int node, String kind) {
    Bytes prev = signed.putIfAbsent(round, what);
    if (prev != null && !prev.equals(what)) {
      violate(
          Violation.Kind.HONEST_EQUIVOCATION,
          "honest node " + node + " signed two different " + kind + " in round " + round);
    }
  }

  void onRestart(int node, long recoveredHeight, Bytes32 recoveredTip) {
    if (!honest[node]) return;
    if (recoveredHeight != height[node] || (height[node] > 0 && !recoveredTip.equals(tip[node]))) {
      violate(
          Violation.Kind.DURABILITY,
          "node "
              + node
              + " restarted at height "
              + recoveredHeight
              + " but had committed "
              + height[node]);
    }
  }

  /** The liveness judge, which also hears of every honest commit. */
  Liveness liveness() {
    return liveness;
  }

  long maxCommittedHeight() {
    return maxCommittedHeight;
  }

  long minHonestHeight() {
    long m = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) if (honest[i]) m = Math.min(m, height[i]);
    return m == Long.MAX_VALUE ? 0 : m;
  }

  List<Violation> violations() {
    return List.copyOf(violations);
  }

  long violationCount() {
    return violationCount;
  }
}
