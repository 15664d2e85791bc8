package io.levity.execution.block;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.evm.InMemoryWorld;
import io.levity.execution.state.StateRoots;

/** {@link WorldState} over an {@link InMemoryWorld}: every call goes to the world. */
final class InMemoryWorldState implements WorldState {
  private final InMemoryWorld w;

  InMemoryWorldState(InMemoryWorld world) {
    this.w = world;
  }

  @Override
  public void beginTransaction() {
    w.beginTransaction();
  }

  @Override
  public Bytes32 stateRoot() {
    return StateRoots.stateRoot(w);
  }

  @Override
  public boolean exists(Address a) {
    return w.exists(a);
  }

  @Override
  public boolean isEmpty(Address a) {
    return w.isEmpty(a);
  }

  @Override
  public UInt256 balance(Address a) {
    return w.balance(a);
  }

  @Override
  public long nonce(Address a) {
    return w.nonce(a);
  }

  @Override
  public Bytes code(Address a) {
    return w.code(a);
  }

  @Override
  public Bytes32 codeHash(Address a) {
    return w.codeHash(a);
  }

  @Override
  public UInt256 storage(Address a, UInt256 key) {
    return w.storage(a, key);
  }

  @Override
  public UInt256 originalStorage(Address a, UInt256 key) {
    return w.originalStorage(a, key);
  }

  @Override
  public boolean hasStorage(Address a) {
    return w.hasStorage(a);
  }

  @Override
  public void setStorage(Address a, UInt256 key, UInt256 value) {
    w.setStorage(a, key, value);
  }

  @Override
  public void createAccount(Address a) {
    w.createAccount(a);
  }

  @Override
  public void setNonce(Address a, long nonce) {
    w.setNonce(a, nonce);
  }

  @Override
  public void setCode(Address a, Bytes code) {
    w.setCode(a, code);
  }

  @Override
  public void setBalance(Address a, UInt256 balance) {
    w.setBalance(a, balance);
  }

  @Override
  public void deleteAccount(Address a) {
    w.deleteAccount(a);
  }

  @Override
  public int snapshot() {
    return w.snapshot();
  }

  @Override
  public void revert(int id) {
    w.revert(id);
  }

  @Override
  public void commit(int id) {
    w.commit(id);
  }
}
