package io.levity.consensus.engine;

import io.levity.consensus.engine.Action.Alarm;
import io.levity.consensus.message.ConsensusMessage.BlockRequest;
import io.levity.consensus.message.ConsensusMessage.BlockResponse;
import io.levity.consensus.types.BlockRef;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.VoteData;
import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The commit side of the engine: the two-chain rule, committing in height order, catching commit
 * certificates that conflict with the ledger, execution results, and serving and absorbing block
 * sync.
 */
final class Commits {
  private static final int MAX_REMEMBERED_ROOTS = 1_024;
  private static final int MAX_RESPONSE_BYTES = 4 << 20;

  private final Engine engine;

  /**
   * The highest QC whose parent is committable (parent round + 1 == its round) and above the
   * committed height.
   */
  private QuorumCert commitQc;

  private int commitHint;
  private final TreeMap<Long, Bytes32> executedRoots = new TreeMap<>();
  private final Set<Bytes32> reportedConflicts = new LinkedHashSet<>();
  private long execHeight;
  private Bytes32 execRoot = Bytes32.ZERO;

  Commits(Engine engine) {
    this.engine = engine;
  }

  /**
   * Two-chain rule: a QC for a block whose parent is from the previous round commits that parent.
   */
  void noteCertificate(QuorumCert qc, int from) {
    VoteData d = qc.data();
    if (!d.commitsParent()) return;
    long h = d.height() - 1;
    BlockRef root = engine.tree().root();
    if (h > root.height()) {
      if (commitQc == null || qc.round() > commitQc.round()) {
        commitQc = qc;
        commitHint = from;
      }
      return;
    }
    Optional<Bytes32> mine = h == root.height() ? Optional.of(root.id()) : engine.ledger().idAt(h);
    if (mine.isPresent()
        && !mine.get().equals(d.parentId())
        && reportedConflicts.add(d.parentId())) {
      if (reportedConflicts.size() > 64)
        reportedConflicts.remove(reportedConflicts.iterator().next());
      engine.alarm(
          Alarm.Kind.CONFLICTING_COMMIT,
          "commit certificate for "
              + d.parentId()
              + " at height "
              + h
              + " conflicts with committed "
              + mine.get());
    }
  }

  void tryCommit() {
    if (commitQc == null) return;
    VoteData d = commitQc.data();
    BlockTree tree = engine.tree();
    if (d.height() - 1 <= tree.root().height()) {
      commitQc = null;
      return;
    }
    List<ConsensusBlock> path = tree.pathFromRoot(d.parentId());
    if (path.isEmpty()) {
      int hint =
          commitHint != engine.self() ? commitHint : engine.validators().leader(d.parentRound());
      engine.want(d.parentId(), d.height() - 1, hint);
      return;
    }
    QuorumCert proof = commitQc;
    for (ConsensusBlock b : path) {
      engine.emit(new Action.Commit(b, proof));
      engine.stats().blocksCommitted++;
    }
    ConsensusBlock newRoot = path.get(path.size() - 1);
    List<Bytes32> dropped = tree.commit(newRoot);
    if (!dropped.isEmpty()) engine.blockStore().discard(dropped);
    engine.sync().pruneAtOrBelow(newRoot.height());
    commitQc = null;
  }

  void executed(Event.BlockExecuted x) {
    executedRoots.put(x.height(), x.stateRoot());
    while (executedRoots.size() > MAX_REMEMBERED_ROOTS) executedRoots.pollFirstEntry();
    if (x.height() > execHeight) {
      execHeight = x.height();
      execRoot = x.stateRoot();
    }
  }

  long execHeight() {
    return execHeight;
  }

  Bytes32 execRoot() {
    return execRoot;
  }

  /** A proposal's execution claim must match ours where we have executed that height. */
  boolean stateRootMatches(ConsensusBlock b) {
    if (b.execHeight() == 0) return b.execRoot().equals(Bytes32.ZERO);
    Bytes32 mine = executedRoots.get(b.execHeight());
    if (mine == null || mine.equals(b.execRoot())) return true;
    engine.alarm(
        Alarm.Kind.STATE_DIVERGENCE,
        "block "
            + b.id()
            + " claims state root "
            + b.execRoot()
            + " at height "
            + b.execHeight()
            + ", we have "
            + mine);
    return false;
  }

  void serve(int from, BlockRequest r) {
    List<ConsensusBlock> blocks = new ArrayList<>();
    int bytes = 0;
    Bytes32 id = r.blockId();
    while (blocks.size() < r.maxBlocks()) {
      Optional<ConsensusBlock> b = engine.tree().get(id);
      if (b.isEmpty()) b = engine.ledger().block(id);
      if (b.isEmpty()) break;
      bytes += b.get().encoding().length;
      if (bytes > MAX_RESPONSE_BYTES && !blocks.isEmpty()) break;
      blocks.add(b.get());
      id = b.get().parentId();
    }
    engine.sendTo(
        from, new BlockResponse(r.blockId(), blocks)); // empty: "not here, ask someone else"
  }

  void onResponse(int from, BlockResponse r) {
    if (r.blocks().isEmpty()) {
      engine.sync().declined(r.blockId(), from, engine.currentRound()).ifPresent(engine::sendSync);
      return;
    }
    Optional<List<ConsensusBlock>> accepted = engine.sync().accept(r, engine.validators().epoch());
    if (accepted.isEmpty()) {
      engine.reject(Reject.UNSOLICITED);
      return;
    }
    BlockTree tree = engine.tree();
    List<ConsensusBlock> chain = accepted.get();
    int i = 0;
    while (i < chain.size() && chain.get(i).height() <= tree.root().height()) i++;
    if (i == chain.size()) return;
    ConsensusBlock oldest = chain.get(i);
    for (int j = chain.size() - 1; j > i; j--) engine.sync().addOrphan(chain.get(j));
    if (tree.connects(oldest)) {
      engine.insertChain(oldest);
    } else if (oldest.height() - 1 > tree.root().height()) {
      engine.sync().addOrphan(oldest);
      engine.want(oldest.parentId(), oldest.height() - 1, from);
    }
  }
}
