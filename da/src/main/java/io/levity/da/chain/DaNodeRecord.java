package io.levity.da.chain;

import io.levity.core.bytes.Address;
import io.levity.core.crypto.bls.BlsPublicKey;
import io.levity.da.quorum.QuorumMember;
import java.math.BigInteger;

/**
 * A DA node as the DataAvailability contract stores it ({@code node(i)}).
 *
 * @param index its registration index, its bit in a signer bitmap
 * @param operator the account that registered it and holds its stake
 * @param stake its stake in wei
 * @param key its BLS key, both halves
 * @param endpoint its HTTP base URL
 * @param activationEpoch the first epoch it is in the quorum of
 * @param exitEpoch the first epoch it is no longer in (2^64 - 1 as a long, -1, while it has not
 *     exited: read unsigned)
 */
public record DaNodeRecord(
    int index,
    Address operator,
    BigInteger stake,
    BlsPublicKey key,
    String endpoint,
    long activationEpoch,
    long exitEpoch) {
  /** The exit epoch of a node that has not exited (uint64 max). */
  public static final long NOT_EXITED = -1L;

  /** Whether it belongs to the quorum of {@code epoch}: activation <= epoch < exit (unsigned). */
  public boolean activeIn(long epoch) {
    return Long.compareUnsigned(activationEpoch, epoch) <= 0
        && Long.compareUnsigned(epoch, exitEpoch) < 0;
  }

  /** Whether it has called exit. */
  public boolean exited() {
    return exitEpoch != NOT_EXITED;
  }

  /** As a quorum member. */
  public QuorumMember member() {
    return new QuorumMember(index, operator, stake, key, endpoint);
  }
}
