package io.levity.node.runtime;

import io.levity.consensus.engine.Event;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.core.bytes.Bytes32;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockHeader;
import io.levity.node.api.EthJson;
import io.levity.node.mempool.Mempool;
import io.levity.node.rpc.SubscriptionHub;
import io.levity.node.store.BlockStore;
import io.levity.node.store.ConsensusStore;
import io.levity.node.store.RocksDbBlockStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the chain: executes a committed consensus block's payload ({@link
 * ChainExecutor}) and stores the block with its consensus ledger entry in one batch, then gives the
 * mempool the new state and publishes the head and logs to subscribers. Both consensus commits and
 * block sync import through here, on the consensus thread.
 */
final class BlockImporter {
  private static final Logger LOG = LoggerFactory.getLogger(BlockImporter.class);

  private final RocksDbBlockStore store;
  private final ConsensusStore ledger;
  private final ChainExecutor executor;
  private final Mempool mempool;
  private final SubscriptionHub hub;
  private final String name;

  BlockImporter(
      RocksDbBlockStore store,
      ConsensusStore ledger,
      Mempool mempool,
      SubscriptionHub hub,
      long chainId,
      String name) {
    this.store = store;
    this.ledger = ledger;
    this.executor = new ChainExecutor(store, chainId);
    this.mempool = mempool;
    this.hub = hub;
    this.name = name;
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
    mempool.onNewState(HeadAccounts.at(store), b.header().gasLimit());
    hub.publishHead(EthJson.head(b));
    for (BlockStore.IndexedLog l : store.logs(b.hash())) hub.publishLog(EthJson.log(l));
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
