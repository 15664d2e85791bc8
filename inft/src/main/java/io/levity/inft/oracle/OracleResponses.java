package io.levity.inft.oracle;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.inft.DataProof;
import io.levity.inft.InftTypedData;
import io.levity.inft.TransferValidityProof;
import io.levity.sdk.abi.AbiCodec;
import io.levity.sdk.abi.AbiType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the oracle answers, one record per kind of request. */
public final class OracleResponses {
  private OracleResponses() {}

  /** MINT or UPDATE: the stored roots (the new data hashes) and the signed DataStored statement. */
  public record Stored(List<Bytes32> dataHashes, DataProof proof) {
    public Stored {
      dataHashes = List.copyOf(dataHashes);
    }
  }

  /**
   * TRANSFER or CLONE: one proof pair per item, the new roots in them; {@code accessSigned} is
   * false when the receiver did not delegate to the oracle and must sign each access proof itself.
   */
  public record Transfer(List<TransferValidityProof> proofs, boolean accessSigned) {
    public Transfer {
      proofs = List.copyOf(proofs);
    }
  }

  /** OPEN: each current root with its data key sealed to the owner's published key. */
  public record Keys(List<Bytes32> roots, List<Bytes> sealedKeys) {
    public Keys {
      roots = List.copyOf(roots);
      sealedKeys = List.copyOf(sealedKeys);
    }
  }

  /**
   * EXECUTE: the token's data hashes and each item's plaintext sealed (ECIES) to the executor's
   * published key.
   */
  public record Execution(List<Bytes32> dataHashes, List<Bytes> sealedItems) {
    public Execution {
      dataHashes = List.copyOf(dataHashes);
      sealedItems = List.copyOf(sealedItems);
    }
  }

  /** USE: what the agent runner returned. */
  public record Usage(Bytes output) {}

  /**
   * Who the oracle is: its signing address, its encryption key, its chain and contract, and its
   * signature over {@link #digest} binding the encryption key to the address (a client checks it
   * against the oracle address it trusts before sealing a data key to the key).
   */
  public record Info(
      Address oracle, Bytes encryptionKey, long chainId, Address nft, Bytes signature) {
    static final Bytes32 TAG =
        Keccak.hash("levity.inft.oracle-encryption-key.v1".getBytes(StandardCharsets.US_ASCII));

    public static Bytes32 digest(Bytes encryptionKey, long chainId, Address nft) {
      return Keccak.hash(
          AbiCodec.encode(
              AbiType.parseList("(bytes32,uint256,address,bytes32)"),
              List.of(TAG, BigInteger.valueOf(chainId), nft, Keccak.hash(encryptionKey))));
    }

    /** Whether the signature is {@code oracle}'s over this key, chain and contract. */
    public boolean authentic() {
      return InftTypedData.recover(digest(encryptionKey, chainId, nft), signature)
          .map(oracle::equals)
          .orElse(false);
    }
  }
}
