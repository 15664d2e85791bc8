package io.levity.node.runtime;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.execution.state.TrieWorldState;
import io.levity.node.mempool.AccountReader;
import io.levity.node.store.RocksDbBlockStore;
import io.levity.trie.KeyValueStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mempool's view of accounts at one state root: each account is read from the state trie once
 * (every transaction a sender submits asks for its nonce and balance); the node hands the mempool a
 * new view after each block, with the block's senders already filled in. Safe from any thread:
 * misses read through one trie view of the fixed root, one at a time, so its upper nodes are
 * decoded once.
 */
final class HeadAccounts implements AccountReader {
  private record Account(long nonce, UInt256 balance) {}

  private final KeyValueStore store;
  private final Bytes32 root;
  private final Map<Address, Account> accounts = new ConcurrentHashMap<>();

  HeadAccounts(KeyValueStore store, Bytes32 root) {
    this.store = store;
    this.root = root;
  }

  /** The accounts at the stored head's state root. */
  static HeadAccounts at(RocksDbBlockStore chain) {
    return new HeadAccounts(chain.keyValueStore(), chain.head().orElseThrow().stateRoot());
  }

  /** One trie view for every miss (not thread-safe: misses take turns). */
  private TrieWorldState view;

  /**
   * Records an account's values at this root, known to the caller already (the block importer's
   * state after the block): its senders are the accounts the mempool asks about next.
   */
  void prefill(Address a, long nonce, UInt256 balance) {
    accounts.put(a, new Account(nonce, balance));
  }

  private Account get(Address a) {
    Account known = accounts.get(a);
    return known != null ? known : accounts.computeIfAbsent(a, this::read);
  }

  private synchronized Account read(Address a) {
    if (view == null) view = TrieWorldState.open(store, root);
    return new Account(view.nonce(a), view.balance(a));
  }

  @Override
  public long nonce(Address address) {
    return get(address).nonce();
  }

  @Override
  public UInt256 balance(Address address) {
    return get(address).balance();
  }
}
