package io.levity.da.chain;

import static io.levity.da.chain.DaFixture.ETHER;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsKeyPair;
import io.levity.core.crypto.bls.BlsPublicKey;
import io.levity.core.crypto.bls.BlsSecretKey;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.core.crypto.bn254.G1Point;
import io.levity.core.crypto.bn254.G2Point;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Registration on the compiled DataAvailability contract: stake, proof of possession, epochs. */
class DataAvailabilityRegistrationTest {
  private final DaFixture f = new DaFixture();

  private DaEvm.Outcome registerWith(
      Address operator, BlsPublicKey pk, BlsSignature pop, BigInteger stake) {
    return f.tryRegister(operator, pk, pop, stake);
  }

  private BlsSignature pop(BlsKeyPair k, Address operator) {
    return Bls.provePossession(k, f.popMessage(operator, k.publicKey().g1()));
  }

  @Test
  void aValidProofRegistersTheNodeActiveFromTheNextEpoch() {
    f.evm.setBlock(25); // epoch 2
    DaEvm.Outcome o = f.register(ETHER);
    assertThat(o.event(DataAvailabilityContract.NODE_REGISTERED))
        .hasValueSatisfying(e -> assertThat(e.longValue(0)).isZero());
    DaNodeRecord n =
        RpcDaChain.decodeNode(0, f.evm.view(f.contract, DataAvailabilityContract.NODE, 0));
    assertThat(n.operator()).isEqualTo(DaFixture.operator(0));
    assertThat(n.key()).isEqualTo(DaFixture.key(0).publicKey());
    assertThat(n.stake()).isEqualTo(ETHER);
    assertThat(n.endpoint()).isEqualTo("http://127.0.0.1:8900");
    assertThat(n.activationEpoch()).isEqualTo(3);
    assertThat(n.exited()).isFalse();
    assertThat(n.activeIn(2)).isFalse();
    assertThat(n.activeIn(3)).isTrue();
    assertThat(f.evm.view(f.contract, DataAvailabilityContract.TOTAL_STAKE, 2).bigInteger(0))
        .isZero();
    assertThat(f.evm.view(f.contract, DataAvailabilityContract.TOTAL_STAKE, 3).bigInteger(0))
        .isEqualTo(ETHER);
    // The contract hashes the proof-of-possession message as DaMessages does.
    assertThat(
            f.evm
                .view(
                    f.contract,
                    DataAvailabilityContract.POP_MESSAGE,
                    n.operator(),
                    DataAvailabilityContract.words(n.key().g1()))
                .bytes32(0))
        .isEqualTo(f.popMessage(n.operator(), n.key().g1()));
  }

  @Test
  void aProofForAnotherOperatorOrByAnotherKeyIsRefused() {
    BlsKeyPair k = DaFixture.key(0);
    Address op = DaFixture.operator(0);
    // A proof made for another account cannot be replayed by this one.
    assertThat(registerWith(op, k.publicKey(), pop(k, DaFixture.operator(1)), ETHER).error())
        .contains("BadPossessionProof");
    // Nor can another key's proof stand for this key.
    assertThat(registerWith(op, k.publicKey(), pop(DaFixture.key(1), op), ETHER).error())
        .contains("BadPossessionProof");
    assertThat(registerWith(op, k.publicKey(), pop(k, op), ETHER).ok()).isTrue();
  }

  @Test
  void aRogueKeyCannotRegister() {
    // The victim registers honestly; the attacker picks pk = a*G - pk_victim in both groups, so
    // that the two together would aggregate to a*G, a key whose secret the attacker knows.
    f.register(ETHER);
    BlsPublicKey victim = f.keys.get(0).publicKey();
    BigInteger a = BigInteger.valueOf(123_456_789);
    G1Point r1 = G1Point.GENERATOR.mul(a).add(G1Point.decode(victim.g1().toArray(), 0).negate());
    G2Point r2 = G2Point.GENERATOR.mul(a).add(G2Point.decode(victim.g2().toArray(), 0).negate());
    BlsPublicKey rogue = new BlsPublicKey(Bytes.wrap(r1.encode()), Bytes.wrap(r2.encode()));
    Address attacker = DaFixture.operator(99);
    // The best the attacker can sign with is a: a proof for a*G, not for the rogue key.
    BlsSignature forged = Bls.sign(new BlsSecretKey(a), f.popMessage(attacker, rogue.g1()));
    assertThat(registerWith(attacker, rogue, forged, ETHER).error()).contains("BadPossessionProof");
    assertThat(f.evm.view(f.contract, DataAvailabilityContract.NODE_COUNT).longValue(0))
        .isEqualTo(1);
  }

