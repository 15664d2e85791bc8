/**
 * BLS signatures on BN254, the curve the EVM's pairing precompile checks: secret keys in F_r,
 * signatures and a key's first half in G1, its second half in G2, hashing to G1 by
 * try-and-increment exactly as the DataAvailability contract does, aggregation, and proofs of
 * possession against rogue keys.
 */
package io.levity.core.crypto.bls;
