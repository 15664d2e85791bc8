package io.levity.evm.precompile;

import static io.levity.evm.precompile.PrecompileTestSupport.concat;
import static io.levity.evm.precompile.PrecompileTestSupport.hex;
import static io.levity.evm.precompile.PrecompileTestSupport.word;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.Signature;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EcRecoverTest {
  private final Precompile ecrecover = Precompiles.ECRECOVER;
  private final Secp256k1.KeyPair key =
      Secp256k1.KeyPair.fromPrivate(
          Bytes32.fromHex32("0x4646464646464646464646464646464646464646464646464646464646464646"));
  private final byte[] hash = Keccak.hash256("levity".getBytes(StandardCharsets.US_ASCII));
  private final Signature sig = key.sign(hash);

  private static byte[] input(byte[] hash, long v, BigInteger r, BigInteger s) {
    return concat(hash, word(v), word(r), word(s));
  }

  private byte[] expectedWord() {
    return concat(new byte[12], key.address().unsafeArray());
  }

  @Test
  void knownVector() {
    byte[] in =
        hex(
            "456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3"
                + "000000000000000000000000000000000000000000000000000000000000001c"
                + "9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608"
                + "4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada");
    assertThat(hex(ecrecover.run(in)))
        .isEqualTo("0000000000000000000000007156526fbd7a3c72969b54f64e42c10fbb768c8a");
    assertThat(ecrecover.gas(in)).isEqualTo(3000);
  }

  @Test
  void recoversTheSigner() {
    assertThat(ecrecover.run(input(hash, 27 + sig.recId(), sig.r(), sig.s())))
        .isEqualTo(expectedWord());
  }

  @Test
  void acceptsHighS() {
    BigInteger highS = Secp256k1.N.subtract(sig.s());
    long flippedV = 27L + (1 - sig.recId());
    assertThat(ecrecover.run(input(hash, flippedV, sig.r(), highS))).isEqualTo(expectedWord());
  }

  @Test
  void extraInputIsIgnoredAndShortInputIsZeroPadded() {
    byte[] in = input(hash, 27 + sig.recId(), sig.r(), sig.s());
    assertThat(ecrecover.run(concat(in, new byte[] {1, 2, 3}))).isEqualTo(expectedWord());
    assertThat(ecrecover.run(new byte[0])).isEmpty();
    // s cut short: the missing bytes read as zeros, giving a different (valid or empty) result,
    // never a failure
    assertThat(ecrecover.run(Arrays.copyOf(in, 100))).isNotNull();
  }

  @Test
  void invalidSignaturesGiveEmptyOutputNotFailure() {
    long v = 27L + sig.recId();
    assertThat(ecrecover.run(input(hash, 29, sig.r(), sig.s()))).isEmpty();
    assertThat(ecrecover.run(input(hash, 26, sig.r(), sig.s()))).isEmpty();
    assertThat(ecrecover.run(input(hash, 0, sig.r(), sig.s()))).isEmpty();
    assertThat(ecrecover.run(input(hash, 1, sig.r(), sig.s()))).isEmpty();
    byte[] vWithHighBits = input(hash, v, sig.r(), sig.s());
    vWithHighBits[32] = 1; // v must be the whole word 27 or 28
    assertThat(ecrecover.run(vWithHighBits)).isEmpty();
    assertThat(ecrecover.run(input(hash, v, BigInteger.ZERO, sig.s()))).isEmpty();
    assertThat(ecrecover.run(input(hash, v, sig.r(), BigInteger.ZERO))).isEmpty();
    assertThat(ecrecover.run(input(hash, v, Secp256k1.N, sig.s()))).isEmpty();
    assertThat(ecrecover.run(input(hash, v, sig.r(), Secp256k1.N))).isEmpty();
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    assertThat(ecrecover.run(input(hash, v, max, max))).isEmpty();
  }
}
