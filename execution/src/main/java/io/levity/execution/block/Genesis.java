package io.levity.execution.block;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.evm.InMemoryWorld;
import io.levity.evm.WorldView;
import io.levity.execution.state.StateRoots;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A chain's block 0 and its state: the allocated accounts and the values of the first header (a
 * Cancun header with no transactions, zero parent hash, coinbase, PREVRANDAO and parent beacon
 * root).
 *
 * @param gasLimit block 0's gas limit (unsigned); block 1 may change it within the builder's rules
 * @param baseFee block 0's base fee; block 1's follows from it by EIP-1559
 */
public record Genesis(
    long chainId,
    long gasLimit,
    long timestamp,
    UInt256 baseFee,
    Bytes extraData,
    Map<Address, Account> alloc) {

  /** One allocated account. */
  public record Account(UInt256 balance, Bytes code, long nonce, Map<UInt256, UInt256> storage) {
    public Account {
      Objects.requireNonNull(balance, "balance");
      Objects.requireNonNull(code, "code");
      storage = Collections.unmodifiableMap(new TreeMap<>(storage));
    }

    /** An account with only a balance. */
    public static Account ofBalance(UInt256 balance) {
      return new Account(balance, Bytes.EMPTY, 0, Map.of());
    }
  }

  public Genesis {
    Objects.requireNonNull(baseFee, "baseFee");
    Objects.requireNonNull(extraData, "extraData");
    if (extraData.size() > BlockHeader.MAX_EXTRA_DATA)
      throw new IllegalArgumentException("extra data over 32 bytes");
    alloc = Collections.unmodifiableMap(new TreeMap<>(alloc));
  }

  /** The allocation as an in-memory world. */
  public InMemoryWorld world() {
    InMemoryWorld w = new InMemoryWorld();
    alloc.forEach((a, acc) -> w.put(a, acc.balance(), acc.nonce(), acc.code(), acc.storage()));
    return w;
  }

  /** Writes the allocation into a world (an empty persistent one, before its first commit). */
  public void applyTo(WorldView world) {
    alloc.forEach(
        (a, acc) -> {
          world.setBalance(a, acc.balance());
          world.setNonce(a, acc.nonce());
          if (!acc.code().isEmpty()) world.setCode(a, acc.code());
          acc.storage()
              .forEach(
                  (k, v) -> {
                    if (!v.isZero()) world.setStorage(a, k, v);
                  });
        });
  }

  /** Block 0's header over a state root. */
  public BlockHeader header(Bytes32 stateRoot) {
    return BlockHeader.cancun(
        Bytes32.ZERO,
        Address.ZERO,
        stateRoot,
        BlockHeader.EMPTY_TRIE_ROOT,
        BlockHeader.EMPTY_TRIE_ROOT,
        LogsBloom.EMPTY,
        0,
        gasLimit,
        0,
        timestamp,
        extraData,
        Bytes32.ZERO,
        baseFee,
        0,
        0,
        Bytes32.ZERO);
  }

  /** Block 0, with the state root of the allocation. */
  public Block block() {
    return new Block(header(StateRoots.stateRoot(world())), List.of());
  }
}