  @Test
  void halvesOfDifferentSecretsAreRefused() {
    // G1 half of one key, G2 half (and a valid signature under it) of another: the signature
    // alone checks against the G2 half, but the gamma term ties the halves.
    BlsKeyPair k0 = DaFixture.key(0);
    BlsKeyPair k1 = DaFixture.key(1);
    Address op = DaFixture.operator(0);
    BlsPublicKey mixed = new BlsPublicKey(k0.publicKey().g1(), k1.publicKey().g2());
    BlsSignature sig = Bls.sign(k1.secret(), f.popMessage(op, mixed.g1()));
    assertThat(registerWith(op, mixed, sig, ETHER).error()).contains("BadPossessionProof");
  }

  @Test
  void stakeEndpointAndOneNodePerOperatorAreEnforced() {
    BlsKeyPair k = DaFixture.key(0);
    Address op = DaFixture.operator(0);
    assertThat(registerWith(op, k.publicKey(), pop(k, op), ETHER.subtract(BigInteger.ONE)).error())
        .contains("StakeTooLow");
    f.evm.fund(op, ETHER.multiply(BigInteger.TWO));
    DaEvm.Outcome longEndpoint =
        f.evm.call(
            op,
            f.contract,
            ETHER,
            DaFixture.registerCall(k.publicKey(), pop(k, op), "x".repeat(257)));
    assertThat(longEndpoint.error()).contains("BadEndpoint");
    assertThat(registerWith(op, k.publicKey(), pop(k, op), ETHER).ok()).isTrue();
    BlsKeyPair k2 = DaFixture.key(2);
    assertThat(registerWith(op, k2.publicKey(), pop(k2, op), ETHER).error())
        .contains("AlreadyRegistered");
    BlsPublicKey zero = new BlsPublicKey(Bytes.wrap(new byte[64]), Bytes.wrap(new byte[128]));
    assertThat(
            registerWith(
                    DaFixture.operator(3), zero, new BlsSignature(Bytes.wrap(new byte[64])), ETHER)
                .error())
        .contains("ZeroKey");
  }

  @Test
  void anExitedNodeLeavesTheNextEpochAndWithdrawsAfterTheDelay() {
    f.registerAll(2, ETHER); // epoch 1: both active
    Address op = f.operators.get(0);
    assertThat(f.evm.call(op, f.contract, BigInteger.ZERO, exit()).ok()).isTrue();
    assertThat(f.evm.call(op, f.contract, BigInteger.ZERO, exit()).error())
        .contains("AlreadyExited");
    assertThat(f.evm.view(f.contract, DataAvailabilityContract.TOTAL_STAKE, 1).bigInteger(0))
        .isEqualTo(ETHER.multiply(BigInteger.TWO));
    assertThat(f.evm.view(f.contract, DataAvailabilityContract.TOTAL_STAKE, 2).bigInteger(0))
        .isEqualTo(ETHER);
    DaNodeRecord n =
        RpcDaChain.decodeNode(0, f.evm.view(f.contract, DataAvailabilityContract.NODE, 0));
    assertThat(n.exitEpoch()).isEqualTo(2);
    f.nextEpoch(); // 2: exit + delay 2 = 4
    f.nextEpoch(); // 3
    assertThat(f.evm.call(op, f.contract, BigInteger.ZERO, withdraw()).error())
        .contains("NotWithdrawable");
    f.nextEpoch(); // 4
    BigInteger before = f.evm.balance(op).toBigInteger();
    assertThat(f.evm.call(op, f.contract, BigInteger.ZERO, withdraw()).ok()).isTrue();
    assertThat(f.evm.balance(op).toBigInteger()).isEqualTo(before.add(ETHER));
    assertThat(f.evm.call(op, f.contract, BigInteger.ZERO, withdraw()).error())
        .contains("NotWithdrawable");
  }

  private static Bytes exit() {
    return DataAvailabilityContract.EXIT.encodeCall();
  }

  private static Bytes withdraw() {
    return DataAvailabilityContract.WITHDRAW.encodeCall();
  }
}
