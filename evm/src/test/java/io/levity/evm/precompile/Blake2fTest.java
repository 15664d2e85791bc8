package io.levity.evm.precompile;

import static io.levity.evm.precompile.PrecompileTestSupport.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The test vectors of EIP-152. */
class Blake2fTest {
  /** h, m ("abc"), t = 3: the state of BLAKE2b-512 hashing "abc", after the rounds prefix. */
  private static final String BODY =
      "48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5"
          + "d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b"
          + "6162630000000000000000000000000000000000000000000000000000000000"
          + "0000000000000000000000000000000000000000000000000000000000000000"
          + "0000000000000000000000000000000000000000000000000000000000000000"
          + "0000000000000000000000000000000000000000000000000000000000000000"
          + "0300000000000000"
          + "0000000000000000";

  private final Blake2f blake2f = new Blake2f();

  @Test
  void vector0EmptyInputFails() {
    assertThat(blake2f.run(new byte[0])).isNull();
    assertThat(blake2f.gas(new byte[0])).isZero();
  }

  @Test
  void vectors1And2WrongLengthFails() {
    byte[] tooShort = hex("00000c" + BODY + "01");
    byte[] tooLong = hex("000000000c" + BODY + "01");
    assertThat(tooShort).hasSize(212);
    assertThat(tooLong).hasSize(214);
    assertThat(blake2f.run(tooShort)).isNull();
    assertThat(blake2f.run(tooLong)).isNull();
  }

  @Test
  void vector3BadFinalFlagFails() {
    byte[] in = hex("0000000c" + BODY + "02");
    assertThat(blake2f.run(in)).isNull();
    assertThat(blake2f.gas(in)).isEqualTo(12);
  }

  @Test
  void vector4ZeroRounds() {
    assertVector(
        "00000000",
        "01",
        0,
        "08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5"
            + "d282e6ad7f520e511f6c3e2b8c68059b9442be0454267ce079217e1319cde05b");
  }

  /** Twelve rounds with the final flag: BLAKE2b-512("abc"). */
  @Test
  void vector5TwelveRounds() {
    assertVector(
        "0000000c",
        "01",
        12,
        "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
            + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
  }

  @Test
  void vector6NotFinal() {
    assertVector(
        "0000000c",
        "00",
        12,
        "75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d28752"
            + "98743e7f6d5ea2f2d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735");
  }

  @Test
  void vector7OneRound() {
    assertVector(
        "00000001",
        "01",
        1,
        "b63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fb"
            + "a551b3a8333bcdf5f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421");
  }

  /** EIP-152's vector: rounds (4 bytes), the fixed body, the final flag; its gas and output. */
  private void assertVector(String rounds, String flag, long gas, String output) {
    byte[] in = hex(rounds + BODY + flag);
    assertThat(blake2f.gas(in)).isEqualTo(gas);
    assertThat(hex(blake2f.run(in))).isEqualTo(output);
  }

  /** Vector 8 runs 2^32 - 1 rounds (minutes of CPU); only its price is checked here. */
  @Test
  void vector8MaximumRoundsIsPricedAsAnUnsignedCount() {
    byte[] in = hex("ffffffff" + BODY + "01");
    assertThat(blake2f.gas(in)).isEqualTo(4294967295L);
  }
}
