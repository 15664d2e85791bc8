package io.levity.execution.state;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpReader;
import io.levity.trie.MerklePatriciaTrie;
import java.util.Objects;

/**
 * An account as the state trie stores it: {@code rlp([nonce, balance, storageRoot, codeHash])}
 * (Yellow Paper 4.1).
 *
 * @param nonce unsigned 64-bit
 */
public record StateAccount(long nonce, UInt256 balance, Bytes32 storageRoot, Bytes32 codeHash) {
  /** An account with no nonce, balance, storage or code. */
  public static final StateAccount EMPTY =
      new StateAccount(0, UInt256.ZERO, MerklePatriciaTrie.EMPTY_ROOT, Keccak.EMPTY_HASH);

  public StateAccount {
    Objects.requireNonNull(balance, "balance");
    Objects.requireNonNull(storageRoot, "storageRoot");
    Objects.requireNonNull(codeHash, "codeHash");
  }

  /** The trie leaf value. */
  public byte[] encode() {
    return Rlp.encodeList(
        Rlp.encodeBytes(Rlp.minimalBytes(nonce)),
        Rlp.encodeBytes(balance.toMinimalBytes()),
        Rlp.encodeBytes(storageRoot.unsafeArray()),
        Rlp.encodeBytes(codeHash.unsafeArray()));
  }

  /** Reads a trie leaf value; strict (canonical integers, exactly four fields, 32-byte hashes). */
  public static StateAccount decode(byte[] rlp) {
    RlpReader r = new RlpReader(rlp);
    r.enterList();
    long nonce = r.readUnsignedLong();
    UInt256 balance = UInt256.valueOf(r.readBigInteger(32));
    Bytes32 storageRoot = Bytes32.wrap32(r.readFixed(32, "storage root"));
    Bytes32 codeHash = Bytes32.wrap32(r.readFixed(32, "code hash"));
    r.exitList();
    r.requireEnd();
    return new StateAccount(nonce, balance, storageRoot, codeHash);
  }
}
