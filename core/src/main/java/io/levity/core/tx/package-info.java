/**
 * The transaction wire format: the legacy (EIP-155), EIP-2930, EIP-1559 and EIP-4844 envelopes,
 * their strict decoding, encoding, hashing and signing. Whether a transaction is acceptable for a
 * fork, chain or account is the execution layer's question; the format lives here so that clients
 * (the SDK) sign without the EVM.
 */
package io.levity.core.tx;
