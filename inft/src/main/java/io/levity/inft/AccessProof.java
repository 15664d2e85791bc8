package io.levity.inft;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.util.List;

/**
 * The receiver's half of a transfer proof (ERC-7857's AccessProof plus a deadline), signed by the
 * receiver or its delegated assistant over {@link InftTypedData#accessDigest}.
 *
 * @param encryptedPubKey the receiver's 64-byte secp256k1 encryption key the new data key is sealed
 *     to
 * @param proof the 65-byte signature r || s || v
 * @param deadline the last block timestamp (seconds) the proof is valid at
 */
public record AccessProof(
    Bytes32 oldDataHash,
    Bytes32 newDataHash,
    Bytes nonce,
    Bytes encryptedPubKey,
    Bytes proof,
    long deadline) {

  /** The same proof with {@code signature} in place. */
  public AccessProof withProof(Bytes signature) {
    return new AccessProof(oldDataHash, newDataHash, nonce, encryptedPubKey, signature, deadline);
  }

  List<Object> abiValue() {
    return List.of(oldDataHash, newDataHash, nonce, encryptedPubKey, proof, deadline);
  }
}
