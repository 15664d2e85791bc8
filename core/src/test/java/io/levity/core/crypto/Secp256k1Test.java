package io.levity.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;
import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Secp256k1Test {
  // The first development account of the "test test ... junk" mnemonic.
  private static final Bytes32 DEV_KEY =
      Bytes32.fromHex32("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

  @Test
  void devAccountAddress() {
    assertThat(Secp256k1.KeyPair.fromPrivate(DEV_KEY).address().toChecksumHex())
        .isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  }

  @Property(tries = 200)
  void signThenRecoverGivesTheSigner(
      @ForAll @Size(32) byte[] seed, @ForAll @Size(32) byte[] digest) {
    byte[] k = Keccak.hash256(seed); // valid with overwhelming probability
    Secp256k1.KeyPair kp = Secp256k1.KeyPair.fromPrivate(Bytes32.wrap32(k));
    Signature sig = kp.sign(digest);
    assertThat(sig.isLowS()).isTrue();
    assertThat(Secp256k1.recoverAddress(digest, sig)).contains(kp.address());
    assertThat(Secp256k1.verify(digest, sig, kp.publicKey())).isTrue();
    byte[] other = digest.clone();
    other[0] ^= 1;
    assertThat(Secp256k1.recoverAddress(other, sig))
        .isNotEqualTo(java.util.Optional.of(kp.address()));
  }

  @Test
  void highSRecoversButDoesNotVerify() {
    Secp256k1.KeyPair kp = Secp256k1.KeyPair.fromPrivate(DEV_KEY);
    byte[] digest = Keccak.hash256(new byte[] {1, 2, 3});
    Signature sig = kp.sign(digest);
    Signature high = new Signature(sig.r(), Secp256k1.N.subtract(sig.s()), sig.recId() ^ 1);
    assertThat(Secp256k1.recoverAddress(digest, high)).contains(kp.address());
    assertThat(Secp256k1.verify(digest, high, kp.publicKey())).isFalse();
  }

  @Test
  void rejectsOutOfRangeComponents() {
    byte[] digest = new byte[32];
    assertThat(Secp256k1.recover(digest, new Signature(BigInteger.ZERO, BigInteger.ONE, 0)))
        .isEmpty();
    assertThat(Secp256k1.recover(digest, new Signature(Secp256k1.N, BigInteger.ONE, 0))).isEmpty();
  }

  @Test
  void ecdhIsSymmetric() {
    SecureRandom rnd = new SecureRandom();
    Secp256k1.KeyPair a = Secp256k1.KeyPair.random(rnd);
    Secp256k1.KeyPair b = Secp256k1.KeyPair.random(rnd);
    assertThat(Secp256k1.sharedSecretX(a.privateKey().unsafeArray(), b.publicKey()))
        .isEqualTo(Secp256k1.sharedSecretX(b.privateKey().unsafeArray(), a.publicKey()));
    assertThat(Secp256k1.decodePublicKey(Secp256k1.compress(a.publicKey())))
        .isEqualTo(a.publicKey());
    assertThat(Address.fromPublicKey(a.publicKey())).isEqualTo(a.address());
  }
}
