package io.levity.compute.serving;

import io.levity.core.bytes.Bytes;

/**
 * One served answer as settlement needs it: the user's signed request terms and signature, the
 * provider's signed response terms and signature (both 65 bytes, r || s || v), and whether an
 * auditor can re-execute it.
 */
public record ServingReceipt(
    ServingRequestTerms request,
    Bytes userSignature,
    ServingResponseTerms response,
    Bytes providerSignature,
    boolean verifiable) {}
