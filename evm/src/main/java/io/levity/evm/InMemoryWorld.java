package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link WorldView} held in hash maps, with an undo journal for snapshots. For tests, {@code
 * levity evm run} and benchmarks. Call {@link #beginTransaction()} before each transaction so that
 * original storage values (EIP-2200) are taken from the right moment.
 */
public final class InMemoryWorld implements WorldView {
  /** A read-only copy of one account. */
  public record AccountState(
      UInt256 balance, long nonce, Bytes code, Map<UInt256, UInt256> storage) {}

  private static final class Account {
    UInt256 balance = UInt256.ZERO;
    long nonce;
    Bytes code = Bytes.EMPTY;
    Bytes32 codeHash = Keccak.EMPTY_HASH;
    final HashMap<UInt256, UInt256> storage = new HashMap<>();

    boolean isEmpty() {
      return nonce == 0 && balance.isZero() && code.isEmpty();
    }
  }

  private record SlotRef(Address address, UInt256 key) {}

  private final HashMap<Address, Account> accounts = new HashMap<>();
  private final HashMap<SlotRef, UInt256> originals = new HashMap<>();
  private final ArrayList<Runnable> journal = new ArrayList<>();

  /** Sets up an account directly (no journal), for pre-state. */
  public InMemoryWorld put(
      Address address, UInt256 balance, long nonce, Bytes code, Map<UInt256, UInt256> storage) {
    Account a = new Account();
    a.balance = balance;
    a.nonce = nonce;
    a.code = code;
    a.codeHash = code.isEmpty() ? Keccak.EMPTY_HASH : Keccak.hash(code);
    storage.forEach(
        (k, v) -> {
          if (!v.isZero()) a.storage.put(k, v);
        });
    accounts.put(address, a);
    return this;
  }

  /** Marks the start of a transaction: forgets original storage values and the journal. */
  public void beginTransaction() {
    originals.clear();
    journal.clear();
  }

  /** A sorted, read-only copy of every account. */
  public Map<Address, AccountState> accounts() {
    TreeMap<Address, AccountState> out = new TreeMap<>();
    accounts.forEach(
        (addr, a) ->
            out.put(
                addr,
                new AccountState(
                    a.balance,
                    a.nonce,
                    a.code,
                    Collections.unmodifiableMap(new TreeMap<>(a.storage)))));
    return Collections.unmodifiableMap(out);
  }

  private Account get(Address address) {
    return accounts.get(address);
  }

  private Account getOrCreate(Address address) {
    Account a = accounts.get(address);
    if (a == null) {
      Account created = new Account();
      accounts.put(address, created);
      journal.add(() -> accounts.remove(address));
      a = created;
    }
    return a;
  }

  @Override
  public boolean exists(Address address) {
    return accounts.containsKey(address);
  }

  @Override
  public boolean isEmpty(Address address) {
    Account a = get(address);
    return a != null && a.isEmpty();
  }

  @Override
  public UInt256 balance(Address address) {
    Account a = get(address);
    return a == null ? UInt256.ZERO : a.balance;
  }

  @Override
  public long nonce(Address address) {
    Account a = get(address);
    return a == null ? 0 : a.nonce;
  }

  @Override
  public Bytes code(Address address) {
    Account a = get(address);
    return a == null ? Bytes.EMPTY : a.code;
  }

  @Override
  public Bytes32 codeHash(Address address) {
    Account a = get(address);
    return a == null ? Keccak.EMPTY_HASH : a.codeHash;
  }

  @Override
  public UInt256 storage(Address address, UInt256 key) {
    Account a = get(address);
    if (a == null) return UInt256.ZERO;
    return a.storage.getOrDefault(key, UInt256.ZERO);
  }

  @Override
  public UInt256 originalStorage(Address address, UInt256 key) {
    UInt256 v = originals.get(new SlotRef(address, key));
    return v != null ? v : storage(address, key);
  }

  @Override
  public boolean hasStorage(Address address) {
    Account a = get(address);
    return a != null && !a.storage.isEmpty();
  }

  @Override
  public void setStorage(Address address, UInt256 key, UInt256 value) {
    Account a = getOrCreate(address);
    SlotRef ref = new SlotRef(address, key);
    UInt256 prev = a.storage.getOrDefault(key, UInt256.ZERO);
    originals.putIfAbsent(ref, prev);
    if (value.isZero()) a.storage.remove(key);
    else a.storage.put(key, value);
    journal.add(
        () -> {
          if (prev.isZero()) a.storage.remove(key);
          else a.storage.put(key, prev);
        });
  }

  @Override
  public void createAccount(Address address) {
    Account old = accounts.get(address);
    Account fresh = new Account();
    if (old != null) fresh.balance = old.balance;
    accounts.put(address, fresh);
    journal.add(
        () -> {
          if (old == null) accounts.remove(address);
          else accounts.put(address, old);
        });
  }

  @Override
  public void setNonce(Address address, long nonce) {
    Account a = getOrCreate(address);
    long prev = a.nonce;
    a.nonce = nonce;
    journal.add(() -> a.nonce = prev);
  }

  @Override
  public void setCode(Address address, Bytes code) {
    Account a = getOrCreate(address);
    Bytes prev = a.code;
    Bytes32 prevHash = a.codeHash;
    a.code = code;
    a.codeHash = code.isEmpty() ? Keccak.EMPTY_HASH : Keccak.hash(code);
    journal.add(
        () -> {
          a.code = prev;
          a.codeHash = prevHash;
        });
  }

  @Override
  public void setBalance(Address address, UInt256 balance) {
    Account a = getOrCreate(address);
    UInt256 prev = a.balance;
    a.balance = balance;
    journal.add(() -> a.balance = prev);
  }

  @Override
  public void deleteAccount(Address address) {
    Account old = accounts.remove(address);
    if (old != null) journal.add(() -> accounts.put(address, old));
  }

  @Override
  public int snapshot() {
    return journal.size();
  }

  @Override
  public void revert(int id) {
    for (int i = journal.size() - 1; i >= id; i--) journal.remove(i).run();
  }

  @Override
  public void commit(int id) {
    // Entries stay in the journal so that an enclosing snapshot can still undo them.
  }
}
