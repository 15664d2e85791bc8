package io.levity.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

class KeccakTest {
  @Test
  void knownVectors() {
    assertThat(Keccak.EMPTY_HASH.toHex())
        .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    assertThat(Hex.encode(Keccak.hash256("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  }

  @Test
  void matchesBouncyCastleAcrossRateBoundariesAndIncrementalUpdates() {
    Random r = new Random(1);
    for (int len = 0; len < 600; len += (len < 300 ? 1 : 37)) {
      byte[] in = new byte[len];
      r.nextBytes(in);
      KeccakDigest d = new KeccakDigest(256);
      d.update(in, 0, len);
      byte[] expect = new byte[32];
      d.doFinal(expect, 0);
      assertThat(Keccak.hash256(in)).as("len %d", len).isEqualTo(expect);
      byte[] into = new byte[40];
      Keccak.hash256Into(in, 0, len, into, 8);
      assertThat(java.util.Arrays.copyOfRange(into, 8, 40))
          .as("into len %d", len)
          .isEqualTo(expect);
      int cut = len == 0 ? 0 : r.nextInt(len);
      byte[] inc = new Keccak.Hasher().update(in, 0, cut).update(in, cut, len - cut).digest();
      assertThat(inc).as("incremental len %d cut %d", len, cut).isEqualTo(expect);
    }
  }
}
