package io.levity.da.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.evm.BlockContext;
import io.levity.evm.CallMessage;
import io.levity.evm.ContractAddress;
import io.levity.evm.Evm;
import io.levity.evm.ExecutionResult;
import io.levity.evm.InMemoryWorld;
import io.levity.evm.Log;
import io.levity.evm.TxContext;
import io.levity.evm.fork.EvmSpecs;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiFunction;
import io.levity.sdk.abi.AbiValues;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test harness: Levity's EVM over an in-memory world, each call one transaction's top frame, with
 * the block number (hence the contract's epoch) under the test's control. Gas figures add the
 * intrinsic cost (21,000 plus calldata) and the capped refund to what the frame used, as a mined
 * transaction (or an eth_estimateGas) would report.
 */
final class DaEvm {
  static final long GAS = 30_000_000L;
  static final long CHAIN_ID = 1337;
  static final Address COINBASE = Address.fromHex("0xc0ffee0000000000000000000000000000000000");

  private final InMemoryWorld world = new InMemoryWorld();
  private final Evm evm = new Evm(EvmSpecs.levity());
  private long number = 1;

  /** One call's outcome. */
  record Outcome(ExecutionResult result, long gas) {
    boolean ok() {
      return result.isSuccess();
    }

    Bytes output() {
      return result.output();
    }

    /** The custom error it reverted with, if it did. */
    Optional<String> error() {
      return ok() ? Optional.empty() : DataAvailabilityContract.ERRORS.name(result.output());
    }

    String describe() {
      return ok() ? "success" : DataAvailabilityContract.ERRORS.describe(result.output());
    }

    /** The first {@code event} it emitted, decoded. */
    Optional<AbiValues> event(AbiEvent event) {
      for (Log l : result.logs())
        if (!l.topics().isEmpty() && l.topics().get(0).equals(event.topic()))
          return Optional.of(event.decode(l.topics(), l.data()));
      return Optional.empty();
    }
  }

  long blockNumber() {
    return number;
  }

  /** The next call runs in block {@code n}. */
  void setBlock(long n) {
    number = n;
  }

  void fund(Address account, BigInteger wei) {
    world.put(account, UInt256.valueOf(wei), world.nonce(account), Bytes.EMPTY, Map.of());
  }

  /** Gives {@code account} code (a contract that can be a caller in a test). */
  void install(Address account, Bytes code) {
    world.put(account, UInt256.ZERO, world.nonce(account), code, Map.of());
  }

  long nonce(Address account) {
    return world.nonce(account);
  }

  UInt256 balance(Address account) {
    return world.balance(account);
  }

  Outcome tryDeploy(Address from, Bytes initcode) {
    world.beginTransaction();
    long nonce = world.nonce(from);
    world.setNonce(from, nonce + 1);
    Address target = ContractAddress.create(from, nonce);
    ExecutionResult r =
        evm.execute(
            world,
            block(),
            new TxContext(from, UInt256.ZERO, List.of()),
            CallMessage.create(from, target, UInt256.ZERO, initcode, GAS));
    return new Outcome(r, 0);
  }

  Address deploy(Address from, Bytes initcode) {
    long nonce = world.nonce(from);
    Outcome o = tryDeploy(from, initcode);
    assertThat(o.ok()).as("deployment: " + o.describe()).isTrue();
    return ContractAddress.create(from, nonce);
  }

  /** A transaction from {@code from}: its effects stay. */
  Outcome call(Address from, Address to, BigInteger value, Bytes data) {
    world.beginTransaction();
    world.setNonce(from, world.nonce(from) + 1);
    ExecutionResult r =
        evm.execute(
            world,
            block(),
            new TxContext(from, UInt256.ZERO, List.of()),
            CallMessage.call(from, to, UInt256.valueOf(value), data, GAS));
    long gas = intrinsic(data) + r.gasUsed(GAS);
    if (r.isSuccess()) gas -= Math.min(r.refund(), gas / 5);
    return new Outcome(r, gas);
  }

  /** A call whose effects are undone, as an eth_call from {@code from}. */
  Outcome staticCall(Address from, Address to, Bytes data) {
    return staticCallWithValue(from, to, BigInteger.ZERO, data);
  }

  /** A call with value whose effects are undone (an eth_call or gas estimate of a payable call). */
  Outcome staticCallWithValue(Address from, Address to, BigInteger value, Bytes data) {
    world.beginTransaction();
    int snap = world.snapshot();
    ExecutionResult r =
        evm.execute(
            world,
            block(),
            new TxContext(from, UInt256.ZERO, List.of()),
            CallMessage.call(from, to, UInt256.valueOf(value), data, GAS));
    world.revert(snap);
    return new Outcome(r, intrinsic(data) + r.gasUsed(GAS));
  }

  /** A deployment whose effects are undone (its gas estimate). */
  Outcome staticDeploy(Address from, Bytes initcode) {
    world.beginTransaction();
    int snap = world.snapshot();
    ExecutionResult r =
        evm.execute(
            world,
            block(),
            new TxContext(from, UInt256.ZERO, List.of()),
            CallMessage.create(
                from,
                ContractAddress.create(from, world.nonce(from)),
                UInt256.ZERO,
                initcode,
                GAS));
    world.revert(snap);
    return new Outcome(r, 32_000 + intrinsic(initcode) + r.gasUsed(GAS));
  }

  /** A view from the zero address; fails the test if it reverts. */
  AbiValues view(Address to, AbiFunction f, Object... args) {
    Outcome o = staticCall(Address.ZERO, to, f.encodeCall(args));
    assertThat(o.ok()).as(f.name() + ": " + o.describe()).isTrue();
    return f.decodeReturn(o.output());
  }

  private BlockContext block() {
    return new BlockContext(
        COINBASE,
        number,
        1_800_000_000L + number,
        60_000_000L,
        Bytes32.ZERO,
        UInt256.ZERO,
        UInt256.ONE,
        CHAIN_ID,
        n -> Bytes32.ZERO);
  }

  private static long intrinsic(Bytes data) {
    long gas = 21_000;
    for (byte b : data.unsafeArray()) gas += b == 0 ? 4 : 16;
    return gas;
  }
}
