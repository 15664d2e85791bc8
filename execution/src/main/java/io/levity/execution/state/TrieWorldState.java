package io.levity.execution.state;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpReader;
import io.levity.evm.JournaledWorld;
import io.levity.execution.block.WorldState;
import io.levity.trie.KeyValueStore;
import io.levity.trie.MerklePatriciaTrie;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The persistent world state: Ethereum's account trie (keyed by keccak(address), {@link
 * StateAccount} leaves), one storage trie per account (keyed by keccak(slot), {@code rlp(value)}
 * leaves) and a code store, all in one {@link KeyValueStore}. Trie nodes are stored under their
 * hash, code under {@code 'c' || codeHash}.
 *
 * <p>Accounts and slots are read from the tries on first use and cached. Changes are held in memory
 * with an undo journal for {@link #snapshot()}/{@link #revert(int)}; {@link #beginTransaction()}
 * starts a transaction (original storage, EIP-2200). {@link #stateRoot()} folds the changes into
 * the tries (ending the transaction) and {@link #commit(KeyValueStore.WriteBatch)} stages every new
 * trie node and code into one batch, so the state of a block lands atomically with whatever else
 * the caller writes; {@link #open} resumes at any committed root. The roots equal {@link
 * StateRoots}' for the same accounts. Not thread-safe.
 */
public final class TrieWorldState extends JournaledWorld<TrieWorldState.TrieAccount>
    implements WorldState {
  /** Key prefix of contract code in the store: {@code 'c' || keccak(code)}. */
  public static final byte CODE_PREFIX = 'c';

  /** An account with its storage root and the slots read and written since the last fold. */
  static final class TrieAccount extends JournaledWorld.Account {
    /** The root of the storage as of the last fold into the tries. */
    Bytes32 storageRoot = MerklePatriciaTrie.EMPTY_ROOT;

    /** The storage trie at storageRoot; null until needed. */
    MerklePatriciaTrie storageTrie;

    /**
     * Created since the last fold: the storage trie is not consulted (the account starts with no
     * storage).
     */
    boolean fresh;

    /** Slots written since the last fold; a zero value clears the slot. */
    final HashMap<UInt256, UInt256> pending = new HashMap<>();

    /** Values read from storageTrie. */
    final HashMap<UInt256, UInt256> cache = new HashMap<>();

    /** A new account, created since the last fold. */
    TrieAccount() {
      super(Fields.NEW);
      fresh = true;
    }

    /** An account read from the account trie; its code is loaded when first read. */
    TrieAccount(StateAccount s) {
      super(new Fields(s.nonce(), s.balance(), s.codeHash(), null));
      storageRoot = s.storageRoot();
    }
  }

  private final KeyValueStore store;
  private MerklePatriciaTrie accountTrie;

  /** Loaded accounts; a null value is an account known to be absent. */
  private final HashMap<Address, TrieAccount> accounts = new HashMap<>();

  private final Set<Address> dirty = new LinkedHashSet<>();
  private final HashMap<Bytes32, Bytes> newCode = new HashMap<>();
  private final List<MerklePatriciaTrie> uncommittedStorage = new ArrayList<>();

  private TrieWorldState(KeyValueStore store, MerklePatriciaTrie accountTrie) {
    this.store = store;
    this.accountTrie = accountTrie;
  }

  /** An empty state over a store. */
  public static TrieWorldState empty(KeyValueStore store) {
    return new TrieWorldState(
        Objects.requireNonNull(store, "store"), MerklePatriciaTrie.empty(store));
  }

  /**
   * The state committed at root.
   *
   * @throws io.levity.trie.MissingNodeException when the store does not hold that root
   */
  public static TrieWorldState open(KeyValueStore store, Bytes32 root) {
    return new TrieWorldState(
        Objects.requireNonNull(store, "store"), MerklePatriciaTrie.open(store, root));
  }

  public KeyValueStore store() {
    return store;
  }

  // ---- roots

  @Override
  public Bytes32 stateRoot() {
    fold();
    return accountTrie.rootHash();
  }

  /**
   * Stages every trie node and code created since the last commit into batch and returns the state
   * root. If the batch is then not written, discard this object and reopen at the last root that
   * was.
   */
  public Bytes32 commit(KeyValueStore.WriteBatch batch) {
    fold();
    for (MerklePatriciaTrie t : uncommittedStorage) t.commit(batch);
    uncommittedStorage.clear();
    newCode.forEach((hash, code) -> batch.put(codeKey(hash), code.unsafeArray()));
    newCode.clear();
    return accountTrie.commit(batch);
  }

  /** Commits everything in one atomic batch of its own; returns the state root. */
  public Bytes32 commit() {
    try (KeyValueStore.WriteBatch batch = store.newBatch()) {
      Bytes32 root = commit(batch);
      batch.write();
      return root;
    }
  }

  /**
   * Applies the pending changes of every touched account to the tries; ends the current
   * transaction.
   */
  private void fold() {
    beginTransaction();
    for (Address address : dirty) {
      TrieAccount a = accounts.get(address);
      byte[] key = Keccak.hash256(address.unsafeArray());
      if (a == null) {
        accountTrie.remove(key);
        continue;
      }
      if (a.fresh || !a.pending.isEmpty()) {
        MerklePatriciaTrie t = a.fresh ? MerklePatriciaTrie.empty(store) : storageTrie(a);
        for (Map.Entry<UInt256, UInt256> e : a.pending.entrySet()) {
          byte[] slotKey = Keccak.hash256(e.getKey().toBytes32().unsafeArray());
          if (e.getValue().isZero()) t.remove(slotKey);
          else t.put(slotKey, Rlp.encodeBytes(e.getValue().toMinimalBytes()));
        }
        if (a.fresh) a.cache.clear();
        a.cache.putAll(a.pending);
        a.pending.clear();
        a.fresh = false;
        a.storageTrie = t;
        a.storageRoot = t.rootHash();
        uncommittedStorage.add(t);
      }
      Fields f = a.fields();
      accountTrie.put(
          key, new StateAccount(f.nonce(), f.balance(), a.storageRoot, f.codeHash()).encode());
    }
    dirty.clear();
  }

  // ---- accounts and code

  /** How many accounts this state has loaded or created (present or known absent). */
  public int loadedAccounts() {
    return accounts.size();
  }

  @Override
  protected TrieAccount account(Address address) {
    if (accounts.containsKey(address)) return accounts.get(address);
    byte[] leaf = accountTrie.get(Keccak.hash256(address.unsafeArray()));
    TrieAccount a = leaf == null ? null : new TrieAccount(StateAccount.decode(leaf));
    accounts.put(address, a);
    return a;
  }

  @Override
  protected TrieAccount newAccount() {
    return new TrieAccount();
  }

  @Override
  protected void putAccount(Address address, TrieAccount account) {
    accounts.put(address, account); // null: known to be absent
  }

  @Override
  protected void changed(Address address) {
    dirty.add(address);
  }

  @Override
  protected void codeAdded(Bytes32 codeHash, Bytes code) {
    newCode.put(codeHash, code);
  }

  @Override
  protected Bytes loadCode(Address address, Bytes32 codeHash) {
    Bytes staged = newCode.get(codeHash);
    if (staged != null) return staged;
    return Bytes.wrap(
        store
            .get(codeKey(codeHash))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "code " + codeHash + " of " + address + " is not in the store")));
  }

  private MerklePatriciaTrie storageTrie(TrieAccount a) {
    if (a.storageTrie == null) a.storageTrie = MerklePatriciaTrie.open(store, a.storageRoot);
    return a.storageTrie;
  }

  private static byte[] codeKey(Bytes32 hash) {
    byte[] k = new byte[33];
    k[0] = CODE_PREFIX;
    System.arraycopy(hash.unsafeArray(), 0, k, 1, 32);
    return k;
  }

  // ---- storage

  @Override
  public UInt256 storage(Address address, UInt256 key) {
    TrieAccount a = account(address);
    return a == null ? UInt256.ZERO : storage(a, key);
  }

  private UInt256 storage(TrieAccount a, UInt256 key) {
    UInt256 v = a.pending.get(key);
    if (v != null) return v;
    if (a.fresh || a.storageRoot.equals(MerklePatriciaTrie.EMPTY_ROOT)) return UInt256.ZERO;
    v = a.cache.get(key);
    if (v == null) {
      byte[] leaf = storageTrie(a).get(Keccak.hash256(key.toBytes32().unsafeArray()));
      v = leaf == null ? UInt256.ZERO : decodeSlot(leaf);
      a.cache.put(key, v);
    }
    return v;
  }

  private static UInt256 decodeSlot(byte[] leaf) {
    RlpReader r = new RlpReader(leaf);
    byte[] b = r.readScalarBytes();
    r.requireEnd();
    return UInt256.fromBytes(b);
  }

  @Override
  public boolean hasStorage(Address address) {
    TrieAccount a = account(address);
    if (a == null) return false;
    Set<Bytes> cleared = new HashSet<>();
    for (Map.Entry<UInt256, UInt256> e : a.pending.entrySet()) {
      if (!e.getValue().isZero()) return true;
      cleared.add(Keccak.hash(e.getKey().toBytes32()));
    }
    if (a.fresh || a.storageRoot.equals(MerklePatriciaTrie.EMPTY_ROOT)) return false;
    // A stored slot counts unless this block cleared it; at most |cleared| + 1 entries are visited.
    Iterator<MerklePatriciaTrie.Entry> it = storageTrie(a).iterator(Bytes.EMPTY);
    while (it.hasNext()) {
      if (!cleared.contains(it.next().key())) return true;
    }
    return false;
  }

  @Override
  public void setStorage(Address address, UInt256 key, UInt256 value) {
    TrieAccount a = getOrCreate(address);
    noteOriginal(address, key, storage(a, key));
    UInt256 prevPending = a.pending.put(key, value);
    dirty.add(address);
    journal(
        () -> {
          if (prevPending == null) a.pending.remove(key);
          else a.pending.put(key, prevPending);
        });
  }
}
