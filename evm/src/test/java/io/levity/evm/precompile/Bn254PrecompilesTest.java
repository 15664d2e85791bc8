package io.levity.evm.precompile;

import static io.levity.evm.precompile.PrecompileTestSupport.concat;
import static io.levity.evm.precompile.PrecompileTestSupport.hex;
import static io.levity.evm.precompile.PrecompileTestSupport.word;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.crypto.bn254.G1Point;
import io.levity.core.crypto.bn254.G2Point;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ECADD, ECMUL and ECPAIRING. Expected points not derivable by hand were computed with an
 * independent implementation (noble-curves); the pairing vectors are the "jeff" and
 * "two_point_match" inputs of the Ethereum tests.
 */
class Bn254PrecompilesTest {
  static final BigInteger P =
      new BigInteger("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47", 16);
  static final BigInteger R =
      new BigInteger("30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001", 16);
  static final String G1 =
      "0000000000000000000000000000000000000000000000000000000000000001"
          + "0000000000000000000000000000000000000000000000000000000000000002";
  static final String G1_DOUBLE =
      "030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3"
          + "15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4";
  static final String G1_TRIPLE =
      "0769bf9ac56bea3ff40232bcb1b6bd159315d84715b8e679f2d355961915abf0"
          + "2ab799bee0489429554fdb7c8d086475319e63b40b9c5b57cdf1ff3dd9fe2261";
  static final String G1_TIMES_9 =
      "039730ea8dff1254c0fee9c0ea777d29a9c710b7e616683f194f18c43b43b869"
          + "073a5ffcc6fc7a28c30723d6e58ce577356982d65b833a5a5c15bf9024b43d98";
  static final String G1_TIMES_0X1234567890ABCDEF =
      "118c7a14188755cb285f38c9a3416340925c49b322fecd8ac879256bfd25d4f8"
          + "1c4f00185ffac2a999df2683fa5a886a964d908c95488b3f76f574f7fb3b77ed";
  static final String G2 =
      "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
          + "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
          + "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
          + "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";
  static final String G2_TIMES_5 =
      "0a09ccf561b55fd99d1c1208dee1162457b57ac5af3759d50671e510e428b2a1"
          + "2e539c423b302d13f4e5773c603948eaf5db5df8ae8a9a9113708390a06410d8"
          + "19b763513924a736e4eebd0d78c91c1bc1d657fee4214057d21414011cfcc763"
          + "2f8d9f9ab83727c77a2fec063cb7b6e5eb23044ccf535ad49d46d394fb6f6bf6";
  static final String JEFF1 =
      "1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f593034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41"
          + "209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf704bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a41678"
          + "2bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550"
          + "111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c2032c61a830e3c17286de9462bf242fca2883585b93870a73853face6a6bf411"
          + "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
          + "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";

  /** jeff1 with the second G1 point replaced: the product is no longer one. */
  static final String JEFF6 =
      "1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f593034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41"
          + "209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf704bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a41678"
          + "2bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550"
          + "111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c103188585e2364128fe25c70558f1560f4f9350baf3959e603cc91486e110936"
          + "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
          + "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";

  /** e(G1, G2) · e(G1, -G2) = 1. */
  static final String TWO_POINT_MATCH_2 =
      G1
          + G2
          + G1
          + "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
          + "275dc4a288d1afb3cbb1ac09187524c7db36395df7be3b99e673b13a075a65ec1d9befcd05a5323e6da4d435f3b617cdb3af83285c2df711ef39c01571827f9d";

  static final byte[] TRUE = word(1);
  static final byte[] FALSE = word(0);

  private final Precompile add = Precompiles.BN254_ADD;
  private final Precompile mul = Precompiles.BN254_MUL;
  private final Bn254Pairing pairing = new Bn254Pairing();

  @Test
  void addVectors() {
    assertThat(hex(add.run(hex(G1 + G1)))).isEqualTo(G1_DOUBLE);
    assertThat(hex(add.run(hex(G1_DOUBLE + G1)))).isEqualTo(G1_TRIPLE);
    assertThat(hex(add.run(hex(G1 + G1_DOUBLE)))).isEqualTo(G1_TRIPLE);
    assertThat(add.gas(new byte[0])).isEqualTo(150);
  }

  @Test
  void addWithInfinityAndInverse() {
    String zero = "00".repeat(64);
    assertThat(hex(add.run(hex(G1 + zero)))).isEqualTo(G1);
    assertThat(hex(add.run(hex(zero + G1)))).isEqualTo(G1);
    assertThat(add.run(new byte[0])).isEqualTo(new byte[64]);
    byte[] minusG = concat(word(1), word(P.subtract(BigInteger.TWO)));
    assertThat(add.run(concat(hex(G1), minusG))).isEqualTo(new byte[64]);
    // input shorter than 128 bytes is zero-padded: (1, 2) + nothing
    assertThat(hex(add.run(hex(G1)))).isEqualTo(G1);
    // and longer input is cut
    assertThat(hex(add.run(concat(hex(G1 + G1), new byte[] {7, 7})))).isEqualTo(G1_DOUBLE);
  }

