package io.levity.evm.precompile;

import static io.levity.evm.precompile.PrecompileTestSupport.concat;
import static io.levity.evm.precompile.PrecompileTestSupport.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.crypto.Ed25519;
import io.levity.evm.fork.EvmSpecs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Levity's ED25519VERIFY precompile (0x...ed25): RFC 8032's vectors, bad inputs and its price. */
class Ed25519VerifyTest {
  /** A signature of RFC 8032 section 7.1: seed, public key, message, signature. */
  private record Vector(String seed, String publicKey, String message, String signature) {}

  private static final Vector TEST_1 =
      new Vector(
          "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
          "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
          "",
          "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
              + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  private static final Vector TEST_2 =
      new Vector(
          "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
          "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
          "72",
          "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
              + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
  private static final Vector TEST_3 =
      new Vector(
          "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
          "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
          "af82",
          "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
              + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a");

  private static final byte[] ONE = hex("00".repeat(31) + "01");
  private static final Precompile VERIFY = Precompiles.ED25519_VERIFY;

  @Test
  void rfc8032VectorsOneToThreeVerifyAndOnlyWithTheirOwnKeyAndMessage() {
    for (Vector v : new Vector[] {TEST_1, TEST_2, TEST_3}) {
      Ed25519.KeyPair keys = Ed25519.KeyPair.fromSeed(hex(v.seed()));
      assertThat(hex(keys.publicKey())).isEqualTo(v.publicKey());
      assertThat(hex(keys.sign(hex(v.message())))).isEqualTo(v.signature());
      assertThat(Ed25519Verify.verify(hex(v.message()), hex(v.publicKey()), hex(v.signature())))
          .as("RFC 8032 vector with key %s", v.publicKey())
          .isTrue();
      assertThat(
              Ed25519Verify.verify(hex(v.message() + "00"), hex(v.publicKey()), hex(v.signature())))
          .isFalse();
    }
    assertThat(
            Ed25519Verify.verify(
                hex(TEST_1.message()), hex(TEST_2.publicKey()), hex(TEST_1.signature())))
        .isFalse();
  }

  @Test
  void aSignatureOverA32ByteMessageReturnsTheWordOne() {
    Ed25519.KeyPair keys = Ed25519.KeyPair.fromSeed(hex(TEST_1.seed()));
    byte[] message = hex("11".repeat(32));
    byte[] out = VERIFY.run(concat(message, keys.publicKey(), keys.sign(message)));
    assertThat(out).isEqualTo(ONE);
  }

  @Test
  void aWrongKeyOrAFlippedBitGivesEmptyOutput() {
    Ed25519.KeyPair keys = Ed25519.KeyPair.fromSeed(hex(TEST_1.seed()));
    byte[] message = hex("22".repeat(32));
    byte[] sig = keys.sign(message);
    byte[] otherKey = hex(TEST_2.publicKey());
    assertThat(VERIFY.run(concat(message, otherKey, sig))).isEmpty();
    byte[] good = concat(message, keys.publicKey(), sig);
    for (int bit : new int[] {0, 8 * 31 + 7, 8 * 32, 8 * 63, 8 * 64, 8 * 100 + 3, 8 * 127 + 7}) {
      byte[] flipped = good.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(VERIFY.run(flipped)).as("bit %d flipped", bit).isEmpty();
    }
    // A public key that is not a point on the curve: invalid, not a failed call.
    byte[] notAPoint = concat(message, hex("ff".repeat(32)), sig);
    assertThat(VERIFY.run(notAPoint)).isNotNull().isEmpty();
  }

  @Test
  void anyLengthButExactly128BytesGivesEmptyOutput() {
    Ed25519.KeyPair keys = Ed25519.KeyPair.fromSeed(hex(TEST_1.seed()));
    byte[] message = hex("33".repeat(32));
    byte[] good = concat(message, keys.publicKey(), keys.sign(message));
    assertThat(VERIFY.run(good)).isEqualTo(ONE);
    assertThat(VERIFY.run(new byte[0])).isNotNull().isEmpty();
    assertThat(VERIFY.run(Arrays.copyOf(good, 127))).isNotNull().isEmpty();
    assertThat(VERIFY.run(Arrays.copyOf(good, 129))).isNotNull().isEmpty();
  }

  @Test
  void itCosts2000GasWhateverTheInput() {
    for (int n : new int[] {0, 1, 127, 128, 129, 4096})
      assertThat(VERIFY.gas(new byte[n])).as("%d bytes", n).isEqualTo(2000);
  }

  @Test
  void onlyLevitysSpecHasItCancunAndShanghaiDoNot() {
    int address = Precompiles.ED25519_VERIFY_ADDRESS;
    assertThat(address).isEqualTo(0xed25);
    assertThat(EvmSpecs.cancun().precompiles().at(address)).isNull();
    assertThat(EvmSpecs.shanghai().precompiles().at(address)).isNull();
    PrecompileSet levity = EvmSpecs.levity().precompiles();
    assertThat(levity.at(address)).isSameAs(VERIFY);
    assertThat(levity.addresses())
        .containsExactlyElementsOf(
            concatLists(
                EvmSpecs.cancun().precompiles().addresses(),
                Address.fromHex("0x000000000000000000000000000000000000ed25")));
    // Everything else is Cancun's.
    for (int a = 1; a <= 0xff; a++)
      assertThat(levity.at(a)).isSameAs(EvmSpecs.cancun().precompiles().at(a));
    assertThat(EvmSpecs.levity().gas()).isEqualTo(EvmSpecs.cancun().gas());
    assertThat(EvmSpecs.levity().rules()).isEqualTo(EvmSpecs.cancun().rules());
  }

  private static <T> List<T> concatLists(List<T> first, T last) {
    List<T> out = new ArrayList<>(first);
    out.add(last);
    return out;
  }
}
