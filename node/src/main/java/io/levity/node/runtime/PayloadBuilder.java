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
 * the wall-clock second and the fee recipient, within the engine's payload size limit (what does
 * not fit waits for the next block; a transaction that can never fit never holds up the others).
 * Also tells the pacing whether there is work: a transaction that could go into the next block, or
 * uncommitted ancestors that carry transactions and need the next certificates to commit. Used from
 * the consensus thread only.
 */
final class PayloadBuilder {
  private static final int MAX_TXS_PER_BLOCK = 5_000;

  /**
   * The most the payload's RLP adds around its transactions: the outer and inner list headers (5
   * bytes each below 4 GiB), the timestamp (9) and the coinbase (21).
   */
  static final int ENVELOPE_BYTES = 5 + 9 + 21 + 5;

  /** The most the RLP string header of one transaction adds (below 4 GiB). */
  private static final int TX_HEADER_BYTES = 5;

  /** The transactions of the uncommitted blocks from a parent down to the committed tip. */
  record InFlight(Set<Bytes32> hashes) {
    boolean ancestorsCarryTransactions() {
      return !hashes.isEmpty();
    }
  }

  private final Mempool mempool;
  private final PendingBlockStore pending;
  private final Address feeRecipient;

  /** Bytes the transactions of one payload may take, with their RLP headers. */
  private final long transactionBytes;

  /** Transaction hashes per consensus block id, so a pending block's payload is hashed once. */
  private final Map<Bytes32, List<Bytes32>> payloadHashes =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Bytes32, List<Bytes32>> e) {
          return size() > 64;
        }
      };

  /** {@code maxPayloadBytes}: the engine's limit on an encoded payload. */
  PayloadBuilder(
      Mempool mempool, PendingBlockStore pending, Address feeRecipient, int maxPayloadBytes) {
    if (maxPayloadBytes < ENVELOPE_BYTES + TX_HEADER_BYTES)
      throw new IllegalArgumentException("payload limit too small: " + maxPayloadBytes);
    this.mempool = mempool;
    this.pending = pending;
    this.feeRecipient = feeRecipient;
    this.transactionBytes = (long) maxPayloadBytes - ENVELOPE_BYTES;
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
   * Whether the leader should propose early: a transaction that no ancestor carries could go into
   * the next block (its sender's next nonce at the head, a fee cap at least the base fee, room in
   * gas and bytes), or an ancestor must commit. A transaction that can never be included (a nonce
   * gap, a fee cap below the base fee, too large) is no reason: the chain keeps its idle pace.
   */
  boolean hasWork(BlockHeader head, InFlight inFlight) {
    return inFlight.ancestorsCarryTransactions() || !pick(head, inFlight, 1).isEmpty();
  }

  /**
   * The payload of the next block: the mempool's pick, then exactly what fits the byte limit with
   * the RLP headers counted. A sender whose transaction is left out has its later ones left out
   * too, so no nonce gap enters a block.
   */
  Payload build(BlockHeader head, InFlight inFlight, long nowSeconds) {
    List<Bytes> txs = new ArrayList<>();
    Set<Address> heldBack = new HashSet<>();
    long left = transactionBytes;
    for (Mempool.Entry e : pick(head, inFlight, MAX_TXS_PER_BLOCK)) {
      byte[] raw = e.transaction().encode();
      long cost = rlpStringBytes(raw.length);
      if (cost > left || heldBack.contains(e.sender())) {
        heldBack.add(e.sender());
        continue;
      }
      txs.add(Bytes.wrap(raw));
      left -= cost;
    }
    return new Payload(nowSeconds, feeRecipient, txs);
  }

  /**
   * The mempool's best includable transactions; each counts its encoded size, so the budget keeps
   * room for the largest RLP header: whatever it picks alone fits a payload.
   */
  private List<Mempool.Entry> pick(BlockHeader head, InFlight inFlight, int max) {
    return mempool.select(
        FeeMarket.nextBaseFee(head),
        head.gasLimit(),
        max,
        transactionBytes - TX_HEADER_BYTES,
        inFlight.hashes());
  }

  /** The length of a byte string of {@code n} bytes in RLP (a raw transaction is never 1 byte). */
  static long rlpStringBytes(int n) {
    if (n < 56) return 1L + n;
    int lengthBytes = (Integer.SIZE - Integer.numberOfLeadingZeros(n) + 7) / 8;
    return 1L + lengthBytes + n;
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