  @Test
  void addRejectsInvalidPoints() {
    assertThat(add.run(concat(word(1), word(3), hex(G1)))).isNull(); // (1, 3) is off the curve
    assertThat(add.run(concat(hex(G1), word(0), word(1))))
        .isNull(); // (0, 1) is neither infinity nor on the curve
    // (1, 2 + p): a coordinate not below p is rejected, not reduced
    assertThat(add.run(concat(word(1), word(P.add(BigInteger.TWO)), hex(G1)))).isNull();
    assertThat(add.run(concat(word(P.add(BigInteger.ONE)), word(2), hex(G1)))).isNull();
    assertThat(add.run(concat(word(P), word(0), hex(G1))))
        .isNull(); // (p, 0) is not an encoding of infinity
  }

  @Test
  void mulVectors() {
    assertThat(hex(mul.run(concat(hex(G1), word(2))))).isEqualTo(G1_DOUBLE);
    assertThat(hex(mul.run(concat(hex(G1), word(9))))).isEqualTo(G1_TIMES_9);
    assertThat(hex(mul.run(concat(hex(G1), word(0x1234567890abcdefL)))))
        .isEqualTo(G1_TIMES_0X1234567890ABCDEF);
    assertThat(hex(mul.run(concat(hex(G1), word(1))))).isEqualTo(G1);
    assertThat(mul.gas(new byte[0])).isEqualTo(6000);
  }

  @Test
  void mulEdgeScalars() {
    byte[] g = hex(G1);
    assertThat(mul.run(concat(g, word(0)))).isEqualTo(new byte[64]);
    assertThat(mul.run(concat(g, word(R)))).isEqualTo(new byte[64]);
    assertThat(hex(mul.run(concat(g, word(R.add(BigInteger.TWO)))))).isEqualTo(G1_DOUBLE);
    // the scalar is any 256-bit value: 2^256 - 1 ≡ (2^256 - 1) mod r
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    assertThat(mul.run(concat(g, word(max)))).isEqualTo(mul.run(concat(g, word(max.mod(R)))));
    assertThat(mul.run(concat(new byte[64], word(5)))).isEqualTo(new byte[64]);
    // short input: point only, scalar reads as zero; and a scalar cut to its first byte
    assertThat(mul.run(g)).isEqualTo(new byte[64]);
    assertThat(hex(mul.run(concat(g, new byte[] {0})))).isEqualTo("00".repeat(64));
    assertThat(mul.run(concat(g, new byte[] {1})))
        .isEqualTo(mul.run(concat(g, word(BigInteger.ONE.shiftLeft(248)))));
    assertThat(mul.run(concat(word(1), word(3), word(1)))).isNull();
    assertThat(mul.run(concat(word(P), word(2), word(1)))).isNull();
  }

  @Test
  void mulAgreesWithRepeatedAddition() {
    Random rnd = new Random(7);
    G1Point point = G1Point.GENERATOR.mul(BigInteger.valueOf(987654321));
    for (int i = 0; i < 10; i++) {
      BigInteger a = new BigInteger(256, rnd);
      BigInteger b = new BigInteger(256, rnd);
      byte[] pa = mul.run(concat(point.encode(), word(a)));
      byte[] pb = mul.run(concat(point.encode(), word(b)));
      byte[] sum = add.run(concat(pa, pb));
      assertThat(sum).isEqualTo(point.mul(a.add(b)).encode());
    }
  }

  @Test
  void pairingVectors() {
    assertThat(pairing.run(hex(JEFF1))).isEqualTo(TRUE);
    assertThat(pairing.run(hex(JEFF6))).isEqualTo(FALSE);
    assertThat(pairing.run(hex(TWO_POINT_MATCH_2))).isEqualTo(TRUE);
    assertThat(pairing.run(hex(G1 + G2))).isEqualTo(FALSE); // one_point
    assertThat(pairing.run(new byte[0])).isEqualTo(TRUE);
    assertThat(pairing.gas(new byte[0])).isEqualTo(45_000);
    assertThat(pairing.gas(hex(JEFF1))).isEqualTo(113_000);
    assertThat(pairing.gas(new byte[192 * 10])).isEqualTo(385_000);
  }

