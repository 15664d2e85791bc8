package io.levity.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Ed25519;
import io.levity.core.num.UInt256;
import io.levity.evm.fork.EvmSpecs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Calling 0x...ed25 through the EVM: on Levity's spec the Ed25519 precompile answers and charges
 * its 2000 gas; on Cancun the address is an empty account (the conformance fixtures' view).
 */
class LevityPrecompileTest {
  private static final Address ED25519 =
      Address.fromHex("0x000000000000000000000000000000000000ed25");
  private static final long GAS = 100_000;

  private static ExecutionResult call(Evm evm, Bytes input) {
    InMemoryWorld world = new InMemoryWorld();
    world.put(TestChain.SENDER, TestChain.RICH, 1, Bytes.EMPTY, Map.of());
    world.beginTransaction();
    TxContext tx = new TxContext(TestChain.SENDER, UInt256.ONE, List.of());
    return evm.execute(
        world,
        new TestChain().block,
        tx,
        CallMessage.call(TestChain.SENDER, ED25519, UInt256.ZERO, input, GAS));
  }

  private static Bytes signedInput() {
    Ed25519.KeyPair keys = Ed25519.KeyPair.fromSeed(new byte[32]);
    byte[] message = new byte[32];
    message[0] = 7;
    return Bytes.concat(
        Bytes.wrap(message), Bytes.wrap(keys.publicKey()), Bytes.wrap(keys.sign(message)));
  }

  @Test
  void levitysEvmVerifiesAndCharges2000Gas() {
    Evm levity = new Evm(EvmSpecs.levity());
    assertThat(levity.precompileAddresses()).contains(ED25519);
    ExecutionResult ok = call(levity, signedInput());
    assertThat(ok.isSuccess()).isTrue();
    assertThat(ok.output()).isEqualTo(Bytes.fromHex("00".repeat(31) + "01"));
    assertThat(ok.gasUsed(GAS)).isEqualTo(2000);
    ExecutionResult malformed = call(levity, Bytes.of((byte) 1, (byte) 2));
    assertThat(malformed.isSuccess()).isTrue();
    assertThat(malformed.output()).isEqualTo(Bytes.EMPTY);
    assertThat(malformed.gasUsed(GAS)).isEqualTo(2000);
  }

  @Test
  void cancunsEvmHasNothingThere() {
    Evm cancun = new Evm(EvmSpecs.cancun());
    assertThat(cancun.precompileAddresses()).doesNotContain(ED25519);
    ExecutionResult r = call(cancun, signedInput());
    assertThat(r.isSuccess()).isTrue();
    assertThat(r.output()).isEqualTo(Bytes.EMPTY);
    assertThat(r.gasUsed(GAS)).isZero();
  }
}
