package io.levity.node.runtime;

import io.levity.consensus.engine.CommitVerifier;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.node.store.ConsensusStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two halves of block sync that touch no socket: cutting a batch of committed ledger entries to
 * serve, and deciding how much of a received batch is proven committed. See docs/node.md ("Block
 * sync").
 */
final class SyncBatches {
  /** Blocks asked for per request, and served per batch before extending to the top of a commit. */
  static final int BATCH = 64;

  private static final int EXTRA = 32;
  private static final int BYTES = 8 << 20;
  private static final int MAX_BYTES = 14 << 20;

  private SyncBatches() {}

  /**
   * Ledger entries from {@code fromHeight} on, at most {@code min(max, BATCH)} and about 8 MiB,
   * then extended (by at most 32 blocks and to 14 MiB) to the top of a commit, a block whose stored
   * proof names itself, so that the receiver can verify the batch; cut back to the last such top
   * when none is reached.
   */
  static List<Bytes> serve(ConsensusStore ledger, long fromHeight, int max) {
    List<Bytes> out = new ArrayList<>();
    long h = Math.max(1, fromHeight);
    int limit = Math.min(max, BATCH);
    long bytes = 0;
    int lastTop = -1;
    while (true) {
      Optional<ConsensusStore.Entry> e = ledger.entry(h);
      if (e.isEmpty()) break;
      byte[] raw = e.get().encode();
      boolean extending = out.size() >= limit || bytes >= BYTES;
      if (extending
          && (lastTop == out.size() - 1
              || out.size() >= limit + EXTRA
              || bytes + raw.length > MAX_BYTES)) {
        break;
      }
      out.add(Bytes.wrap(raw));
      bytes += raw.length;
      if (isCommitTop(e.get())) lastTop = out.size() - 1;
      h++;
    }
    return lastTop >= 0 ? new ArrayList<>(out.subList(0, lastTop + 1)) : out;
  }

  /** How much of a batch can be imported: entries {@code [0, count)}, or why none can. */
  record Verified(int count, Optional<String> refused) {}

  /**
   * Checks a batch against the receiver's committed tip: the blocks must follow it without gaps,
   * each naming the previous as parent, and the batch must reach a block whose certificate commits
   * it (verified signatures); every block up to the last such one is then committed, since
   * ancestors of a committed block are.
   */
  static Verified verify(
      CommitVerifier verifier, Bytes32 tipId, long tipHeight, List<ConsensusStore.Entry> entries) {
    if (entries.isEmpty()) return new Verified(0, Optional.of("empty batch"));
    List<ConsensusBlock> chain = new ArrayList<>(entries.size());
    for (ConsensusStore.Entry e : entries) chain.add(e.block());
    Optional<String> broken = verifier.linked(tipId, tipHeight, chain);
    if (broken.isPresent()) return new Verified(0, broken);
    for (int i = entries.size() - 1; i >= 0; i--) {
      ConsensusStore.Entry e = entries.get(i);
      if (!isCommitTop(e)) continue;
      if (!verifier.commits(e.proof(), e.block())) {
        return new Verified(
            0,
            Optional.of("the commit certificate of block " + e.block().id() + " does not verify"));
      }
      return new Verified(i + 1, Optional.empty());
    }
    return new Verified(0, Optional.of("no block in the batch comes with its commit proof"));
  }

  private static boolean isCommitTop(ConsensusStore.Entry e) {
    return e.proof().data().parentId().equals(e.block().id());
  }
}
