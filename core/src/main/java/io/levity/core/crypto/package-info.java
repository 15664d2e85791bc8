/**
 * Hashing (Keccak-256, SHA-256), signatures (secp256k1 with public-key recovery through
 * libsecp256k1, Ed25519) and encryption (AES-256-GCM, ECIES over secp256k1). Small static entry
 * points; the formats are documented on each class.
 */
package io.levity.core.crypto;
