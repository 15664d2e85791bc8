package io.levity.compute.serving;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;

/**
 * What a user signs to ask a provider (the EIP-712 Request of the inference contract): the provider
 * asked, the Keccak-256 of the exact request body, the most the user will pay, a nonce higher than
 * any before from this user to this provider, and a deadline in Unix seconds.
 */
public record ServingRequestTerms(
    Address provider,
    Address user,
    Bytes32 requestHash,
    BigInteger maxFee,
    long nonce,
    long deadline) {}
