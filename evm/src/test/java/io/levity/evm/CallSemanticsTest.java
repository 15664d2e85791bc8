package io.levity.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Calls, static context, reverts and the transaction-wide substate. */
class CallSemanticsTest {
  static final Address B = TestChain.OTHER;
  static final Address C = Address.fromHex("0xc000000000000000000000000000000000000003");
  static final Address X = Address.fromHex("0x00000000000000000000000000000000000000ee");

  @Test
  void callDepthStopsAt1024() {
    TestChain chain = new TestChain();
    Asm a =
        new Asm()
            .push(0)
            .op("CALLDATALOAD")
            .push(1)
            .op("ADD")
            .push(0)
            .op("MSTORE")
            .call("CALL", TestChain.CONTRACT, 0, 0, 32, 0, 0, -1)
            .op("ISZERO");
    int label = a.here() + 4;
    a.push(label).op("JUMPI", "STOP", "JUMPDEST").push(0).op("CALLDATALOAD").store(0);
    ExecutionResult r = chain.run(a.build(), 1L << 40);
    assertThat(r.isSuccess()).isTrue();
    // The frame at depth 1024 (the 1025th) could not call further, and recorded its depth.
    assertThat(chain.storage(TestChain.CONTRACT, 0)).isEqualTo(UInt256.valueOf(1024));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SSTORE",
        "LOG0",
        "CREATE",
        "CREATE2",
        "SELFDESTRUCT",
        "TSTORE",
        "CALL_WITH_VALUE"
      })
  void staticCallForbidsStateChanges(String what) {
    Asm b =
        switch (what) {
          case "SSTORE" -> new Asm().push(1, 0).op("SSTORE");
          case "LOG0" -> new Asm().push(0, 0).op("LOG0");
          case "CREATE" -> new Asm().push(0, 0, 0).op("CREATE");
          case "CREATE2" -> new Asm().push(0, 0, 0, 0).op("CREATE2");
          case "SELFDESTRUCT" -> new Asm().push(X).op("SELFDESTRUCT");
          case "TSTORE" -> new Asm().push(1, 0).op("TSTORE");
          default -> new Asm().call("CALL", X, 1, 0, 0, 0, 0, 0);
        };
    TestChain chain = new TestChain();
    chain.world.put(B, UInt256.valueOf(10), 1, b.build(), Map.of());
    chain.run(new Asm().call("STATICCALL", B, 0, 0, 0, 0, 0, 100_000).store(0).build(), 1_000_000);
    assertThat(chain.storage(TestChain.CONTRACT, 0)).as(what).isEqualTo(UInt256.ZERO);
  }

  @Test
  void staticCallAllowsReadsAndValuelessCalls() {
    TestChain chain = new TestChain();
    chain.deploy(
        B,
        new Asm()
            .push(0)
            .op("SLOAD")
            .push(0)
            .op("TLOAD")
            .push(X)
            .op("BALANCE")
            .call("CALL", X, 0, 0, 0, 0, 0, 0)
            .build());
    chain.run(new Asm().call("STATICCALL", B, 0, 0, 0, 0, 0, 100_000).store(0).build(), 1_000_000);
    assertThat(chain.storage(TestChain.CONTRACT, 0)).isEqualTo(UInt256.ONE);
  }

  @Test
  void staticFlagIsInheritedByNestedCalls() {
    TestChain chain = new TestChain();
    chain.deploy(C, new Asm().push(1, 0).op("SSTORE").build());
    chain.deploy(B, new Asm().call("CALL", C, 0, 0, 0, 0, 0, 50_000).returnTop().build());
    chain.run(
        new Asm()
            .call("STATICCALL", B, 0, 0, 0, 0, 32, 200_000)
            .store(0)
            .push(0)
            .op("MLOAD")
            .store(1)
            .build(),
        1_000_000);
    assertThat(chain.storage(TestChain.CONTRACT, 0)).isEqualTo(UInt256.ONE); // B succeeded
    assertThat(chain.storage(TestChain.CONTRACT, 1)).isEqualTo(UInt256.ZERO); // C's SSTORE failed
    assertThat(chain.storage(C, 0)).isEqualTo(UInt256.ZERO);
  }

  /**
   * B: with calldata 0, writes storage, transient storage, a log and warms X, then reverts; else
   * returns TLOAD(0).
   */
  static Bytes revertingWriter() {
    Asm b = new Asm().push(0).op("CALLDATALOAD");
    int read = b.here() + 3 + 5 + 5 + 5 + 23 + 5; // PUSH1 JUMPI, then the write-and-revert body
    b.push(read)
        .op("JUMPI")
        .push(1, 0)
        .op("SSTORE")
        .push(1, 0)
        .op("TSTORE")
        .push(0, 0)
        .op("LOG0")
        .push(X)
        .op("BALANCE", "POP")
        .push(0, 0)
        .op("REVERT");
    assertThat(b.here()).isEqualTo(read);
    return b.op("JUMPDEST").push(0).op("TLOAD").returnTop().build();
  }

  @Test
  void revertUndoesStorageTransientStorageWarmthAndLogs() {
    TestChain chain = new TestChain();
    chain.deploy(B, revertingWriter());
    Bytes a =
        new Asm()
            .call("CALL", B, 0, 0, 0, 0, 0, -1)
            .store(2) // write mode: reverts, result 0 in slot 2
            .push(1, 0)
            .op("MSTORE")
            .call("CALL", B, 0, 0, 32, 0, 32, -1)
            .op("POP") // read mode: B's TLOAD(0) into mem[0]
            .push(0)
            .op("MLOAD")
            .store(0)
            .op("GAS")
            .push(X)
            .op("BALANCE", "POP", "GAS", "SWAP1", "SUB")
            .store(1)
            .build();
    ExecutionResult r = chain.run(a, 1_000_000);
    assertThat(r.isSuccess()).isTrue();
    assertThat(chain.storage(TestChain.CONTRACT, 2)).isEqualTo(UInt256.ZERO);
    assertThat(chain.storage(B, 0)).isEqualTo(UInt256.ZERO);
    assertThat(chain.storage(TestChain.CONTRACT, 0))
        .isEqualTo(UInt256.ZERO); // transient write undone
    assertThat(chain.storage(TestChain.CONTRACT, 1))
        .isEqualTo(UInt256.valueOf(3 + 2600 + 2 + 2)); // X cold again
    assertThat(r.logs()).isEmpty();
  }

  @Test
  void transientStorageSurvivesCallsButNotTransactions() {
    TestChain chain = new TestChain();
    // C: with calldata, TSTORE(0, 5); without, return TLOAD(0).
    chain.deploy(
        C,
        new Asm()
            .op("CALLDATASIZE", "ISZERO")
            .push(11)
            .op("JUMPI")
            .push(5, 0)
            .op("TSTORE", "STOP", "JUMPDEST")
            .push(0)
            .op("TLOAD")
            .returnTop()
            .build());
    Bytes a =
        new Asm()
            .push(1, 0)
            .op("MSTORE")
            .call("CALL", C, 0, 0, 32, 0, 0, -1)
            .op("POP")
            .call("CALL", C, 0, 0, 0, 0, 32, -1)
            .op("POP")
            .push(0)
            .op("MLOAD")
            .store(0)
            .build();
    chain.run(a, 1_000_000);
    assertThat(chain.storage(TestChain.CONTRACT, 0)).isEqualTo(UInt256.valueOf(5));
    // A new transaction starts with empty transient storage.
    chain.deploy(
        TestChain.CONTRACT,
        new Asm()
            .call("CALL", C, 0, 0, 0, 0, 32, -1)
            .op("POP")
            .push(0)
            .op("MLOAD")
            .push(1)
            .op("ADD")
            .store(0)
            .build());
    chain.call(TestChain.CONTRACT, 1_000_000);
    assertThat(chain.storage(TestChain.CONTRACT, 0)).isEqualTo(UInt256.ONE);
  }

  @Test
  void returnDataCopyBounds() {
    TestChain chain = withReturner();
    ExecutionResult ok =
        chain.run(
            returnDataCopyAfterCall(0)
                .op("RETURNDATASIZE")
                .store(1)
                .push(0)
                .op("MLOAD")
                .store(0)
                .build(),
            1_000_000);
    assertThat(ok.isSuccess()).isTrue();
    assertThat(chain.storage(TestChain.CONTRACT, 0)).isEqualTo(UInt256.valueOf(42));
    assertThat(chain.storage(TestChain.CONTRACT, 1)).isEqualTo(UInt256.valueOf(32));
    ExecutionResult bad = withReturner().run(returnDataCopyAfterCall(1).build(), 1_000_000);
    assertThat(bad.haltReason()).isEqualTo(HaltReason.RETURN_DATA_OUT_OF_BOUNDS);
    assertThat(bad.gasLeft()).isZero();
  }

  /** A chain where B returns the word 42 (32 bytes of return data). */
  private static TestChain withReturner() {
    TestChain chain = new TestChain();
    chain.deploy(B, new Asm().push(42).returnTop().build());
    return chain;
  }

  /** Code that calls B, then copies 32 bytes of its return data from {@code offset} to memory 0. */
  private static Asm returnDataCopyAfterCall(int offset) {
    return new Asm()
        .call("CALL", B, 0, 0, 0, 0, 0, -1)
        .op("POP")
        .push(32, offset, 0)
        .op("RETURNDATACOPY");
  }

  @Test
  void revertReturnsDataAndUnusedGas() {
    TestChain chain = new TestChain();
    ExecutionResult r =
        chain.run(
            new Asm()
                .push(1, 0)
                .op("SSTORE")
                .push(0xbeef, 0)
                .op("MSTORE")
                .push(2, 30)
                .op("REVERT")
                .build(),
            100_000);
    assertThat(r.outcome()).isEqualTo(Outcome.REVERT);
    assertThat(r.output()).isEqualTo(Bytes.fromHex("0xbeef"));
    assertThat(r.gasLeft()).isEqualTo(100_000 - (3 + 3 + 22_100 + 3 + 3 + 3 + 3 + 3 + 3));
    assertThat(r.refund()).isZero();
    assertThat(chain.storage(TestChain.CONTRACT, 0)).isEqualTo(UInt256.ZERO);
  }

  @Test
  void exceptionalHaltConsumesAllGasAndUndoesValueTransfer() {
    TestChain chain = new TestChain();
    chain.deploy(TestChain.CONTRACT, Bytes.fromHex("0xfe"));
    ExecutionResult r =
        chain.call(TestChain.CONTRACT, Bytes.EMPTY, UInt256.valueOf(5), 50_000, List.of());
    assertThat(r.outcome()).isEqualTo(Outcome.HALT);
    assertThat(r.haltReason()).isEqualTo(HaltReason.INVALID_OPCODE);
    assertThat(r.gasLeft()).isZero();
    assertThat(chain.world.balance(TestChain.CONTRACT)).isEqualTo(UInt256.ZERO);
  }

  @Test
  void stackUnderflowOverflowAndBadJumps() {
    assertThat(new TestChain().run(Bytes.fromHex("0x01"), 1000).haltReason())
        .isEqualTo(HaltReason.STACK_UNDERFLOW);
    Asm many = new Asm();
    for (int i = 0; i < 1025; i++) many.op("PUSH0");
    assertThat(new TestChain().run(many.build(), 100_000).haltReason())
        .isEqualTo(HaltReason.STACK_OVERFLOW);
    Asm exactly = new Asm();
    for (int i = 0; i < 1024; i++) exactly.op("PUSH0");
    assertThat(new TestChain().run(exactly.build(), 100_000).isSuccess()).isTrue();
    // Jump into PUSH data (0x5b inside PUSH1) is invalid.
    assertThat(new TestChain().run(Bytes.fromHex("0x6003565b00"), 1000).isSuccess()).isTrue();
    assertThat(new TestChain().run(Bytes.fromHex("0x600456605b00"), 1000).haltReason())
        .isEqualTo(HaltReason.INVALID_JUMP);
    assertThat(new TestChain().run(Bytes.fromHex("0x0c"), 1000).haltReason())
        .isEqualTo(HaltReason.INVALID_OPCODE);
  }

  @Test
  void delegateCallKeepsCallerValueAndStorage() {
    TestChain chain = new TestChain();
    chain.deploy(
        B, new Asm().op("CALLER").store(0).op("ADDRESS").store(1).op("CALLVALUE").store(2).build());
    chain.deploy(TestChain.CONTRACT, new Asm().call("DELEGATECALL", B, 0, 0, 0, 0, 0, -1).build());
    ExecutionResult r =
        chain.call(TestChain.CONTRACT, Bytes.EMPTY, UInt256.valueOf(9), 1_000_000, List.of());
    assertThat(r.isSuccess()).isTrue();
    assertThat(chain.storage(TestChain.CONTRACT, 0)).isEqualTo(UInt256.fromBytes(TestChain.SENDER));
    assertThat(chain.storage(TestChain.CONTRACT, 1))
        .isEqualTo(UInt256.fromBytes(TestChain.CONTRACT));
    assertThat(chain.storage(TestChain.CONTRACT, 2)).isEqualTo(UInt256.valueOf(9));
    assertThat(chain.storage(B, 0)).isEqualTo(UInt256.ZERO);
  }

  @Test
  void callCodeRunsForeignCodeOnOwnStorage() {
    TestChain chain = new TestChain();
    chain.deploy(B, new Asm().op("CALLER").store(0).op("CALLVALUE").store(1).build());
    chain.world.put(
        TestChain.CONTRACT,
        UInt256.valueOf(10),
        1,
        new Asm().call("CALLCODE", B, 3, 0, 0, 0, 0, -1).build(),
        Map.of());
    chain.call(TestChain.CONTRACT, 1_000_000);
    assertThat(chain.storage(TestChain.CONTRACT, 0))
        .isEqualTo(UInt256.fromBytes(TestChain.CONTRACT));
    assertThat(chain.storage(TestChain.CONTRACT, 1)).isEqualTo(UInt256.valueOf(3));
    assertThat(chain.world.balance(TestChain.CONTRACT)).isEqualTo(UInt256.valueOf(10));
  }

  @Test
  void insufficientBalanceCallFailsAndKeepsGas() {
    TestChain chain = new TestChain();
    chain.deploy(TestChain.CONTRACT, new Asm().call("CALL", B, 1, 0, 0, 0, 0, 0).store(0).build());
    long gas = 100_000;
    ExecutionResult r = chain.call(TestChain.CONTRACT, gas);
    assertThat(chain.storage(TestChain.CONTRACT, 0)).isEqualTo(UInt256.ZERO);
    // 7 pushes, cold B (2600), value (9000) and new account (B is absent: 25000); the failed call
    // hands back its gas and the 2300 stipend (as every client does); then PUSH1 and an SSTORE of
    // zero over zero on a cold slot (2100 + 100).
    assertThat(r.gasUsed(gas)).isEqualTo(7 * 3 + 2600 + 9000 + 25_000 - 2300 + 3 + 2200);
  }

  @Test
  void touchedAccountsAreReportedAndEmptyOnesRemoved() {
    TestChain chain = new TestChain();
    Address empty = Address.fromHex("0x00000000000000000000000000000000000e3e3e");
    chain.world.put(empty, UInt256.ZERO, 0, Bytes.EMPTY, Map.of());
    chain.deploy(TestChain.CONTRACT, new Asm().call("CALL", empty, 0, 0, 0, 0, 0, 0).build());
    ExecutionResult r = chain.call(TestChain.CONTRACT, 100_000);
    assertThat(r.touched()).contains(empty, TestChain.CONTRACT);
    Evm.finalizeTransaction(chain.world, r, List.of(TestChain.SENDER, TestChain.COINBASE));
    assertThat(chain.world.exists(empty)).isFalse();
    assertThat(chain.world.exists(TestChain.CONTRACT)).isTrue();
  }
}
