package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;

/**
 * The world state as the EVM sees it: accounts, code and storage, with a journal so that a frame's
 * changes can be undone. The execution layer implements it over its trie-backed state; {@link
 * InMemoryWorld} is the in-memory implementation for tests and tools.
 *
 * <p>Absent accounts read as zero balance, zero nonce, empty code and zero storage. Nonces are
 * unsigned 64-bit values held in a {@code long} (so 2^64-1 is {@code -1L}). Storage keys and values
 * are 256-bit words.
 *
 * <p>{@link #originalStorage} is the value a slot had when the current transaction started
 * (EIP-2200); the implementation decides where transactions begin (see {@link
 * InMemoryWorld#beginTransaction()}).
 */
public interface WorldView {
  boolean exists(Address address);

  /** EIP-161 empty: exists with nonce 0, balance 0 and no code. */
  boolean isEmpty(Address address);

  /** Absent or empty (EIP-161 "dead"). */
  default boolean isDead(Address address) {
    return !exists(address) || isEmpty(address);
  }

  UInt256 balance(Address address);

  long nonce(Address address);

  Bytes code(Address address);

  default int codeSize(Address address) {
    return code(address).size();
  }

  /**
   * Keccak-256 of the code; {@link Keccak#EMPTY_HASH} for an account without code (absent accounts
   * too).
   */
  default Bytes32 codeHash(Address address) {
    Bytes c = code(address);
    return c.isEmpty() ? Keccak.EMPTY_HASH : Keccak.hash(c);
  }

  UInt256 storage(Address address, UInt256 key);

  /** The slot's value at the start of the current transaction. */
  UInt256 originalStorage(Address address, UInt256 key);

  /**
   * True when the account has any non-zero storage slot (used by the CREATE collision rule,
   * EIP-7610).
   */
  boolean hasStorage(Address address);

  void setStorage(Address address, UInt256 key, UInt256 value);

  /**
   * Makes a fresh account at the address for a contract creation: nonce 0, no code, no storage,
   * keeping any balance it already had.
   */
  void createAccount(Address address);

  void setNonce(Address address, long nonce);

  void setCode(Address address, Bytes code);

  /** Sets the balance, creating the account if absent. */
  void setBalance(Address address, UInt256 balance);

  default void addBalance(Address address, UInt256 amount) {
    setBalance(address, balance(address).add(amount));
  }

  /** Subtracts; the caller has checked that the balance suffices. */
  default void subtractBalance(Address address, UInt256 amount) {
    setBalance(address, balance(address).subtract(amount));
  }

  void deleteAccount(Address address);

  /** Starts a nested journal level; returns its id. */
  int snapshot();

  /**
   * Undoes every change made since {@code snapshot()} returned {@code id} (and closes that level).
   */
  void revert(int id);

  /**
   * Keeps the changes since the snapshot (they can still be undone by reverting an outer snapshot).
   */
  void commit(int id);
}
