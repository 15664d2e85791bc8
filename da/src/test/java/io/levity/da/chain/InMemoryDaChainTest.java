package io.levity.da.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsKeyPair;
import io.levity.core.crypto.bls.BlsPublicKey;
import io.levity.core.crypto.bls.BlsSecretKey;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.core.crypto.bn254.G1Point;
import io.levity.core.crypto.bn254.G2Point;
import io.levity.da.chain.DaRules.Refusal;
import io.levity.da.quorum.Quorum;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract's rules in memory: the same cases as the contract tests, without the EVM. */
class InMemoryDaChainTest {
  private final InMemoryDaChain chain = new InMemoryDaChain();
  private final Bytes32 blob = DaFixture.blob("blob");

  @BeforeEach
  void threeNodes() {
    for (int i = 0; i < 3; i++)
      assertThat(chain.register(DaFixture.key(i), "http://127.0.0.1:" + (8900 + i), BigInteger.TEN))
          .isEqualTo(i);
    assertThat(chain.quorum(0).members()).isEmpty();
    assertThat(chain.advanceEpoch()).isEqualTo(1);
  }

  private DaCertificate certificate(long epoch, List<Integer> signers, List<Integer> keys) {
    Bytes32 m = chain.signingMessage(blob, epoch);
    List<BlsSignature> sigs = new ArrayList<>();
    List<BlsPublicKey> pks = new ArrayList<>();
    for (int i : keys) {
      sigs.add(Bls.sign(DaFixture.key(i).secret(), m));
      pks.add(DaFixture.key(i).publicKey());
    }
    return new DaCertificate(
        blob,
        epoch,
        DaFixture.bitmap(signers),
        Bls.aggregateSignatures(sigs),
        Bls.aggregateKeys(pks));
  }

  @Test
  void aQuorumCertifiesOnce() {
    Quorum q = chain.quorum(1);
    assertThat(q.members()).hasSize(3);
    assertThat(q.seed()).isEqualTo(InMemoryDaChain.epochSeed(1, Bytes32.ZERO));
    assertThat(q.thresholdBps()).isEqualTo(DaRules.DEFAULT_THRESHOLD_BPS);
    DaCertificate c = certificate(1, List.of(0, 1, 2), List.of(0, 1, 2));
    assertThat(chain.checkCertificate(c)).isTrue();
    chain.certify(c);
    assertThat(chain.certified(blob))
        .hasValueSatisfying(b -> assertThat(b.signers()).isEqualTo(BigInteger.valueOf(7)));
    assertThatThrownBy(() -> chain.certify(c)).hasMessageContaining("AlreadyCertified");
    assertThat(chain.checkCertificate(c)).isTrue();
  }

  @Test
  void refusesWhatTheContractRefuses() {
    // One of three equal stakes is under two thirds; two of three, exactly two thirds, pass.
    assertThat(chain.check(certificate(1, List.of(0), List.of(0))))
        .contains(Refusal.UNDER_THRESHOLD);
    assertThat(chain.check(certificate(1, List.of(0, 1), List.of(0, 1)))).isEmpty();
    // Two sign, the bitmap claims three.
    assertThat(chain.check(certificate(1, List.of(0, 1, 2), List.of(0, 1))))
        .contains(Refusal.BAD_SIGNATURE);
    assertThat(chain.check(certificate(1, List.of(0, 1, 3), List.of(0, 1))))
        .contains(Refusal.UNKNOWN_SIGNER);
    chain.advanceEpoch();
    chain.advanceEpoch();
    List<Integer> all = List.of(0, 1, 2);
    assertThat(chain.check(certificate(1, all, all))).contains(Refusal.STALE_EPOCH);
    assertThat(chain.check(certificate(2, all, all))).isEmpty();
  }

  @Test
  void rogueKeysAndExitedNodes() {
    BlsPublicKey victim = DaFixture.key(0).publicKey();
    BigInteger a = BigInteger.valueOf(987_654_321);
    BlsPublicKey rogue =
        new BlsPublicKey(
            Bytes.wrap(
                G1Point.GENERATOR
                    .mul(a)
                    .add(G1Point.decode(victim.g1().toArray(), 0).negate())
                    .encode()),
            Bytes.wrap(
                G2Point.GENERATOR
                    .mul(a)
                    .add(G2Point.decode(victim.g2().toArray(), 0).negate())
                    .encode()));
    Address attacker = DaFixture.operator(9);
    BlsSignature forged = Bls.sign(new BlsSecretKey(a), chain.popMessage(attacker, rogue.g1()));
    assertThatThrownBy(() -> chain.register(attacker, rogue, forged, "http://x", BigInteger.TEN))
        .hasMessageContaining("BadPossessionProof");
    BlsKeyPair k0 = DaFixture.key(0);
    chain.exit(InMemoryDaChain.operatorOf(k0.publicKey()));
    assertThat(chain.quorum(1).members()).hasSize(3);
    chain.advanceEpoch();
    assertThat(chain.quorum(2).members()).extracting(m -> m.index()).containsExactly(1, 2);
    assertThat(chain.check(certificate(2, List.of(0, 1, 2), List.of(0, 1, 2))))
        .contains(Refusal.UNKNOWN_SIGNER);
  }
}
