package io.levity.compute.inference;

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
 * the block time under the test's control. Gas figures add the intrinsic cost (21,000 plus
 * calldata) and the capped refund to what the frame used, as a mined transaction would report.
 */
final class InferenceChain {
  static final long GAS = 30_000_000L;
  static final Address COINBASE = Address.fromHex("0xc0ffee0000000000000000000000000000000000");

  private final InMemoryWorld world = new InMemoryWorld();
  private final Evm evm = new Evm(EvmSpecs.levity());
  final long chainId = 1337;
  long timestamp = 1_800_000_000L;
  private long number = 1;

  /** One call's outcome. */
  record Outcome(ExecutionResult result, long gas) {
    boolean ok() {
      return result.isSuccess();
    }

    Bytes output() {
      return result.output();
    }

    List<Log> logs() {
      return result.logs();
    }

    /** The custom error it reverted with, if it did. */
    Optional<String> error() {
      return ok() ? Optional.empty() : InferenceMarketContract.ERRORS.name(result.output());
    }

    String describe() {
      return ok() ? "success" : InferenceMarketContract.ERRORS.describe(result.output());
    }

    /** The first {@code event} it emitted, decoded. */
    Optional<AbiValues> event(AbiEvent event) {
      for (Log l : logs())
        if (!l.topics().isEmpty() && l.topics().get(0).equals(event.topic()))
          return Optional.of(event.decode(l.topics(), l.data()));
      return Optional.empty();
    }
  }

  void fund(Address account, UInt256 wei) {
    world.put(account, wei, world.nonce(account), Bytes.EMPTY, Map.of());
  }

  /** Gives {@code account} code (a contract that can be a caller in a test) and a balance. */
  void install(Address account, Bytes code, BigInteger wei) {
    world.put(account, UInt256.valueOf(wei), world.nonce(account), code, Map.of());
  }

  UInt256 balance(Address account) {
    return world.balance(account);
  }

  Address deploy(Address from, Bytes initcode) {
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
    assertThat(r.isSuccess())
        .as("deployment: " + InferenceMarketContract.ERRORS.describe(r.output()))
        .isTrue();
    return target;
  }

  /** The outcome of deploying {@code initcode}, which may revert. */
  Outcome tryDeploy(Address from, Bytes initcode) {
    world.beginTransaction();
    long nonce = world.nonce(from);
    world.setNonce(from, nonce + 1);
    ExecutionResult r =
        evm.execute(
            world,
            block(),
            new TxContext(from, UInt256.ZERO, List.of()),
            CallMessage.create(
                from, ContractAddress.create(from, nonce), UInt256.ZERO, initcode, GAS));
    return new Outcome(r, 0);
  }

  Outcome call(Address from, Address to, UInt256 value, Bytes data) {
    world.beginTransaction();
    world.setNonce(from, world.nonce(from) + 1);
    ExecutionResult r =
        evm.execute(
            world,
            block(),
            new TxContext(from, UInt256.ZERO, List.of()),
            CallMessage.call(from, to, value, data, GAS));
    long gas = intrinsic(data) + r.gasUsed(GAS);
    if (r.isSuccess()) gas -= Math.min(r.refund(), gas / 5);
    return new Outcome(r, gas);
  }

  /** A call whose effects are undone: a view. Fails the test if it reverts. */
  AbiValues view(Address to, AbiFunction f, Object... args) {
    world.beginTransaction();
    int snap = world.snapshot();
    ExecutionResult r =
        evm.execute(
            world,
            block(),
            new TxContext(Address.ZERO, UInt256.ZERO, List.of()),
            CallMessage.call(Address.ZERO, to, UInt256.ZERO, f.encodeCall(args), GAS));
    world.revert(snap);
    assertThat(r.isSuccess())
        .as(f.name() + ": " + InferenceMarketContract.ERRORS.describe(r.output()))
        .isTrue();
    return f.decodeReturn(r.output());
  }

  private BlockContext block() {
    return new BlockContext(
        COINBASE,
        number++,
        timestamp,
        60_000_000L,
        Bytes32.ZERO,
        UInt256.ZERO,
        UInt256.ONE,
        chainId,
        n -> Bytes32.ZERO);
  }

  private static long intrinsic(Bytes data) {
    long gas = 21_000;
    for (byte b : data.unsafeArray()) gas += b == 0 ? 4 : 16;
    return gas;
  }
}
