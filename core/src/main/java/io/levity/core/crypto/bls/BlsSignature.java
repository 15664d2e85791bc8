package io.levity.core.crypto.bls;

import io.levity.core.bytes.Bytes;

/**
 * A BLS signature (or an aggregate of several): a G1 point in the EVM's 64-byte encoding.
 *
 * @param g1 the 64-byte encoding (x, y)
 */
public record BlsSignature(Bytes g1) {}
