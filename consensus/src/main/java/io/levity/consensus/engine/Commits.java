package io.levity.consensus.engine;

import io.levity.consensus.engine.Action.Alarm;
import io.levity.consensus.types.BlockRef;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.VoteData;
import io.levity.core.bytes.Bytes32;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The commit rule (two-chain: a QC for a block whose parent is from the previous round commits that
 * parent), committing in height order without gaps, fetching the blocks certificates name, and
 * catching commit certificates that conflict with the ledger. It reads and moves the block tree
 * through {@link Blocks}, reads what is already committed from the {@link LedgerView} and reports
 * through the {@link Outbox}.
 */
final class Commits {
  private static final int MAX_REPORTED_CONFLICTS = 64;

  /** A QC whose parent is committable, and the validator it came from (asked first for blocks). */
  private record Candidate(QuorumCert qc, int from) {}

  private final Blocks blocks;
  private final LedgerView ledger;
  private final Outbox out;
  private final Set<Bytes32> reportedConflicts = new LinkedHashSet<>();

  /**
   * The highest QC whose parent is committable (parent round + 1 == its round) and above the
   * committed height; null when there is none.
   */
  private Candidate candidate;

  Commits(Blocks blocks, LedgerView ledger, Outbox out) {
    this.blocks = blocks;
    this.ledger = ledger;
    this.out = out;
  }

  /**
   * A QC from {@code from}: fetches its block if missing; notes it when it commits its parent, or
   * raises an alarm if that parent contradicts our ledger.
   */
  void certified(QuorumCert qc, int from) {
    noteCertificate(qc, from);
    blocks.wantCertified(qc.data(), from);
  }

  private void noteCertificate(QuorumCert qc, int from) {
    VoteData d = qc.data();
    if (!d.commitsParent()) return;
    long h = d.height() - 1;
    BlockRef root = blocks.root();
    if (h > root.height()) {
      if (candidate == null || qc.round() > candidate.qc().round())
        candidate = new Candidate(qc, from);
      return;
    }
    Optional<Bytes32> mine = h == root.height() ? Optional.of(root.id()) : ledger.idAt(h);
    if (mine.isPresent()
        && !mine.get().equals(d.parentId())
        && reportedConflicts.add(d.parentId())) {
      if (reportedConflicts.size() > MAX_REPORTED_CONFLICTS)
        reportedConflicts.remove(reportedConflicts.iterator().next());
      out.alarm(
          Alarm.Kind.CONFLICTING_COMMIT,
          "commit certificate for "
              + d.parentId()
              + " at height "
              + h
              + " conflicts with committed "
              + mine.get());
    }
  }

  /**
   * Commits the path up to the parent of the noted commit certificate when every block of it is
   * here; otherwise fetches the missing parent and tries again when blocks arrive.
   */
  void tryCommit() {
    if (candidate == null) return;
    VoteData d = candidate.qc().data();
    if (d.height() - 1 <= blocks.root().height()) {
      candidate = null;
      return;
    }
    List<ConsensusBlock> path = blocks.pathFromRoot(d.parentId());
    if (path.isEmpty()) {
      blocks.wantParent(d, candidate.from());
      return;
    }
    for (ConsensusBlock b : path) {
      out.add(new Action.Commit(b, candidate.qc()));
      out.count(EngineStats.Counter.BLOCKS_COMMITTED);
    }
    blocks.commit(path.get(path.size() - 1));
    candidate = null;
  }
}
