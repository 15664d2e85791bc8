package io.levity.inft;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.util.List;

/**
 * The oracle's half of a transfer proof (ERC-7857's OwnershipProof plus a deadline), signed by a
 * registered oracle over {@link InftTypedData#ownershipDigest}: it re-encrypted the data from
 * {@code oldDataHash} to {@code newDataHash} and sealed the new key to {@code encryptedPubKey}.
 *
 * @param oracleType 0 for TEE (the only kind the verifier accepts), 1 for ZKP
 */
public record OwnershipProof(
    int oracleType,
    Bytes32 oldDataHash,
    Bytes32 newDataHash,
    Bytes sealedKey,
    Bytes encryptedPubKey,
    Bytes nonce,
    Bytes proof,
    long deadline) {
  public static final int TEE = 0;
  public static final int ZKP = 1;

  public OwnershipProof withProof(Bytes signature) {
    return new OwnershipProof(
        oracleType,
        oldDataHash,
        newDataHash,
        sealedKey,
        encryptedPubKey,
        nonce,
        signature,
        deadline);
  }

  List<Object> abiValue() {
    return List.of(
        oracleType, oldDataHash, newDataHash, sealedKey, encryptedPubKey, nonce, proof, deadline);
  }
}
