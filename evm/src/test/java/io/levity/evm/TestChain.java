package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.core.tx.AccessListEntry;
import io.levity.evm.fork.EvmSpecs;
import io.levity.evm.trace.Tracer;
import java.util.List;
import java.util.Map;

/** Test fixture: an in-memory world with a funded sender and helpers to run one message. */
final class TestChain {
  static final Address SENDER = Address.fromHex("0x1000000000000000000000000000000000000001");
  static final Address CONTRACT = Address.fromHex("0xc000000000000000000000000000000000000001");
  static final Address OTHER = Address.fromHex("0xc000000000000000000000000000000000000002");
  static final Address COINBASE = Address.fromHex("0xc0ffee0000000000000000000000000000000000");
  static final UInt256 RICH = UInt256.valueOf(1_000_000_000_000_000_000L);

  final InMemoryWorld world = new InMemoryWorld();
  final Evm evm = new Evm(EvmSpecs.cancun());
  final BlockContext block =
      new BlockContext(
          COINBASE,
          100,
          1_700_000_000L,
          30_000_000,
          Bytes32.ZERO,
          UInt256.valueOf(7),
          UInt256.ONE,
          1,
          n -> Bytes32.leftPad(Bytes.of((byte) n)));
  Tracer tracer;

  TestChain() {
    world.put(SENDER, RICH, 1, Bytes.EMPTY, Map.of());
  }

  TestChain deploy(Address a, Bytes code) {
    world.put(a, UInt256.ZERO, 1, code, Map.of());
    return this;
  }

  TestChain deploy(Address a, Bytes code, Map<UInt256, UInt256> storage) {
    world.put(a, UInt256.ZERO, 1, code, storage);
    return this;
  }

  ExecutionResult call(
      Address to, Bytes input, UInt256 value, long gas, List<AccessListEntry> accessList) {
    world.beginTransaction();
    TxContext tx = new TxContext(SENDER, UInt256.valueOf(10), List.of());
    return evm.execute(
        world, block, tx, CallMessage.call(SENDER, to, value, input, gas), accessList, tracer);
  }

  ExecutionResult call(Address to, long gas) {
    return call(to, Bytes.EMPTY, UInt256.ZERO, gas, List.of());
  }

  /** Deploys code at CONTRACT and calls it. */
  ExecutionResult run(Bytes code, long gas) {
    deploy(CONTRACT, code);
    return call(CONTRACT, gas);
  }

  ExecutionResult create(Bytes initcode, UInt256 value, long gas) {
    world.beginTransaction();
    long nonce = world.nonce(SENDER);
    world.setNonce(SENDER, nonce + 1);
    TxContext tx = new TxContext(SENDER, UInt256.valueOf(10), List.of());
    Address target = ContractAddress.create(SENDER, nonce);
    return evm.execute(
        world,
        block,
        tx,
        CallMessage.create(SENDER, target, value, initcode, gas),
        List.of(),
        tracer);
  }

  UInt256 storage(Address a, long key) {
    return world.storage(a, UInt256.valueOf(key));
  }

  static UInt256 word(Bytes output) {
    return UInt256.fromBytes(output);
  }
}
