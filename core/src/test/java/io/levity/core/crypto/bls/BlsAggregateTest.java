package io.levity.core.crypto.bls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.bn254.G1Point;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BlsAggregateTest {
  private static final Bytes32 MESSAGE = Keccak.hash(Bytes.of((byte) 42));

  @Property(tries = 5)
  void anAggregateVerifiesWithTheAggregateKey(
      @ForAll @IntRange(min = 1, max = 6) int n, @ForAll int seed) {
    List<BlsPublicKey> keys = new ArrayList<>();
    List<BlsSignature> sigs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BlsKeyPair pair = Bls.fromSeed(Keccak.hash(Bytes.of((byte) i, (byte) seed, (byte) 7)));
      keys.add(pair.publicKey());
      sigs.add(Bls.sign(pair.secret(), MESSAGE));
    }
    BlsPublicKey apk = Bls.aggregateKeys(keys);
    BlsSignature sigma = Bls.aggregateSignatures(sigs);
    assertThat(Bls.verify(apk, MESSAGE, sigma)).isTrue();
    assertThat(Bls.verifyAggregate(apk, MESSAGE, sigma)).isTrue();
    assertThat(Bls.verifyAggregate(apk, Keccak.hash(MESSAGE), sigma)).isFalse();
    if (n > 1) {
      // one signer missing: the aggregate no longer matches
      BlsSignature partial = Bls.aggregateSignatures(sigs.subList(1, n));
      assertThat(Bls.verify(apk, MESSAGE, partial)).isFalse();
      assertThat(Bls.verifyAggregate(apk, MESSAGE, partial)).isFalse();
    }
  }

  @Test
  void aggregationIsAPointSum() {
    BlsKeyPair a = Bls.fromSeed(Bytes32.ZERO);
    BlsKeyPair b = Bls.fromSeed(Keccak.hash(Bytes32.ZERO));
    BlsSecretKey sum =
        new BlsSecretKey(a.secret().scalar().add(b.secret().scalar()).mod(G1Point.ORDER));
    assertThat(Bls.aggregateKeys(List.of(a.publicKey(), b.publicKey())))
        .isEqualTo(Bls.fromSecret(sum).publicKey());
    assertThat(
            Bls.aggregateSignatures(
                List.of(Bls.sign(a.secret(), MESSAGE), Bls.sign(b.secret(), MESSAGE))))
        .isEqualTo(Bls.sign(sum, MESSAGE));
    assertThat(Bls.aggregateKeys(List.of(a.publicKey()))).isEqualTo(a.publicKey());
  }

  @Test
  void emptyAndMalformedInputsAreRefused() {
    assertThatThrownBy(() -> Bls.aggregateSignatures(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Bls.aggregateKeys(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Bls.aggregateSignatures(List.of(new BlsSignature(Bytes.wrap(new byte[3])))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed signature");
  }

  @Test
  void verifyAggregateRejectsAKeyWhoseHalvesDoNotShareASecret() {
    BlsKeyPair a = Bls.fromSeed(Bytes32.ZERO);
    BlsKeyPair b = Bls.fromSeed(Keccak.hash(Bytes32.ZERO));
    BlsKeyPair c = Bls.fromSeed(Keccak.hash(Keccak.hash(Bytes32.ZERO)));
    BlsPublicKey apk = Bls.aggregateKeys(List.of(a.publicKey(), b.publicKey()));
    BlsSignature sigma =
        Bls.aggregateSignatures(
            List.of(Bls.sign(a.secret(), MESSAGE), Bls.sign(b.secret(), MESSAGE)));
    // the G1 half of a different set: the pairing with G2 alone still holds
    BlsPublicKey mismatched =
        new BlsPublicKey(Bls.aggregateKeys(List.of(a.publicKey(), c.publicKey())).g1(), apk.g2());
    assertThat(Bls.verify(mismatched, MESSAGE, sigma)).isTrue();
    assertThat(Bls.verifyAggregate(mismatched, MESSAGE, sigma)).isFalse();
    assertThat(Bls.verifyAggregate(apk, MESSAGE, sigma)).isTrue();
  }
}
