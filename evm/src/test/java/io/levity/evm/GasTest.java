package io.levity.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import io.levity.core.tx.AccessListEntry;
import io.levity.evm.fork.GasSchedule;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exact gas figures for memory, access lists, EXP, hashing, logs, copies and calls. */
class GasTest {
  static final long GAS = 1_000_000;

  static long memoryCost(long words) {
    return 3 * words + words * words / 512;
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 31, 32, 1000, 32 * 1023, 65_536, 1_000_000})
  void memoryExpansionOnMstore(long offset) {
    TestChain chain = new TestChain();
    ExecutionResult r = chain.run(new Asm().push(0, offset).op("MSTORE").build(), 10_000_000);
    long words = (offset + 32 + 31) / 32;
    assertThat(r.gasUsed(10_000_000)).isEqualTo(3 + 3 + 3 + memoryCost(words));
  }

  @Test
  void memoryScheduleMatchesYellowPaper() {
    GasSchedule g = GasSchedule.london();
    assertThat(g.memoryCost(1)).isEqualTo(3);
    assertThat(g.memoryCost(1024)).isEqualTo(3 * 1024 + 2048);
    assertThat(g.memoryCost(32768)).isEqualTo(3 * 32768 + 2_097_152);
  }

  @Test
  void secondExpansionPaysOnlyTheDifference() {
    TestChain chain = new TestChain();
    // MSTORE8 at 0 (1 word), then MSTORE at 64 (3 words), then MLOAD at 0 (no growth); MSIZE = 96.
    Bytes code =
        new Asm()
            .push(1, 0)
            .op("MSTORE8")
            .push(1, 64)
            .op("MSTORE")
            .push(0)
            .op("MLOAD", "POP")
            .op("MSIZE")
            .returnTop()
            .build();
    ExecutionResult r = chain.run(code, GAS);
    assertThat(TestChain.word(r.output())).isEqualTo(UInt256.valueOf(96));
    long expected =
        (3 + 3 + 3 + memoryCost(1))
            + (3 + 3 + 3 + memoryCost(3) - memoryCost(1))
            + (3 + 3 + 2)
            + 2
            + 12; // MSIZE, then PUSH 0 MSTORE PUSH 32 PUSH 0 RETURN
    assertThat(r.gasUsed(GAS)).isEqualTo(expected);
  }

  @Test
  void hugeOffsetIsOutOfGasButEmptyRangesAreFree() {
    TestChain chain = new TestChain();
    ExecutionResult r =
        chain.run(new Asm().push(BigInteger.ONE.shiftLeft(200)).op("MLOAD").build(), GAS);
    assertThat(r.haltReason()).isEqualTo(HaltReason.OUT_OF_GAS);
    assertThat(r.gasLeft()).isZero();
    // CALLDATACOPY of zero bytes to a huge offset: 3 pushes + 3, nothing else.
    chain = new TestChain();
    r =
        chain.run(
            new Asm().push(0, 0).push(BigInteger.ONE.shiftLeft(200)).op("CALLDATACOPY").build(),
            GAS);
    assertThat(r.isSuccess()).isTrue();
    assertThat(r.gasUsed(GAS)).isEqualTo(3 + 3 + 3 + 3);
  }

  @Test
  void accountAccessIsColdThenWarm() {
    TestChain chain = new TestChain();
    Bytes code =
        new Asm()
            .push(TestChain.OTHER)
            .op("BALANCE", "POP")
            .push(TestChain.OTHER)
            .op("BALANCE", "POP")
            .build();
    ExecutionResult r = chain.run(code, GAS);
    assertThat(r.gasUsed(GAS)).isEqualTo(3 + 2600 + 2 + 3 + 100 + 2);
  }

  @Test
  void preWarmedAddresses() {
    // The contract itself, the origin, the coinbase (EIP-3651) and precompiles start warm.
    for (Address a :
        List.of(
            TestChain.CONTRACT,
            TestChain.SENDER,
            TestChain.COINBASE,
            Address.fromHex("0x0000000000000000000000000000000000000001"),
            Address.fromHex("0x000000000000000000000000000000000000000a"))) {
      TestChain chain = new TestChain();
      ExecutionResult r = chain.run(new Asm().push(a).op("EXTCODESIZE", "POP").build(), GAS);
      assertThat(r.gasUsed(GAS)).as("%s", a).isEqualTo(3 + 100 + 2);
    }
    TestChain chain = new TestChain();
    ExecutionResult r =
        chain.run(
            new Asm()
                .push(Address.fromHex("0x000000000000000000000000000000000000000b"))
                .op("EXTCODEHASH", "POP")
                .build(),
            GAS);
    assertThat(r.gasUsed(GAS)).isEqualTo(3 + 2600 + 2);
  }

  @Test
  void accessListWarmsAddress() {
    TestChain chain = new TestChain();
    chain.deploy(TestChain.CONTRACT, new Asm().push(TestChain.OTHER).op("BALANCE", "POP").build());
    ExecutionResult r =
        chain.call(
            TestChain.CONTRACT,
            Bytes.EMPTY,
            UInt256.ZERO,
            GAS,
            List.of(new AccessListEntry(TestChain.OTHER, List.of())));
    assertThat(r.gasUsed(GAS)).isEqualTo(3 + 100 + 2);
  }

  @Test
  void expChargesPerExponentByte() {
    TestChain chain = new TestChain();
    // EXP(2, 0x0100): exponent of 2 bytes -> 10 + 2 * 50.
    ExecutionResult r = chain.run(new Asm().push(0x100, 2).op("EXP", "POP").build(), GAS);
    assertThat(r.gasUsed(GAS)).isEqualTo(3 + 3 + 10 + 100 + 2);
  }

  @Test
  void keccakChargesPerWord() {
    TestChain chain = new TestChain();
    ExecutionResult r = chain.run(new Asm().push(33, 0).op("KECCAK256", "POP").build(), GAS);
    assertThat(r.gasUsed(GAS)).isEqualTo(3 + 3 + 30 + 6 * 2 + memoryCost(2) + 2);
  }

  @Test
  void logChargesTopicsAndBytes() {
    TestChain chain = new TestChain();
    ExecutionResult r = chain.run(new Asm().push(7, 9, 10, 0).op("LOG2").build(), GAS);
    assertThat(r.gasUsed(GAS)).isEqualTo(4 * 3 + 375 + 2 * 375 + 8 * 10 + memoryCost(1));
    assertThat(r.logs()).hasSize(1);
    assertThat(r.logs().get(0).topics())
        .extracting(t -> UInt256.fromBytes(t).toLong())
        .containsExactly(9L, 7L);
  }

  @Test
  void copiesChargePerWord() {
    TestChain chain = new TestChain();
    ExecutionResult r = chain.run(new Asm().push(40, 0, 0).op("CODECOPY").build(), GAS);
    assertThat(r.gasUsed(GAS)).isEqualTo(3 * 3 + 3 + 3 * 2 + memoryCost(2));
  }

  @Test
  void callGivesAllButOneSixtyFourth() {
    TestChain chain = new TestChain();
    chain.deploy(TestChain.OTHER, new Asm().op("GAS").store(0).build());
    // 5 PUSH1 + PUSH20 + GAS = 20 gas before CALL; CALL to a cold account costs 2600.
    Bytes code = new Asm().call("CALL", TestChain.OTHER, 0, 0, 0, 0, 0, -1).build();
    long gas = 500_000;
    chain.run(code, gas);
    long available = gas - 20 - 2600;
    long callGas = available - available / 64;
    assertThat(chain.storage(TestChain.OTHER, 0)).isEqualTo(UInt256.valueOf(callGas - 2));
  }

  @Test
  void valueCallAddsStipendAndSurcharges() {
    TestChain chain = new TestChain();
    chain.deploy(TestChain.OTHER, new Asm().op("GAS").store(0).build());
    // Explicit gas 30000 to an existing cold account with value 1: 2600 + 9000; callee gets 30000 +
    // 2300.
    Bytes code = new Asm().call("CALL", TestChain.OTHER, 1, 0, 0, 0, 0, 30_000).build();
    chain.world.put(TestChain.CONTRACT, UInt256.valueOf(1000), 1, code, Map.of());
    ExecutionResult r = chain.call(TestChain.CONTRACT, GAS);
    assertThat(r.isSuccess()).isTrue();
    assertThat(chain.storage(TestChain.OTHER, 0)).isEqualTo(UInt256.valueOf(32_300 - 2));
    // The callee used GAS (2) + PUSH (3) + SSTORE (22100); the rest of its 32300 came back, stipend
    // included.
    long used = 7 * 3 + 2600 + 9000 + 2 + 3 + 22_100;
    assertThat(r.gasUsed(GAS)).isEqualTo(used - 2300);
    assertThat(chain.world.balance(TestChain.OTHER)).isEqualTo(UInt256.ONE);
  }

  @Test
  void valueCallToDeadAccountPaysNewAccount() {
    TestChain chain = new TestChain();
    Address fresh = Address.fromHex("0x00000000000000000000000000000000000fe5e1");
    Bytes code = new Asm().call("CALL", fresh, 1, 0, 0, 0, 0, 0).build();
    chain.world.put(TestChain.CONTRACT, UInt256.valueOf(10), 1, code, Map.of());
    ExecutionResult r = chain.call(TestChain.CONTRACT, GAS);
    // 7 pushes + 2600 cold + 9000 value + 25000 new account; the callee has no code, so the 2300
    // stipend it was given comes back unused and the caller ends 2300 ahead.
    assertThat(r.gasUsed(GAS)).isEqualTo(7 * 3 + 2600 + 9000 + 25_000 - 2300);
    assertThat(chain.world.balance(fresh)).isEqualTo(UInt256.ONE);
  }

  @Test
  void createChargesInitcodeWords() {
    TestChain chain = new TestChain();
    // CREATE with 33 bytes of zero initcode from memory (2 words): 32000 + 2*2 + memory; the child
    // runs STOPs.
    Bytes code = new Asm().push(33, 0, 0).op("CREATE", "POP").build();
    ExecutionResult r = chain.run(code, GAS);
    assertThat(r.gasUsed(GAS)).isEqualTo(3 * 3 + 32_000 + 2 * 2 + memoryCost(2) + 2);
    // CREATE2 also pays 6 per word for hashing.
    chain = new TestChain();
    code = new Asm().push(0, 33, 0, 0).op("CREATE2", "POP").build();
    r = chain.run(code, GAS);
    assertThat(r.gasUsed(GAS)).isEqualTo(4 * 3 + 32_000 + 2 * 2 + 6 * 2 + memoryCost(2) + 2);
  }

  @Test
  void selfdestructCosts() {
    TestChain chain = new TestChain();
    // Zero balance to a cold beneficiary: 5000 + 2600.
    ExecutionResult r = chain.run(new Asm().push(TestChain.OTHER).op("SELFDESTRUCT").build(), GAS);
    assertThat(r.gasUsed(GAS)).isEqualTo(3 + 5000 + 2600);
    // Non-zero balance to a dead, cold beneficiary: + 25000.
    chain = new TestChain();
    Address fresh = Address.fromHex("0x00000000000000000000000000000000000fe5e1");
    chain.world.put(
        TestChain.CONTRACT,
        UInt256.valueOf(5),
        1,
        new Asm().push(fresh).op("SELFDESTRUCT").build(),
        Map.of());
    r = chain.call(TestChain.CONTRACT, GAS);
    assertThat(r.gasUsed(GAS)).isEqualTo(3 + 5000 + 2600 + 25_000);
  }

  @Test
  void transientStorageCosts() {
    TestChain chain = new TestChain();
    ExecutionResult r =
        chain.run(new Asm().push(1, 0).op("TSTORE").push(0).op("TLOAD", "POP").build(), GAS);
    assertThat(r.gasUsed(GAS)).isEqualTo(3 + 3 + 100 + 3 + 100 + 2);
  }

  @Test
  void mcopyCopiesOverlappingRangesAndCharges() {
    TestChain chain = new TestChain();
    // mem[0..32) = 0x0102..20; MCOPY(dest=1, src=0, len=32) -> word at 0 is 01 01 02 03 ...
    StringBuilder w = new StringBuilder();
    for (int i = 1; i <= 32; i++) w.append(String.format("%02x", i));
    Bytes code =
        new Asm()
            .push(Bytes.fromHex(w.toString()))
            .push(0)
            .op("MSTORE")
            .push(32, 0, 1)
            .op("MCOPY")
            .push(0)
            .op("MLOAD")
            .returnTop()
            .build();
    ExecutionResult r = chain.run(code, GAS);
    StringBuilder want = new StringBuilder("01");
    for (int i = 1; i <= 31; i++) want.append(String.format("%02x", i));
    assertThat(r.output()).isEqualTo(Bytes.fromHex(want.toString()));
  }
}
