package io.levity.core.crypto.bls;

/**
 * A secret key and its public key.
 *
 * @param secret the secret scalar
 * @param publicKey its G1 and G2 halves
 */
public record BlsKeyPair(BlsSecretKey secret, BlsPublicKey publicKey) {}
