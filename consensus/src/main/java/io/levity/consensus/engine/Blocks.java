package io.levity.consensus.engine;

import io.levity.consensus.message.ConsensusMessage.BlockRequest;
import io.levity.consensus.message.ConsensusMessage.BlockResponse;
import io.levity.consensus.types.BlockRef;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.VoteData;
import io.levity.core.bytes.Bytes32;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The blocks one engine holds and how it gets the ones it lacks: the tree of uncommitted blocks
 * above the last commit (saved durably before they enter), the orphans waiting for an ancestor, the
 * requests for missing blocks by hash, and the answers to other validators' requests.
 */
final class Blocks {
  private static final int MAX_RESPONSE_BYTES = 4 << 20;

  private final EngineContext ctx;
  private final PendingBlockStore store;
  private final LedgerView ledger;
  private final BlockTree tree;
  private final BlockSync sync;

  /** The round the engine is in, which paces re-sent requests. */
  private long round;

  /**
   * Blocks above {@code root}, saved in {@code store}; committed ones are served from {@code
   * ledger}.
   */
  Blocks(EngineContext ctx, BlockRef root, PendingBlockStore store, LedgerView ledger) {
    this.ctx = ctx;
    this.store = store;
    this.ledger = ledger;
    this.tree = new BlockTree(root);
    this.sync = new BlockSync(ctx);
  }

  /**
   * Takes back the saved uncommitted blocks that still connect; forgets those committed since or on
   * a branch that lost.
   */
  void restoreSaved() {
    List<ConsensusBlock> saved = new ArrayList<>(store.load());
    saved.sort(Comparator.comparingLong(ConsensusBlock::height));
    List<Bytes32> stale = new ArrayList<>();
    for (ConsensusBlock b : saved) {
      if (tree.connects(b)) tree.insert(b);
      else stale.add(b.id());
    }
    if (!stale.isEmpty()) store.discard(stale);
  }

  BlockRef root() {
    return tree.root();
  }

  boolean inTree(Bytes32 id) {
    return tree.has(id);
  }

  /** In the tree or waiting there as an orphan. */
  boolean known(Bytes32 id) {
    return tree.has(id) || sync.hasOrphan(id);
  }

  boolean isWanted(Bytes32 id) {
    return sync.isWanted(id);
  }

  boolean connects(ConsensusBlock b) {
    return tree.connects(b);
  }

  List<ConsensusBlock> pathFromRoot(Bytes32 id) {
    return tree.pathFromRoot(id);
  }

  void addOrphan(ConsensusBlock b) {
    sync.addOrphan(b);
  }

  /**
   * Inserts a block that connects, then every orphan waiting on it, each saved durably before it
   * enters (so before any vote for it or a descendant leaves); tells {@code inserted} of each.
   */
  void insertChain(ConsensusBlock first, Consumer<ConsensusBlock> inserted) {
    ArrayDeque<ConsensusBlock> work = new ArrayDeque<>();
    work.add(first);
    while (!work.isEmpty()) {
      ConsensusBlock b = work.poll();
      if (!tree.connects(b)) continue;
      store.save(b);
      tree.insert(b);
      inserted.accept(b);
      work.addAll(sync.takeChildren(b.id()));
    }
  }

  /** Asks {@code hint} (or the next peer) for block {@code id} at {@code height}. */
  void want(Bytes32 id, long height, int hint) {
    sync.want(id, height, hint, round).ifPresent(this::sendRequest);
  }

  /** Fetches the block a certificate from {@code from} names, unless it is here or committed. */
  void wantCertified(VoteData d, int from) {
    if (d.height() <= tree.root().height() || known(d.blockId())) return;
    if (from == ctx.self())
      return; // a QC we formed from votes: the proposal itself is probably on its way
    want(d.blockId(), d.height(), from);
  }

  /** Fetches the parent of the certified block {@code d}: from {@code hint}, or its proposer. */
  void wantParent(VoteData d, int hint) {
    int peer = hint != ctx.self() ? hint : ctx.validators().leader(d.parentRound());
    want(d.parentId(), d.height() - 1, peer);
  }

  /** The engine entered round {@code r}: re-sends the requests unanswered for two rounds. */
  void enteredRound(long r) {
    round = r;
    retry(false);
  }

  /** The round timed out: re-sends every unanswered request, each to the next peer. */
  void roundTimedOut() {
    retry(true);
  }

  private void retry(boolean all) {
    for (Action.Send s : sync.retry(round, all)) sendRequest(s);
  }

  /** Answers a request with the block and its ancestors, newest first; empty if not here. */
  void serve(int from, BlockRequest r) {
    List<ConsensusBlock> blocks = new ArrayList<>();
    int bytes = 0;
    Bytes32 id = r.blockId();
    while (blocks.size() < r.maxBlocks()) {
      Optional<ConsensusBlock> b = tree.get(id);
      if (b.isEmpty()) b = ledger.block(id);
      if (b.isEmpty()) break;
      bytes += b.get().encoding().length;
      if (bytes > MAX_RESPONSE_BYTES && !blocks.isEmpty()) break;
      blocks.add(b.get());
      id = b.get().parentId();
    }
    ctx.out().send(from, new BlockResponse(r.blockId(), blocks)); // empty: "ask someone else"
  }

  /**
   * Takes in an answer to one of our requests. Returns the oldest fetched block when it connects
   * (the caller inserts it, and the orphans above it follow); otherwise keeps the blocks as orphans
   * and asks for what is still missing below them.
   */
  Optional<ConsensusBlock> onResponse(int from, BlockResponse r) {
    if (r.blocks().isEmpty()) {
      sync.declined(r.blockId(), from, round).ifPresent(this::sendRequest);
      return Optional.empty();
    }
    Optional<List<ConsensusBlock>> accepted = sync.accept(r, ctx.validators().epoch());
    if (accepted.isEmpty()) {
      ctx.out().reject(Reject.UNSOLICITED);
      return Optional.empty();
    }
    List<ConsensusBlock> chain = accepted.get();
    int i = 0;
    while (i < chain.size() && chain.get(i).height() <= tree.root().height()) i++;
    if (i == chain.size()) return Optional.empty();
    ConsensusBlock oldest = chain.get(i);
    for (int j = chain.size() - 1; j > i; j--) sync.addOrphan(chain.get(j));
    if (tree.connects(oldest)) return Optional.of(oldest);
    if (oldest.height() - 1 > tree.root().height()) {
      sync.addOrphan(oldest);
      want(oldest.parentId(), oldest.height() - 1, from);
    }
    return Optional.empty();
  }

  /**
   * Makes {@code newRoot} the root: drops the forks that can no longer commit, here and in the
   * store, and the orphans and requests at or below it.
   */
  void commit(ConsensusBlock newRoot) {
    List<Bytes32> dropped = tree.commit(newRoot);
    if (!dropped.isEmpty()) store.discard(dropped);
    sync.pruneAtOrBelow(newRoot.height());
  }

  private void sendRequest(Action.Send s) {
    ctx.out().count(EngineStats.Counter.SYNC_REQUESTS_SENT);
    ctx.out().add(s);
  }
}
