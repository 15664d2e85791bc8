package io.levity.evm.fork;

import java.util.function.UnaryOperator;

/**
 * A fork as data: its opcode table, gas parameters and rules. A later fork is derived from an
 * earlier one with {@link #next}, never by subclassing.
 */
public record Fork(String name, OperationTable operations, GasSchedule gas, Rules rules) {

  /** The fork that follows this one, built by editing copies of this fork's parts. */
  public Fork next(
      String nextName,
      OperationTable.Edit ops,
      UnaryOperator<GasSchedule> gasEdit,
      UnaryOperator<Rules> rulesEdit) {
    return new Fork(nextName, operations.with(ops), gasEdit.apply(gas), rulesEdit.apply(rules));
  }

  @Override
  public String toString() {
    return name;
  }
}
