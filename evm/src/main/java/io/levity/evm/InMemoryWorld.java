package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link WorldView} held in hash maps, with an undo journal for snapshots. For tests, {@code
 * levity evm run} and benchmarks. Call {@link #beginTransaction()} before each transaction so that
 * original storage values (EIP-2200) are taken from the right moment.
 */
public class InMemoryWorld extends JournaledWorld<InMemoryWorld.StoredAccount> {
  /** A read-only copy of one account. */
  public record AccountState(
      UInt256 balance, long nonce, Bytes code, Map<UInt256, UInt256> storage) {}

  /** An account with its storage in a map (zero values are absent). */
  protected static final class StoredAccount extends JournaledWorld.Account {
    private final HashMap<UInt256, UInt256> storage = new HashMap<>();

    StoredAccount(Fields fields) {
      super(fields);
    }
  }

  private final HashMap<Address, StoredAccount> accounts = new HashMap<>();

  /** Sets up an account directly (no journal), for pre-state. */
  public InMemoryWorld put(
      Address address, UInt256 balance, long nonce, Bytes code, Map<UInt256, UInt256> storage) {
    Bytes32 codeHash = code.isEmpty() ? Keccak.EMPTY_HASH : Keccak.hash(code);
    StoredAccount a = new StoredAccount(new Fields(nonce, balance, codeHash, code));
    storage.forEach(
        (k, v) -> {
          if (!v.isZero()) a.storage.put(k, v);
        });
    accounts.put(address, a);
    return this;
  }

  /** A sorted, read-only copy of every account. */
  public Map<Address, AccountState> accounts() {
    TreeMap<Address, AccountState> out = new TreeMap<>();
    accounts.forEach(
        (addr, a) ->
            out.put(
                addr,
                new AccountState(
                    a.fields().balance(),
                    a.fields().nonce(),
                    a.fields().code(),
                    Collections.unmodifiableMap(new TreeMap<>(a.storage)))));
    return Collections.unmodifiableMap(out);
  }

  @Override
  protected final StoredAccount account(Address address) {
    return accounts.get(address);
  }

  @Override
  protected final StoredAccount newAccount() {
    return new StoredAccount(Fields.NEW);
  }

  @Override
  protected final void putAccount(Address address, StoredAccount account) {
    if (account == null) accounts.remove(address);
    else accounts.put(address, account);
  }

  @Override
  protected final Bytes loadCode(Address address, Bytes32 codeHash) {
    throw new IllegalStateException("an in-memory account always holds its code: " + address);
  }

  @Override
  public UInt256 storage(Address address, UInt256 key) {
    StoredAccount a = accounts.get(address);
    if (a == null) return UInt256.ZERO;
    return a.storage.getOrDefault(key, UInt256.ZERO);
  }

  @Override
  public boolean hasStorage(Address address) {
    StoredAccount a = accounts.get(address);
    return a != null && !a.storage.isEmpty();
  }

  @Override
  public void setStorage(Address address, UInt256 key, UInt256 value) {
    StoredAccount a = getOrCreate(address);
    UInt256 prev = a.storage.getOrDefault(key, UInt256.ZERO);
    noteOriginal(address, key, prev);
    if (value.isZero()) a.storage.remove(key);
    else a.storage.put(key, value);
    journal(
        () -> {
          if (prev.isZero()) a.storage.remove(key);
          else a.storage.put(key, prev);
        });
  }
}
