package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.function.UnaryOperator;

/**
 * What every journaled {@link WorldView} shares: accounts held in memory, the reads of their
 * fields, writes that record how to undo themselves, original storage values (EIP-2200) and
 * snapshots. A subclass says where accounts, code and storage come from and where they go: {@link
 * InMemoryWorld} keeps everything in maps, the execution layer's trie-backed state loads from and
 * folds into tries.
 *
 * <p>The journal is one list of undo actions: {@link #snapshot()} is its length, {@link #revert}
 * runs and drops the actions past it, and {@link #beginTransaction()} forgets it (along with the
 * original storage values). Not thread-safe.
 *
 * @param <A> the subclass's account type
 */
public abstract class JournaledWorld<A extends JournaledWorld.Account> implements WorldView {
  /**
   * An account's nonce, balance and code, as one value that a write replaces.
   *
   * @param code the code, or null until it is loaded by hash
   */
  public record Fields(long nonce, UInt256 balance, Bytes32 codeHash, Bytes code) {
    /** A new account: nonce 0, no balance, no code. */
    public static final Fields NEW = new Fields(0, UInt256.ZERO, Keccak.EMPTY_HASH, Bytes.EMPTY);

    /** EIP-161 empty: nonce 0, balance 0 and no code. */
    public boolean isEmpty() {
      return nonce == 0 && balance.isZero() && codeHash.equals(Keccak.EMPTY_HASH);
    }
  }

  /** An account held in memory; storage is the subclass's business. */
  public static class Account {
    private Fields fields;

    /** An account with these fields. */
    protected Account(Fields fields) {
      this.fields = fields;
    }

    public Fields fields() {
      return fields;
    }
  }

  private record SlotRef(Address address, UInt256 key) {}

  private final HashMap<SlotRef, UInt256> originals = new HashMap<>();
  private final ArrayList<Runnable> journal = new ArrayList<>();

  /** The account, or null when there is none. */
  protected abstract A account(Address address);

  /** A new, empty account (not yet stored). */
  protected abstract A newAccount();

  /** Stores the account at the address; null removes it. Not journaled (callers journal). */
  protected abstract void putAccount(Address address, A account);

  /** The code with this hash, for an account whose code was not loaded with it. */
  protected abstract Bytes loadCode(Address address, Bytes32 codeHash);

  /** Called after every journaled change to the account at this address. */
  protected void changed(Address address) {}

  /** Called when an account is given non-empty code. */
  protected void codeAdded(Bytes32 codeHash, Bytes code) {}

  /** Records how to undo a change; reverting past it runs the action. */
  protected final void journal(Runnable undo) {
    journal.add(undo);
  }

  /** Remembers the slot's value before the transaction's first write to it (EIP-2200). */
  protected final void noteOriginal(Address address, UInt256 key, UInt256 value) {
    originals.putIfAbsent(new SlotRef(address, key), value);
  }

  /** The account, created (journaled) when absent. */
  protected final A getOrCreate(Address address) {
    A a = account(address);
    if (a == null) {
      a = newAccount();
      putAccount(address, a);
      changed(address);
      journal(() -> putAccount(address, null));
    }
    return a;
  }

  /**
   * Marks the start of a transaction: original storage values are taken from now; the journal is
   * dropped.
   */
  public void beginTransaction() {
    originals.clear();
    journal.clear();
  }

  @Override
  public boolean exists(Address address) {
    return account(address) != null;
  }

  @Override
  public boolean isEmpty(Address address) {
    A a = account(address);
    return a != null && a.fields().isEmpty();
  }

  @Override
  public UInt256 balance(Address address) {
    A a = account(address);
    return a == null ? UInt256.ZERO : a.fields().balance();
  }

  @Override
  public long nonce(Address address) {
    A a = account(address);
    return a == null ? 0 : a.fields().nonce();
  }

  @Override
  public Bytes code(Address address) {
    Account a = account(address);
    if (a == null) return Bytes.EMPTY;
    Fields f = a.fields;
    if (f.code() == null) {
      // a cache of what the hash names, so not journaled
      Bytes code =
          f.codeHash().equals(Keccak.EMPTY_HASH) ? Bytes.EMPTY : loadCode(address, f.codeHash());
      a.fields = new Fields(f.nonce(), f.balance(), f.codeHash(), code);
    }
    return a.fields.code();
  }

  @Override
  public Bytes32 codeHash(Address address) {
    A a = account(address);
    return a == null ? Keccak.EMPTY_HASH : a.fields().codeHash();
  }

  @Override
  public UInt256 originalStorage(Address address, UInt256 key) {
    UInt256 v = originals.get(new SlotRef(address, key));
    return v != null ? v : storage(address, key);
  }

  @Override
  public void createAccount(Address address) {
    A old = account(address);
    A fresh = newAccount();
    if (old != null) {
      ((Account) fresh).fields =
          new Fields(0, old.fields().balance(), Keccak.EMPTY_HASH, Bytes.EMPTY);
    }
    putAccount(address, fresh);
    changed(address);
    journal(() -> putAccount(address, old));
  }

  @Override
  public void setNonce(Address address, long nonce) {
    update(address, f -> new Fields(nonce, f.balance(), f.codeHash(), f.code()));
  }

  @Override
  public void setCode(Address address, Bytes code) {
    Bytes32 hash = code.isEmpty() ? Keccak.EMPTY_HASH : Keccak.hash(code);
    update(address, f -> new Fields(f.nonce(), f.balance(), hash, code));
    if (!code.isEmpty()) codeAdded(hash, code);
  }

  @Override
  public void setBalance(Address address, UInt256 balance) {
    update(address, f -> new Fields(f.nonce(), balance, f.codeHash(), f.code()));
  }

  /** Replaces the fields of the account (created if absent), journaling the old ones. */
  private void update(Address address, UnaryOperator<Fields> change) {
    Account a = getOrCreate(address);
    Fields prev = a.fields;
    a.fields = change.apply(prev);
    changed(address);
    journal(() -> a.fields = prev);
  }

  @Override
  public void deleteAccount(Address address) {
    A old = account(address);
    if (old == null) return;
    putAccount(address, null);
    changed(address);
    journal(() -> putAccount(address, old));
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
