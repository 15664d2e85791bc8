package io.levity.evm.precompile;

import static io.levity.evm.precompile.PrecompileTestSupport.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrecompilesTest {
  private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

  @Test
  void cancunTableHoldsOneContractPerAddress() {
    Precompile[] table = Precompiles.cancun();
    assertThat(table).hasSize(11);
    assertThat(table[0]).isNull();
    assertThat(table[1]).isInstanceOf(EcRecover.class);
    assertThat(table[2]).isInstanceOf(Sha256Hash.class);
    assertThat(table[3]).isInstanceOf(Ripemd160Hash.class);
    assertThat(table[4]).isInstanceOf(Identity.class);
    assertThat(table[5]).isInstanceOf(ModExp.class);
    assertThat(table[6]).isInstanceOf(Bn254Add.class);
    assertThat(table[7]).isInstanceOf(Bn254Mul.class);
    assertThat(table[8]).isInstanceOf(Bn254Pairing.class);
    assertThat(table[9]).isInstanceOf(Blake2f.class);
    assertThat(table[10]).isInstanceOf(KzgPointEvaluation.class);
  }

  @Test
  void sha256() {
    Sha256Hash sha = new Sha256Hash();
    assertThat(hex(sha.run(new byte[0])))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(hex(sha.run(ABC)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(sha.gas(new byte[0])).isEqualTo(60);
    assertThat(sha.gas(new byte[1])).isEqualTo(72);
    assertThat(sha.gas(new byte[32])).isEqualTo(72);
    assertThat(sha.gas(new byte[33])).isEqualTo(84);
  }

  @Test
  void ripemd160IsLeftPaddedToAWord() {
    Ripemd160Hash ripemd = new Ripemd160Hash();
    assertThat(hex(ripemd.run(new byte[0])))
        .isEqualTo("0000000000000000000000009c1185a5c5e9fc54612808977ee8f548b2258d31");
    assertThat(hex(ripemd.run(ABC)))
        .isEqualTo("0000000000000000000000008eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
    assertThat(ripemd.gas(new byte[0])).isEqualTo(600);
    assertThat(ripemd.gas(new byte[64])).isEqualTo(840);
    assertThat(ripemd.gas(new byte[65])).isEqualTo(960);
  }

  @Test
  void identityCopiesItsInput() {
    Identity id = new Identity();
    byte[] in = {1, 2, 3};
    byte[] out = id.run(in);
    assertThat(out).isEqualTo(in).isNotSameAs(in);
    assertThat(id.run(new byte[0])).isEmpty();
    assertThat(id.gas(new byte[0])).isEqualTo(15);
    assertThat(id.gas(new byte[31])).isEqualTo(18);
    assertThat(id.gas(new byte[1024])).isEqualTo(15 + 3 * 32);
  }
}
