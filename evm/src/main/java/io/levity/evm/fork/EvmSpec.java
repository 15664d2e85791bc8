package io.levity.evm.fork;

import io.levity.evm.precompile.PrecompileSet;
import java.util.function.UnaryOperator;

/**
 * Everything about the EVM that varies by fork, as data: the opcode table, the gas parameters, the
 * behavioural rules and the precompiled contracts. A later fork's spec is derived from the previous
 * one with {@link #next}, never by subclassing. The execution layer's {@code Fork} pairs each spec
 * with that fork's transaction rules, so one definition per fork covers both.
 */
public record EvmSpec(
    String name,
    OperationTable operations,
    GasSchedule gas,
    Rules rules,
    PrecompileSet precompiles) {

  /** What a fork changes relative to the previous one; each part applies to a copy. */
  public record Changes(
      OperationTable.Edit operations,
      UnaryOperator<GasSchedule> gas,
      UnaryOperator<Rules> rules,
      UnaryOperator<PrecompileSet> precompiles) {}

  /** The spec of the fork that follows this one. */
  public EvmSpec next(String nextName, Changes changes) {
    return new EvmSpec(
        nextName,
        operations.with(changes.operations()),
        changes.gas().apply(gas),
        changes.rules().apply(rules),
        changes.precompiles().apply(precompiles));
  }

  @Override
  public String toString() {
    return name;
  }
}