  @Test
  void pairingIdentityAndBilinearityThroughThePrecompile() {
    Random rnd = new Random(11);
    BigInteger a = new BigInteger(250, rnd);
    BigInteger b = new BigInteger(250, rnd);
    G1Point p = G1Point.GENERATOR.mul(a);
    G2Point q = G2Point.GENERATOR.mul(b);
    // e(P, Q) · e(-P, Q) = 1
    assertThat(pairing.run(concat(p.encode(), q.encode(), p.negate().encode(), q.encode())))
        .isEqualTo(TRUE);
    assertThat(pairing.run(concat(p.encode(), q.encode(), p.encode(), q.encode())))
        .isEqualTo(FALSE);
    // e(aG, bH) = e(abG, H), checked as e(aG, bH) · e(-abG, H) = 1
    byte[] abNeg = G1Point.GENERATOR.mul(a.multiply(b).mod(R)).negate().encode();
    assertThat(pairing.run(concat(p.encode(), q.encode(), abNeg, hex(G2)))).isEqualTo(TRUE);
    // e(aG, bH) = e(G, abH)
    byte[] abH = G2Point.GENERATOR.mul(a.multiply(b).mod(R)).encode();
    assertThat(pairing.run(concat(p.negate().encode(), q.encode(), hex(G1), abH))).isEqualTo(TRUE);
    byte[] abPlusOneH = G2Point.GENERATOR.mul(a.multiply(b).add(BigInteger.ONE).mod(R)).encode();
    assertThat(pairing.run(concat(p.negate().encode(), q.encode(), hex(G1), abPlusOneH)))
        .isEqualTo(FALSE);
    // exponents of e(G, H): 10 - 5 - 5 = 0; 10 - 5 ≠ 0; 10 - 5 - 5 + 5 ≠ 0; 10 - 10 = 0
    byte[] minusG = G1Point.GENERATOR.negate().encode();
    byte[] tenMinusFive = concat(hex(G1_DOUBLE), hex(G2_TIMES_5), minusG, hex(G2_TIMES_5));
    byte[] tenMinusTen = concat(tenMinusFive, minusG, hex(G2_TIMES_5));
    assertThat(pairing.run(tenMinusTen)).isEqualTo(TRUE);
    assertThat(pairing.run(tenMinusFive)).isEqualTo(FALSE);
    assertThat(pairing.run(concat(tenMinusTen, hex(G1), hex(G2_TIMES_5)))).isEqualTo(FALSE);
    byte[] minus10G = G1Point.GENERATOR.mul(BigInteger.TEN).negate().encode();
    assertThat(pairing.run(concat(hex(G1_DOUBLE), hex(G2_TIMES_5), minus10G, hex(G2))))
        .isEqualTo(TRUE);
  }

  @Test
  void pairingPointsAtInfinityContributeOne() {
    String zeroG1 = "00".repeat(64);
    String zeroG2 = "00".repeat(128);
    assertThat(pairing.run(hex(zeroG1 + G2))).isEqualTo(TRUE);
    assertThat(pairing.run(hex(G1 + zeroG2))).isEqualTo(TRUE);
    assertThat(pairing.run(hex(zeroG1 + zeroG2 + TWO_POINT_MATCH_2))).isEqualTo(TRUE);
    assertThat(pairing.run(hex(G1 + zeroG2 + G1 + G2))).isEqualTo(FALSE);
  }

  @Test
  void pairingRejectsBadLengths() {
    byte[] two = hex(TWO_POINT_MATCH_2);
    assertThat(pairing.run(Arrays.copyOf(two, 191))).isNull();
    assertThat(pairing.run(Arrays.copyOf(two, 193))).isNull();
    assertThat(pairing.run(Arrays.copyOf(two, 383))).isNull();
    assertThat(pairing.gas(new byte[191])).isEqualTo(45_000);
    assertThat(pairing.gas(new byte[193])).isEqualTo(79_000);
  }

  @Test
  void pairingRejectsInvalidPoints() {
    byte[] g2 = hex(G2);
    // G1 off the curve, even when paired with infinity
    assertThat(pairing.run(concat(word(1), word(3), g2))).isNull();
    assertThat(pairing.run(concat(word(1), word(3), new byte[128]))).isNull();
    // G1 coordinate not below p
    assertThat(pairing.run(concat(word(1), word(P.add(BigInteger.TWO)), g2))).isNull();
    // G2 coordinate perturbed by p: not below p
    for (int c = 0; c < 4; c++) {
      byte[] bad = g2.clone();
      BigInteger v = new BigInteger(1, Arrays.copyOfRange(bad, 32 * c, 32 * c + 32)).add(P);
      System.arraycopy(word(v), 0, bad, 32 * c, 32);
      assertThat(pairing.run(concat(hex(G1), bad))).as("coordinate %d + p", c).isNull();
    }
    // G2 off the twist: x.real + 1
    byte[] offCurve = g2.clone();
    offCurve[63]++;
    assertThat(pairing.run(concat(hex(G1), offCurve))).isNull();
    assertThat(pairing.run(concat(new byte[64], offCurve))).isNull();
    // G2 on the twist but outside the order-r subgroup
    byte[] notInSubgroup = hex(NOT_IN_SUBGROUP);
    assertThat(pairing.run(concat(hex(G1), notInSubgroup))).isNull();
    assertThat(pairing.run(concat(new byte[64], notInSubgroup))).isNull();
  }

  /** x = 1: a point of the twist y² = x³ + 3/(9 + i) that is not in the order-r subgroup. */
  static final String NOT_IN_SUBGROUP =
      "0000000000000000000000000000000000000000000000000000000000000000"
          + "0000000000000000000000000000000000000000000000000000000000000001"
          + "0d1271953ed9ea0836846e70a1934187998c7f790cb4d7511b7f8da82de048a4"
          + "2869111d5381f072f8e2728fdb825a51aadd70e52c9830e9ab4b871c0531f1bb";
}
