/**
 * The iNFT data encryption: AES-256-GCM for an agent's data ({@link io.levity.inft.crypto.Aead}),
 * ECIES on secp256k1 for sealing data keys to a published 64-byte key ({@link
 * io.levity.inft.crypto.EciesBox}), HKDF-SHA256, and the encryption key pair derived from an
 * account key.
 */
package io.levity.inft.crypto;
