package io.levity.da.quorum;

import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;
import java.util.List;

/**
 * The DA nodes of one epoch.
 *
 * @param epoch the epoch ({@code block number / epoch length})
 * @param seed the epoch's randomness: the hash of the block that opened it
 * @param members the nodes active in the epoch, by ascending index
 * @param thresholdBps the share of stake a certificate needs, in basis points (6666: two thirds,
 *     rounded down)
 */
public record Quorum(long epoch, Bytes32 seed, List<QuorumMember> members, int thresholdBps) {
  /** The sum of the members' stake. */
  public BigInteger totalStake() {
    return members.stream().map(QuorumMember::stake).reduce(BigInteger.ZERO, BigInteger::add);
  }

  /** The stake of the members whose index bit is set in {@code bitmap}. */
  public BigInteger stakeOf(BigInteger bitmap) {
    BigInteger s = BigInteger.ZERO;
    for (QuorumMember m : members) if (bitmap.testBit(m.index())) s = s.add(m.stake());
    return s;
  }

  /** Whether {@code bitmap}'s stake meets the threshold: {@code signed * 10000 >= total * bps}. */
  public boolean meetsThreshold(BigInteger bitmap) {
    return stakeOf(bitmap)
            .multiply(BigInteger.valueOf(10_000))
            .compareTo(totalStake().multiply(BigInteger.valueOf(thresholdBps)))
        >= 0;
  }

  /** The member with registration index {@code index}, or null. */
  public QuorumMember member(int index) {
    for (QuorumMember m : members) if (m.index() == index) return m;
    return null;
  }
}
