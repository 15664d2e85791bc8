package io.levity.da.quorum;

import io.levity.core.bytes.Address;
import io.levity.core.crypto.bls.BlsPublicKey;
import java.math.BigInteger;

/**
 * A DA node as the contract records it.
 *
 * @param index its registration index: its bit in a certificate's signer bitmap (0 to 255)
 * @param operator the address that registered it and holds its stake
 * @param stake its stake in wei
 * @param key its BLS key (both halves, proven at registration)
 * @param endpoint its HTTP base URL, for example {@code http://127.0.0.1:8900}
 */
public record QuorumMember(
    int index, Address operator, BigInteger stake, BlsPublicKey key, String endpoint) {}
