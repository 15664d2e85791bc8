package io.levity.inft.oracle;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import java.util.Optional;

/**
 * The oracle's durable memory: each ciphertext root's data key, and the request nonces it has
 * accepted (never forgotten, so a request cannot be replayed after a restart).
 */
public interface OracleKeystore extends AutoCloseable {
  void putKey(Bytes32 root, byte[] dataKey);

  Optional<byte[]> key(Bytes32 root);

  /** Records {@code nonce} of {@code signer}; false when it was already recorded. */
  boolean spendNonce(Address signer, Bytes32 nonce);

  @Override
  void close();
}
