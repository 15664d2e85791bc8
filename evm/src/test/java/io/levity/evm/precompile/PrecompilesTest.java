package io.levity.evm.precompile;

import static io.levity.evm.precompile.PrecompileTestSupport.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.evm.fork.EvmSpecs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PrecompilesTest {
  private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

  @Test
  void cancunHoldsOneContractPerAddressAndShanghaiStopsBeforePointEvaluation() {
    PrecompileSet cancun = EvmSpecs.cancun().precompiles();
    List<Precompile> contracts = IntStream.rangeClosed(1, 10).mapToObj(cancun::at).toList();
    assertThat(contracts).doesNotContainNull().doesNotHaveDuplicates();
    assertThat(cancun.at(1)).isSameAs(Precompiles.ECRECOVER);
    assertThat(cancun.at(8)).isSameAs(Precompiles.BN254_PAIRING);
    assertThat(cancun.at(10)).isSameAs(Precompiles.POINT_EVALUATION);
    assertThat(cancun.at(0)).isNull();
    assertThat(cancun.at(11)).isNull();
    assertThat(cancun.addresses()).hasSize(10);
    PrecompileSet shanghai = EvmSpecs.shanghai().precompiles();
    assertThat(shanghai.addresses()).hasSize(9);
    assertThat(shanghai.at(10)).isNull();
    assertThat(shanghai.at(9)).isSameAs(cancun.at(9));
  }

  @Test
  void aSetHoldsTwoByteAddressesInOrderAndRejectsLargerOnes() {
    PrecompileSet set =
        PrecompileSet.of(Precompiles.ECRECOVER)
            .with(0xed25, Precompiles.IDENTITY)
            .with(0x0100, Precompiles.SHA256)
            .with(0xed25, Precompiles.RIPEMD160);
    assertThat(set.at(0xed25)).isSameAs(Precompiles.RIPEMD160);
    assertThat(set.at(0x0100)).isSameAs(Precompiles.SHA256);
    assertThat(set.at(0x25)).isNull();
    assertThat(set.at(0xed24)).isNull();
    assertThat(set.at(Address.fromHex("0x000000000000000000000000000000000000ed25")))
        .isSameAs(Precompiles.RIPEMD160);
    assertThat(set.at(Address.fromHex("0x000000000000000000000000000000000001ed25"))).isNull();
    assertThat(set.addresses())
        .containsExactly(
            Address.fromHex("0x0000000000000000000000000000000000000001"),
            Address.fromHex("0x0000000000000000000000000000000000000100"),
            Address.fromHex("0x000000000000000000000000000000000000ed25"));
    assertThatThrownBy(() -> set.with(0x10000, Precompiles.IDENTITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sha256() {
    Precompile sha = Precompiles.SHA256;
    assertDigests(
        sha,
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertGas(sha, Map.of(0, 60L, 1, 72L, 32, 72L, 33, 84L));
  }

  @Test
  void ripemd160IsLeftPaddedToAWord() {
    Precompile ripemd = Precompiles.RIPEMD160;
    assertDigests(
        ripemd,
        "0000000000000000000000009c1185a5c5e9fc54612808977ee8f548b2258d31",
        "0000000000000000000000008eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
    assertGas(ripemd, Map.of(0, 600L, 64, 840L, 65, 960L));
  }

  @Test
  void identityCopiesItsInput() {
    Precompile id = Precompiles.IDENTITY;
    byte[] in = {1, 2, 3};
    byte[] out = id.run(in);
    assertThat(out).isEqualTo(in).isNotSameAs(in);
    assertThat(id.run(new byte[0])).isEmpty();
    assertGas(id, Map.of(0, 15L, 31, 18L, 1024, 15L + 3 * 32));
  }

  private static void assertDigests(Precompile p, String ofEmpty, String ofAbc) {
    assertThat(hex(p.run(new byte[0]))).isEqualTo(ofEmpty);
    assertThat(hex(p.run(ABC))).isEqualTo(ofAbc);
  }

  /** Gas for inputs of each length. */
  private static void assertGas(Precompile p, Map<Integer, Long> gasByLength) {
    gasByLength.forEach(
        (len, gas) -> assertThat(p.gas(new byte[len])).as("%d bytes", len).isEqualTo(gas));
  }
}
