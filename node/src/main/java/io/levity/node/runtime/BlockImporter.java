package io.levity.node.runtime;

import io.levity.consensus.engine.Event;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.core.bytes.Bytes32;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockHeader;
import io.levity.node.store.ConsensusStore;
import io.levity.node.store.RocksDbBlockStore;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the chain: executes a committed consensus block's payload ({@link
 * ChainExecutor}) and stores the block with its consensus ledger entry in one batch, then tells the
 * listener (the node gives the mempool the new state and publishes the head and logs). Both
 * consensus commits and block sync import through here, on the consensus thread.
 */
final class BlockImporter {
  private static final Logger LOG = LoggerFactory.getLogger(BlockImporter.class);

  private final RocksDbBlockStore store;
  private final ConsensusStore ledger;
  private final ChainExecutor executor;
  private final Consumer<Block> stored;
  private final String name;

  /** An importer into {@code store}; {@code stored} hears of each block once it is stored. */
  BlockImporter(
      RocksDbBlockStore store,
      ConsensusStore ledger,
      long chainId,
      Consumer<Block> stored,
      String name) {
    this.store = store;
    this.ledger = ledger;
    this.executor = new ChainExecutor(store, chainId);
    this.stored = stored;
    this.name = name;
  }

  /** The mempool's view of the head after the last import (see ChainExecutor#headAccounts). */
  HeadAccounts headAccounts() {
    return executor.headAccounts();
  }

  BlockHeader head() {
    return store.head().orElseThrow();
  }

  /** The consensus id of the head block; empty at genesis, which consensus does not store. */
  Optional<Bytes32> headId() {
    long h = head().number();
    return h == 0 ? Optional.empty() : Optional.of(ledger.idAt(h).orElseThrow());
  }

  /** What a (re)started engine is told first: the head's state root; empty at genesis. */
  Optional<Event.BlockExecuted> headExecuted() {
    BlockHeader h = head();
    return headId().map(id -> new Event.BlockExecuted(id, h.number(), h.stateRoot()));
  }

  /**
   * Executes and stores the committed block right above the head; throws when it is not the next
   * one or cannot be executed or stored (the node cannot go on safely then).
   */
  Block importCommitted(ConsensusBlock cb, QuorumCert proof) {
    long headNumber = head().number();
    if (cb.height() != headNumber + 1) {
      throw new IllegalStateException(
          "consensus committed height " + cb.height() + " but the chain head is " + headNumber);
    }
    Payload payload;
    try {
      payload = Payload.decode(cb.payload());
    } catch (RuntimeException e) {
      // A certified but malformed payload: every node executes it as empty.
      LOG.warn(
          "{}: committed payload at height {} is malformed: {}", name, cb.height(), e.getMessage());
      payload = Payload.EMPTY;
    }
    Block b =
        executor
            .executeAndStore(payload, cb.id(), batch -> ledger.ledgerEntry(batch, cb, proof))
            .block();
    stored.accept(b);
    LOG.debug(
        "{}: block {} {} txs={} root={}",
        name,
        b.number(),
        b.hash(),
        b.transactions().size(),
        b.header().stateRoot());
    return b;
  }
}
