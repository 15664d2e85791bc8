package io.levity.da.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.BlsPublicKey;
import io.levity.da.chain.DaRules;
import io.levity.da.quorum.Assignment;
import io.levity.da.quorum.Quorum;
import io.levity.da.quorum.QuorumMember;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two thirds of the stake does not always hold half of each piece: in a quorum of 130 (70 nodes of
 * stake 50, 60 of stake 121) the 60 heavy nodes hold 67.5% of the stake but, after Assignment's
 * rounding, fewer than 64 cells of a piece. The client must not certify on their signatures alone.
 */
class RecoverabilityTest {
  @Test
  void theThresholdOfStakeIsNotEnoughInALargeQuorum() {
    List<QuorumMember> members = new ArrayList<>();
    BlsPublicKey none = new BlsPublicKey(Bytes.wrap(new byte[64]), Bytes.wrap(new byte[128]));
    BigInteger heavy = BigInteger.ZERO;
    for (int i = 0; i < 130; i++) {
      long stake = i < 70 ? 50 : 121;
      members.add(new QuorumMember(i, Address.ZERO, BigInteger.valueOf(stake), none, "x"));
      if (i >= 70) heavy = heavy.setBit(i);
    }
    Quorum q = new Quorum(3, Bytes32.ZERO, members, DaRules.DEFAULT_THRESHOLD_BPS);
    Assignment a = Assignment.of(q, Bytes32.fromBigInteger(BigInteger.TEN), 2);
    assertThat(q.meetsThreshold(heavy)).isTrue();
    assertThat(Disperser.recoverable(a, heavy, 2)).isFalse();
    BigInteger all = BigInteger.ONE.shiftLeft(130).subtract(BigInteger.ONE);
    assertThat(Disperser.recoverable(a, all, 2)).isTrue();
  }
}
