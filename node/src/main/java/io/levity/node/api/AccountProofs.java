package io.levity.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.core.rlp.RlpReader;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.state.StateAccount;
import io.levity.trie.KeyValueStore;
import io.levity.trie.MerklePatriciaTrie;
import java.util.List;
import java.util.Optional;

/**
 * eth_getProof (EIP-1186): Merkle proofs of an account and some of its storage slots at a block's
 * state root.
 */
final class AccountProofs {
  private AccountProofs() {}

  /** A requested slot: the key as the caller wrote it (echoed back) and its value. */
  record SlotKey(String asGiven, UInt256 slot) {}

  static ObjectNode proof(
      KeyValueStore store, BlockHeader at, Address address, List<SlotKey> keys) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    MerklePatriciaTrie accounts = MerklePatriciaTrie.open(store, at.stateRoot());
    Bytes accountKey = Keccak.hash(address);
    Optional<Bytes> leaf = accounts.get(accountKey);
    StateAccount account =
        leaf.map(v -> StateAccount.decode(v.toArray())).orElse(StateAccount.EMPTY);
    ObjectNode o = f.objectNode();
    o.put("address", address.toHex());
    o.set("accountProof", nodes(accounts.proof(accountKey)));
    o.put("balance", EthJson.q(account.balance()));
    o.put("codeHash", account.codeHash().toHex());
    o.put("nonce", EthJson.q(account.nonce()));
    o.put("storageHash", account.storageRoot().toHex());
    ArrayNode storage = o.putArray("storageProof");
    MerklePatriciaTrie slots = MerklePatriciaTrie.open(store, account.storageRoot());
    for (SlotKey k : keys) {
      Bytes slotKey = Keccak.hash(k.slot().toBytes32());
      UInt256 value =
          slots
              .get(slotKey)
              .map(v -> UInt256.fromBytes(new RlpReader(v.toArray()).readBytes()))
              .orElse(UInt256.ZERO);
      storage
          .addObject()
          .put("key", k.asGiven())
          .put("value", EthJson.q(value))
          .set("proof", nodes(slots.proof(slotKey)));
    }
    return o;
  }

  private static ArrayNode nodes(List<Bytes> proof) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (Bytes node : proof) a.add(node.toHex());
    return a;
  }
}
