package io.levity.execution.state;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.core.rlp.Rlp;
import io.levity.evm.InMemoryWorld;
import io.levity.trie.MerklePatriciaTrie;
import java.util.Map;

/**
 * Ethereum's state commitment computed in one pass over a whole world: the account trie keyed by
 * keccak(address) with {@link StateAccount} leaves, each account's storage trie keyed by
 * keccak(slot as 32 bytes) with {@code rlp(minimal value bytes)} leaves, zero slots omitted. For
 * worlds held in memory (tests, tools, genesis); a trie-backed world state keeps its roots up to
 * date instead.
 */
public final class StateRoots {
  private StateRoots() {}

  /** The state root of every account in the world. */
  public static Bytes32 stateRoot(InMemoryWorld world) {
    return stateRoot(world.accounts());
  }

  /** The state root of these accounts. */
  public static Bytes32 stateRoot(Map<Address, InMemoryWorld.AccountState> accounts) {
    MerklePatriciaTrie trie = MerklePatriciaTrie.inMemory();
    accounts.forEach(
        (address, a) -> {
          Bytes32 codeHash = a.code().isEmpty() ? Keccak.EMPTY_HASH : Keccak.hash(a.code());
          StateAccount leaf =
              new StateAccount(a.nonce(), a.balance(), storageRoot(a.storage()), codeHash);
          trie.put(accountKey(address).unsafeArray(), leaf.encode());
        });
    return trie.rootHash();
  }

  /** The root of one account's storage trie; zero values are absent slots. */
  public static Bytes32 storageRoot(Map<UInt256, UInt256> storage) {
    if (storage.isEmpty()) return MerklePatriciaTrie.EMPTY_ROOT;
    MerklePatriciaTrie trie = MerklePatriciaTrie.inMemory();
    storage.forEach(
        (slot, value) -> {
          if (!value.isZero())
            trie.put(storageKey(slot).unsafeArray(), Rlp.encodeBytes(value.toMinimalBytes()));
        });
    return trie.rootHash();
  }

  /** The storage trie path of a slot: keccak256 of the slot as a 32-byte big-endian word. */
  public static Bytes32 storageKey(UInt256 slot) {
    return Keccak.hash(slot.toBytes32());
  }

  /** The account trie path of an address: keccak256 of its 20 bytes. */
  public static Bytes32 accountKey(Address address) {
    return Keccak.hash(address);
  }
}
