package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.evm.fork.EvmSpec;
import java.util.List;
import java.util.Map;

/**
 * One contract deployed by a funded caller on a fresh in-memory world, then called again and again
 * on that same state (snapshot, call, revert). {@code levity bench evm} and the JMH {@code
 * EvmWorkloadBench} both measure through it, so their figures are of the same work.
 */
public final class ContractSandbox {
  private static final long DEPLOY_GAS = 30_000_000L;

  private final Evm evm;
  private final InMemoryWorld world;
  private final BlockContext block;
  private final TxContext tx;
  private final Address caller;
  private final Address contract;

  private ContractSandbox(EvmSpec spec, Address caller) {
    this.evm = new Evm(spec);
    this.world = new InMemoryWorld();
    this.caller = caller;
    this.contract = ContractAddress.create(caller, 0);
    world.put(caller, UInt256.valueOf(1L << 60), 0, Bytes.EMPTY, Map.of());
    block =
        new BlockContext(
            Address.ZERO,
            1,
            1_700_000_000L,
            1_000_000_000L,
            Bytes32.ZERO,
            UInt256.ZERO,
            UInt256.ONE,
            1,
            n -> Bytes32.ZERO);
    tx = new TxContext(caller, UInt256.ZERO, List.of());
  }

  /**
   * Runs {@code initcode} as {@code caller}'s first transaction; fails with the EVM's reason when
   * the deployment does not succeed.
   */
  public static ContractSandbox deploy(EvmSpec spec, Address caller, Bytes initcode) {
    ContractSandbox s = new ContractSandbox(spec, caller);
    s.world.beginTransaction();
    s.world.setNonce(caller, 1);
    ExecutionResult r =
        s.evm.execute(
            s.world,
            s.block,
            s.tx,
            CallMessage.create(caller, s.contract, UInt256.ZERO, initcode, DEPLOY_GAS));
    if (!r.isSuccess()) throw new IllegalStateException("deployment failed: " + r.describe());
    return s;
  }

  /** The deployed contract's address. */
  public Address contract() {
    return contract;
  }

  /** The message calling the contract with {@code input} and {@code gas}. */
  public CallMessage callMessage(Bytes input, long gas) {
    return CallMessage.call(caller, contract, UInt256.ZERO, input, gas);
  }

  /** Runs {@code call} and reverts its state changes, so every call starts from the same state. */
  public ExecutionResult run(CallMessage call) {
    world.beginTransaction();
    int snap = world.snapshot();
    ExecutionResult r = evm.execute(world, block, tx, call);
    world.revert(snap);
    return r;
  }
}
