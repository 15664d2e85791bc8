package io.levity.node.dev;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.state.TrieWorldState;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.node.api.ChainView;
import io.levity.node.mempool.MempoolException;
import io.levity.node.store.ChainReader;
import java.util.Optional;

/**
 * The eth_* methods' view of a {@link DevChain}: "latest" state is the edited state, and a
 * submitted transaction goes through the dev chain (mined at once under automine).
 */
final class DevChainView implements ChainView {
  private final long chainId;
  private final DevChain chain;

  DevChainView(long chainId, DevChain chain) {
    this.chainId = chainId;
    this.chain = chain;
  }

  @Override
  public long chainId() {
    return chainId;
  }

  @Override
  public BlockHeader head() {
    return chain.head();
  }

  @Override
  public ChainReader blocks() {
    return chain.store();
  }

  @Override
  public TrieWorldState stateAt(BlockHeader header) {
    return chain.stateAt(header);
  }

  @Override
  public TrieWorldState stateBefore(BlockHeader header, BlockHeader parent) {
    return chain
        .builtOnEdited(header.hash())
        .map(root -> TrieWorldState.open(chain.store().keyValueStore(), root))
        .orElseGet(() -> stateAt(parent));
  }

  @Override
  public Optional<ValidatedTransaction> pendingTransaction(Bytes32 hash) {
    return chain.mempool().get(hash).map(e -> e.tx());
  }

  @Override
  public long pendingNonce(Address sender) {
    return chain.mempool().pendingNonce(sender);
  }

  @Override
  public void submit(ValidatedTransaction tx, int encodedSize) throws MempoolException {
    chain.submit(tx, encodedSize);
  }

  @Override
  public int peerCount() {
    return 0;
  }
}
