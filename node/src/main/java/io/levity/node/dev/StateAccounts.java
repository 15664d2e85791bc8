package io.levity.node.dev;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.execution.state.TrieWorldState;
import io.levity.node.mempool.AccountReader;
import io.levity.trie.KeyValueStore;

/** The mempool's view of accounts at one state root, read through one trie view. */
final class StateAccounts implements AccountReader {
  private final TrieWorldState view;

  StateAccounts(KeyValueStore store, Bytes32 root) {
    this.view = TrieWorldState.open(store, root);
  }

  @Override
  public synchronized long nonce(Address address) {
    return view.nonce(address);
  }

  @Override
  public synchronized UInt256 balance(Address address) {
    return view.balance(address);
  }
}
