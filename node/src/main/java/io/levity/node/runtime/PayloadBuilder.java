package io.levity.node.runtime;

import io.levity.consensus.engine.PendingBlockStore;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.FeeMarket;
import io.levity.node.mempool.Mempool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a leader proposes: the mempool's best transactions that no uncommitted ancestor of the new
 * block carries already (they would only fail their nonce check again and waste the block), with
 * the wall-clock second and the fee recipient. Also tells the pacing whether there is work:
 * transactions waiting, or uncommitted ancestors that carry transactions and need the next
 * certificates to commit. Used from the consensus thread only.
 */
final class PayloadBuilder {
  private static final int MAX_TXS_PER_BLOCK = 5_000;

  /** The transactions of the uncommitted blocks from a parent down to the committed tip. */
  record InFlight(Set<Bytes32> hashes) {
    boolean ancestorsCarryTransactions() {
      return !hashes.isEmpty();
    }
  }

  private final Mempool mempool;
  private final PendingBlockStore pending;
  private final Address feeRecipient;

  /** Transaction hashes per consensus block id, so a pending block's payload is hashed once. */
  private final Map<Bytes32, List<Bytes32>> payloadHashes =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Bytes32, List<Bytes32>> e) {
          return size() > 64;
        }
      };

  PayloadBuilder(Mempool mempool, PendingBlockStore pending, Address feeRecipient) {
    this.mempool = mempool;
    this.pending = pending;
    this.feeRecipient = feeRecipient;
  }

  InFlight inFlight(Bytes32 parentId) {
    Map<Bytes32, ConsensusBlock> byId = new HashMap<>();
    for (ConsensusBlock b : pending.load()) byId.put(b.id(), b);
    Set<Bytes32> hashes = new HashSet<>();
    Bytes32 id = parentId;
    ConsensusBlock b;
    while ((b = byId.get(id)) != null) {
      ConsensusBlock block = b;
      hashes.addAll(payloadHashes.computeIfAbsent(block.id(), k -> transactionHashes(block)));
      id = block.parentId();
    }
    return new InFlight(hashes);
  }

  /**
   * Whether the leader should propose early: something waits that no ancestor carries, or an
   * ancestor must commit.
   */
  boolean hasWork(InFlight inFlight) {
    return inFlight.ancestorsCarryTransactions() || mempool.size() > inFlight.hashes().size();
  }

  Payload build(BlockHeader head, InFlight inFlight, long nowSeconds) {
    List<Bytes> txs = new ArrayList<>();
    for (Mempool.Entry e :
        mempool.select(
            FeeMarket.nextBaseFee(head), head.gasLimit(), MAX_TXS_PER_BLOCK, inFlight.hashes())) {
      txs.add(Bytes.wrap(e.transaction().encode()));
    }
    return new Payload(nowSeconds, feeRecipient, txs);
  }

  private static List<Bytes32> transactionHashes(ConsensusBlock b) {
    try {
      List<Bytes32> out = new ArrayList<>();
      for (Bytes raw : Payload.decode(b.payload()).transactions())
        out.add(Keccak.hash(raw.toArray()));
      return out;
    } catch (RuntimeException e) { // a malformed payload carries nothing
      return List.of();
    }
  }
}
