package io.levity.inft.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.AesGcm;
import io.levity.core.crypto.Secp256k1;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CryptoTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] hex(String h) {
    return Bytes.fromHex(h).toArray();
  }

  private static Secp256k1.KeyPair account(int n) {
    return Secp256k1.KeyPair.fromPrivate(Bytes32.leftPad(Bytes.of((byte) 0x42, (byte) n)));
  }

  @Test
  void hkdfMatchesRfc5869TestCase1() {
    byte[] okm =
        Hkdf.sha256(
            hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
            hex("000102030405060708090a0b0c"),
            hex("f0f1f2f3f4f5f6f7f8f9"),
            42);
    assertThat(Bytes.wrap(okm).toHex())
        .isEqualTo(
            "0x3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  @Test
  void aesGcmMatchesTheGcmSpecTestCase14() throws Exception {
    // McGrew-Viega test case 14: AES-256, zero key, zero nonce, one zero block.
    byte[] ct = AesGcm.encrypt(new byte[32], new byte[12], new byte[16], null);
    assertThat(Bytes.wrap(ct).toHex())
        .isEqualTo("0xcea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919");
    byte[] sealed = new byte[12 + ct.length];
    System.arraycopy(ct, 0, sealed, 12, ct.length);
    assertThat(Aead.open(new byte[32], sealed, null)).isEqualTo(new byte[16]);
  }

  @Test
  void ecdhOfTheGeneratorIsThePrivateKeyTimesG() {
    byte[] g =
        hex(
            "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
    EncryptionKeyPair two = EncryptionKeyPair.of(Bytes32.leftPad(Bytes.of((byte) 2)));
    assertThat(Bytes.wrap(two.sharedSecretX(g)).toHex())
        .isEqualTo("0xc6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5");
  }

  @Test
  void aeadRoundTripsAndRefusesTamperingAWrongKeyOrWrongData() throws Exception {
    Aead aead = new Aead(RANDOM);
    byte[] key = aead.newKey();
    byte[] msg = "an agent's weights".getBytes(StandardCharsets.UTF_8);
    byte[] box = aead.seal(key, msg, null);
    assertThat(box).hasSize(msg.length + Aead.OVERHEAD);
    assertThat(Aead.open(key, box, null)).isEqualTo(msg);
    assertThat(aead.seal(key, msg, null)).as("fresh nonce").isNotEqualTo(box);
    for (int i = 0; i < box.length; i++) {
      byte[] bad = box.clone();
      bad[i] ^= 1;
      assertThatThrownBy(() -> Aead.open(key, bad, null))
          .isInstanceOf(DecryptionException.class)
          .hasMessageContaining("wrong key or tampered");
    }
    assertThatThrownBy(() -> Aead.open(aead.newKey(), box, null))
        .isInstanceOf(DecryptionException.class);
    assertThatThrownBy(() -> Aead.open(key, box, new byte[] {1}))
        .isInstanceOf(DecryptionException.class);
    assertThatThrownBy(() -> Aead.open(key, Arrays.copyOf(box, 27), null))
        .isInstanceOf(DecryptionException.class);
  }

  @Test
  void eciesSealsToThePublishedKeyOnly() throws Exception {
    EncryptionKeyPair bob = EncryptionKeyPair.derive(account(1));
    EncryptionKeyPair eve = EncryptionKeyPair.derive(account(2));
    EciesBox ecies = new EciesBox(RANDOM);
    byte[] dataKey = new Aead(RANDOM).newKey();
    byte[] sealed = ecies.seal(bob.publicKey().toArray(), dataKey);
    assertThat(sealed).hasSize(32 + EciesBox.OVERHEAD);
    assertThat(sealed[0]).isEqualTo((byte) 4);
    assertThat(EciesBox.open(bob, sealed)).isEqualTo(dataKey);
    assertThatThrownBy(() -> EciesBox.open(eve, sealed)).isInstanceOf(DecryptionException.class);
    for (int i = 0; i < sealed.length; i += 7) {
      byte[] bad = sealed.clone();
      bad[i] ^= 0x10;
      assertThatThrownBy(() -> EciesBox.open(bob, bad)).isInstanceOf(DecryptionException.class);
    }
    assertThatThrownBy(() -> EciesBox.open(bob, new byte[10]))
        .isInstanceOf(DecryptionException.class)
        .hasMessageContaining("at least");
    assertThatThrownBy(() -> ecies.seal(new byte[64], dataKey))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ecies.seal(new byte[33], dataKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 bytes");
  }

  @Test
  void eciesKeyDerivationIsHkdfOfTheSharedX() throws Exception {
    // Rebuild the AES key by hand from the ephemeral key and the recipient's private key.
    Bytes32 priv = Bytes32.leftPad(Bytes.of((byte) 7));
    EncryptionKeyPair recipient = EncryptionKeyPair.of(priv);
    byte[] sealed = new EciesBox(RANDOM).seal(recipient.publicKey().toArray(), new byte[] {9, 9});
    byte[] eph = Arrays.copyOf(sealed, 65);
    byte[] x = Secp256k1.sharedSecretX(priv.toArray(), Arrays.copyOfRange(eph, 1, 65));
    byte[] key =
        Hkdf.sha256(x, eph, "levity.inft.ecies.v1".getBytes(StandardCharsets.US_ASCII), 32);
    assertThat(Aead.open(key, Arrays.copyOfRange(sealed, 65, sealed.length), eph))
        .containsExactly(9, 9);
  }

  @Test
  void theEncryptionKeyIsDerivedFromTheAccountKeyAndDiffersFromIt() {
    Secp256k1.KeyPair a = account(1);
    EncryptionKeyPair e = EncryptionKeyPair.derive(a);
    assertThat(EncryptionKeyPair.derive(a).publicKey()).isEqualTo(e.publicKey());
    assertThat(e.publicKey()).isNotEqualTo(Bytes.wrap(a.publicKey()));
    assertThat(EncryptionKeyPair.derive(account(2)).publicKey()).isNotEqualTo(e.publicKey());
    byte[] first =
        Hkdf.sha256(a.privateKey().toArray(), EncryptionKeyPair.SALT, new byte[] {0}, 32);
    assertThat(e.publicKey())
        .isEqualTo(Bytes.wrap(Secp256k1.KeyPair.fromPrivate(Bytes32.of32(first)).publicKey()));
  }
}
