package io.levity.consensus.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.consensus.TestNet;
import io.levity.core.bytes.Bytes;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TypesTest {
  @Property(tries = 200)
  void aBitmapHoldsExactlyTheIndicesItWasMadeOf(
      @ForAll @IntRange(min = 1, max = 300) int size,
      @ForAll @Size(max = 40) Set<@IntRange(min = 0, max = 299) Integer> picks) {
    BitSet set = new BitSet();
    for (int i : picks) if (i < size) set.set(i);
    SignerBitmap b = SignerBitmap.of(size, set);
    assertThat(b.count()).isEqualTo(set.cardinality());
    for (int i = 0; i < size; i++) assertThat(b.contains(i)).isEqualTo(set.get(i));
    assertThat(b.indices()).containsExactly(set.stream().toArray());
  }

  @Test
  void bitsPastTheSizeMakeABitmapInvalid() {
    assertThatThrownBy(() -> new SignerBitmap(4, Bytes.of((byte) 0x01)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignerBitmap(4, Bytes.of((byte) 0, (byte) 0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new SignerBitmap(4, Bytes.of((byte) 0xf0)).count()).isEqualTo(4);
  }

  @Test
  void quorumIsMoreThanTwoThirdsAndValidityMoreThanAThird() {
    assertThat(set(1, 1, 1, 1).quorumPower()).isEqualTo(3);
    assertThat(set(1, 1, 1, 1).validityPower()).isEqualTo(2);
    ValidatorSet seven = set(1, 1, 1, 1, 1, 1, 1);
    assertThat(seven.quorumPower()).isEqualTo(5);
    assertThat(seven.validityPower()).isEqualTo(3);
    ValidatorSet weighted = set(10, 20, 30, 40);
    assertThat(weighted.quorumPower()).isEqualTo(67);
    // Two quorums always overlap in more than a third of the power.
    assertThat(2 * weighted.quorumPower() - weighted.totalPower())
        .isGreaterThan(weighted.totalPower() / 3);
  }

  @Test
  void equalPowerLeadersRotateRoundRobin() {
    ValidatorSet s = set(1, 1, 1, 1, 1);
    for (long r = 0; r < 20; r++) assertThat(s.leader(r)).isEqualTo((int) (r % 5));
  }

  @Test
  void weightedLeadersLeadInProportionAndSpreadOut() {
    ValidatorSet s = set(1, 2, 3, 4);
    int[] count = new int[4];
    int maxRun = 0;
    int run = 0;
    int prev = -1;
    for (long r = 0; r < 1_000; r++) {
      int l = s.leader(r);
      count[l]++;
      run = l == prev ? run + 1 : 1;
      maxRun = Math.max(maxRun, run);
      prev = l;
    }
    assertThat(count).containsExactly(100, 200, 300, 400);
    assertThat(maxRun).isLessThanOrEqualTo(2);
  }

  @Test
  void signaturesAreDomainSeparatedByKindAndChain() {
    TestNet net = new TestNet(4);
    ConsensusBlock b = net.block(1, net.genesisQc, "x");
    VoteData d = VoteData.of(b);
    SigningDomain other = new SigningDomain(TestNet.CHAIN_ID + 1);
    assertThat(net.domain.vote(d)).isNotEqualTo(other.vote(d));
    Bytes sig = net.signers.get(0).sign(net.domain.timeout(1, 1, 0));
    Bytes key = net.validators.get(0).publicKey();
    assertThat(net.scheme.verify(key, net.domain.timeout(1, 1, 0), sig)).isTrue();
    assertThat(net.scheme.verify(key, other.timeout(1, 1, 0), sig)).isFalse();
    assertThat(net.scheme.verify(key, net.domain.proposal(1, 1, b.id()), sig)).isFalse();
  }

  @Test
  void aBlockIdCoversEveryField() {
    TestNet net = new TestNet(4);
    ConsensusBlock a = net.block(1, net.genesisQc, "x");
    assertThat(net.block(1, net.genesisQc, "y").id()).isNotEqualTo(a.id());
    assertThat(net.block(2, net.genesisQc, "x").id()).isNotEqualTo(a.id());
    assertThat(net.block(1, net.genesisQc, "x").id()).isEqualTo(a.id());
    assertThat(a.height()).isEqualTo(1);
    assertThat(VoteData.of(net.block(2, net.qc(a), "z")).commitsParent()).isTrue();
    assertThat(VoteData.of(net.block(3, net.qc(a), "z")).commitsParent()).isFalse();
  }

  private static ValidatorSet set(long... powers) {
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < powers.length; i++) vs.add(new Validator(Bytes.of((byte) i), powers[i]));
    return new ValidatorSet(1, vs);
  }
}
