package io.levity.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.core.tx.AccessListEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SSTORE gas and refunds: the EIP-3529 test table (EIP-2200 net metering with EIP-2929 costs and
 * reduced refunds), which assumes slot 0 is already warm, plus the cold surcharge and the 2300
 * sentry.
 */
class SstoreGasTest {
  @ParameterizedTest(name = "{0} original={3}")
  @CsvSource({
    "0x60006000556000600055, 212, 0, 0",
    "0x60006000556001600055, 20112, 0, 0",
    "0x60016000556000600055, 20112, 19900, 0",
    "0x60016000556002600055, 20112, 0, 0",
    "0x60016000556001600055, 20112, 0, 0",
    "0x60006000556000600055, 3012, 4800, 1",
    "0x60006000556001600055, 3012, 2800, 1",
    "0x60006000556002600055, 3012, 0, 1",
    "0x60026000556000600055, 3012, 4800, 1",
    "0x60026000556003600055, 3012, 0, 1",
    "0x60026000556001600055, 3012, 2800, 1",
    "0x60026000556002600055, 3012, 0, 1",
    "0x60016000556000600055, 3012, 4800, 1",
    "0x60016000556002600055, 3012, 0, 1",
    "0x60016000556001600055, 212, 0, 1",
    "0x600160005560006000556001600055, 40118, 19900, 0",
    "0x600060005560016000556000600055, 5918, 7600, 1",
  })
  void eip3529Table(String code, long gasUsed, long refund, long original) {
    TestChain chain = new TestChain();
    chain.deploy(
        TestChain.CONTRACT, Bytes.fromHex(code), Map.of(UInt256.ZERO, UInt256.valueOf(original)));
    List<AccessListEntry> warmSlot0 =
        List.of(new AccessListEntry(TestChain.CONTRACT, List.of(Bytes32.ZERO)));
    long gas = 100_000;
    ExecutionResult r = chain.call(TestChain.CONTRACT, Bytes.EMPTY, UInt256.ZERO, gas, warmSlot0);
    assertThat(r.isSuccess()).isTrue();
    assertThat(r.gasUsed(gas)).isEqualTo(gasUsed);
    assertThat(r.refund()).isEqualTo(refund);
  }

  @Test
  void coldSlotAddsColdSloadCost() {
    TestChain chain = new TestChain();
    // 0 -> 1 on a cold slot: 2100 + 20000, plus two pushes.
    ExecutionResult r = chain.run(Bytes.fromHex("0x6001600055"), 100_000);
    assertThat(r.gasUsed(100_000)).isEqualTo(22106);
    assertThat(chain.storage(TestChain.CONTRACT, 0)).isEqualTo(UInt256.ONE);
  }

  @Test
  void sentryRejectsSstoreWithStipendOnly() {
    TestChain chain = new TestChain();
    // Two pushes (6 gas) leave exactly 2300: SSTORE must fail (EIP-2200: gasleft <= 2300).
    ExecutionResult r = chain.run(Bytes.fromHex("0x6001600055"), 2306);
    assertThat(r.outcome()).isEqualTo(Outcome.HALT);
    assertThat(r.haltReason()).isEqualTo(HaltReason.OUT_OF_GAS);
    assertThat(chain.storage(TestChain.CONTRACT, 0)).isEqualTo(UInt256.ZERO);
  }

  @Test
  void sloadWarmAndCold() {
    TestChain chain = new TestChain();
    // SLOAD slot 5 twice: 3 + 2100 + 2 (POP) + 3 + 100 + 2.
    ExecutionResult r =
        chain.run(new Asm().push(5).op("SLOAD", "POP").push(5).op("SLOAD", "POP").build(), 100_000);
    assertThat(r.gasUsed(100_000)).isEqualTo(3 + 2100 + 2 + 3 + 100 + 2);
  }
}
