package io.levity.compute.serving;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;

/**
 * What the provider signs for every answer (the EIP-712 Response of the inference contract): it
 * binds the request (its hash, user and nonce) to the response (the Keccak-256 of the returned
 * text, or of the embedding vectors), the model's storage root, the tokens read and written, and
 * the fee charged.
 */
public record ServingResponseTerms(
    Bytes32 requestHash,
    Bytes32 responseHash,
    Bytes32 modelRoot,
    long inputTokens,
    long outputTokens,
    BigInteger fee,
    Address user,
    long nonce) {}
