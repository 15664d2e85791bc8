package io.levity.evm.precompile;

import io.levity.core.crypto.Ed25519;
import java.util.Arrays;

/**
 * Levity's Ed25519 verification precompile at {@code 0x...ed25} (Levity's chain only, never an
 * Ethereum fork): storage node ids are Ed25519 public keys, and the storage registry checks a node
 * key's signature with it. Input: exactly 128 bytes, a 32-byte message ‖ a 32-byte public key ‖ a
 * 64-byte signature (RFC 8032 Ed25519, cofactorless; S must be below the group order and the key a
 * canonical point encoding). Output: the word 1 when the signature is valid; empty output (the call
 * still succeeds, as RIP-7212's P256VERIFY) for an invalid signature or any other input length.
 * Gas: 2000 whatever the input (the figure EIP-665 proposed for Ed25519 verification).
 */
final class Ed25519Verify {
  /** The precompile's address number: {@code 0x000000000000000000000000000000000000ed25}. */
  static final int ADDRESS = 0xed25;

  /** Flat price of one verification. */
  static final long GAS = 2000;

  /** message (32) ‖ public key (32) ‖ signature (64). */
  static final int INPUT_SIZE = 32 + Ed25519.PUBLIC_KEY_SIZE + Ed25519.SIGNATURE_SIZE;

  private static final byte[] VALID = new byte[32];

  static {
    VALID[31] = 1;
  }

  private Ed25519Verify() {}

  static byte[] run(byte[] input) {
    if (input.length != INPUT_SIZE) return Inputs.EMPTY;
    boolean valid =
        verify(
            Arrays.copyOfRange(input, 0, 32),
            Arrays.copyOfRange(input, 32, 64),
            Arrays.copyOfRange(input, 64, INPUT_SIZE));
    return valid ? VALID.clone() : Inputs.EMPTY;
  }

  /** The check the precompile makes, for a message of any length (RFC 8032's vectors). */
  static boolean verify(byte[] message, byte[] publicKey, byte[] signature) {
    try {
      return Ed25519.verify(publicKey, message, signature);
    } catch (RuntimeException malformed) {
      return false; // a key that is not a point: invalid, never an EVM failure
    }
  }
}
