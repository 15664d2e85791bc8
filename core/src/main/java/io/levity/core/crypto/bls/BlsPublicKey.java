package io.levity.core.crypto.bls;

import io.levity.core.bytes.Bytes;

/**
 * A BLS public key in both groups: {@code g1 = sk * G1} (64 bytes, the EVM's encoding: x, y) and
 * {@code g2 = sk * G2} (128 bytes, the EVM's pairing-precompile encoding: x.imaginary, x.real,
 * y.imaginary, y.real). The contract sums G1 halves on chain (ecAdd is cheap) and pairs the G2
 * half; a proof of possession ties both halves to one secret.
 *
 * @param g1 64-byte encoding of the G1 half
 * @param g2 128-byte encoding of the G2 half
 */
public record BlsPublicKey(Bytes g1, Bytes g2) {}
