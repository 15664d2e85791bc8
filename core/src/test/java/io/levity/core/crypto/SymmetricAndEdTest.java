package io.levity.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Hex;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SymmetricAndEdTest {
  private final SecureRandom rnd = new SecureRandom();

  @Test
  void ed25519Rfc8032Vector1() {
    // RFC 8032 section 7.1, TEST 1 (empty message).
    byte[] seed = Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    Ed25519.KeyPair kp = Ed25519.KeyPair.fromSeed(seed);
    assertThat(Hex.encodeBare(kp.publicKey()))
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    byte[] sig = kp.sign(new byte[0]);
    assertThat(Hex.encodeBare(sig))
        .isEqualTo(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    assertThat(Ed25519.verify(kp.publicKey(), new byte[0], sig)).isTrue();
    assertThat(Ed25519.verify(kp.publicKey(), new byte[] {0}, sig)).isFalse();
  }

  @Test
  void aesGcmRoundTripAndTamperDetection() throws Exception {
    byte[] key = new byte[32];
    rnd.nextBytes(key);
    byte[] msg = "agent memory".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = AesGcm.seal(key, msg, new byte[] {7}, rnd);
    assertThat(AesGcm.open(key, sealed, new byte[] {7})).isEqualTo(msg);
    assertThatThrownBy(() -> AesGcm.open(key, sealed, new byte[] {8}))
        .isInstanceOf(AesGcm.AuthenticationException.class);
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> AesGcm.open(key, sealed, new byte[] {7}))
        .isInstanceOf(AesGcm.AuthenticationException.class);
  }

  @Test
  void eciesSealsToTheRecipientOnly() throws Exception {
    Secp256k1.KeyPair alice = Secp256k1.KeyPair.random(rnd);
    Secp256k1.KeyPair eve = Secp256k1.KeyPair.random(rnd);
    byte[] secret = new byte[32];
    rnd.nextBytes(secret);
    byte[] box = Ecies.encrypt(alice.publicKey(), secret, rnd);
    assertThat(box).hasSize(secret.length + Ecies.OVERHEAD);
    assertThat(Ecies.decrypt(alice.privateKey().toArray(), box)).isEqualTo(secret);
    assertThatThrownBy(() -> Ecies.decrypt(eve.privateKey().toArray(), box))
        .isInstanceOf(AesGcm.AuthenticationException.class);
    assertThatThrownBy(() -> Ecies.decrypt(alice.privateKey().toArray(), new byte[10]))
        .isInstanceOf(AesGcm.AuthenticationException.class);
  }
}
