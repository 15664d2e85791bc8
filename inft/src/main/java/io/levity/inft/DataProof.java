package io.levity.inft;

import io.levity.core.bytes.Bytes;
import java.util.List;

/**
 * An oracle's statement that a mint's or update's ciphertexts are stored: the signature over {@link
 * InftTypedData#dataStoredDigest} with its nonce and deadline.
 */
public record DataProof(Bytes nonce, long deadline, Bytes signature) {
  List<Object> abiValue() {
    return List.of(nonce, deadline, signature);
  }
}
