/**
 * How consensus signs: the {@link io.levity.consensus.crypto.SignatureScheme} behind which the
 * protocol stays the same whatever the scheme, Ed25519 as the scheme in use, and the {@link
 * io.levity.consensus.crypto.Signer} that holds one validator's key.
 */
package io.levity.consensus.crypto;
