package io.levity.evm.fork;

import java.util.Arrays;

/**
 * A fork's 256-slot opcode table: for each opcode its name, the words it pops and pushes, and its
 * constant gas (what every execution pays before any dynamic part). Undefined slots have no name
 * and gas -1. Immutable; a new fork derives its table from the previous one with {@link #with}.
 */
public final class OperationTable {
  /** Stack limit in words (Yellow Paper: 1024). */
  public static final int STACK_LIMIT = 1024;

  private final String[] names;
  private final int[] pops;
  private final int[] pushes;
  private final long[] constantGas;

  private OperationTable(String[] names, int[] pops, int[] pushes, long[] constantGas) {
    this.names = names;
    this.pops = pops;
    this.pushes = pushes;
    this.constantGas = constantGas;
  }

  /** A table with no opcode defined. */
  public static OperationTable empty() {
    long[] gas = new long[256];
    Arrays.fill(gas, -1);
    return new OperationTable(new String[256], new int[256], new int[256], gas);
  }

  /** Changes to apply to a copy of a table. */
  public interface Edit {
    void apply(Builder b);
  }

  /** A copy of this table with the edits applied. */
  public OperationTable with(Edit edit) {
    OperationTable copy =
        new OperationTable(names.clone(), pops.clone(), pushes.clone(), constantGas.clone());
    edit.apply(new Builder(copy));
    return copy;
  }

  public boolean isDefined(int op) {
    return constantGas[op] >= 0;
  }

  /** The mnemonic, or the opcode in hex ({@code 0x0c}) for undefined slots. */
  public String name(int op) {
    String n = names[op];
    return n != null ? n : String.format("0x%02x", op);
  }

  public int pops(int op) {
    return pops[op];
  }

  public int pushes(int op) {
    return pushes[op];
  }

  /** Constant gas, or -1 when undefined. */
  public long constantGas(int op) {
    return constantGas[op];
  }

  /** Minimum stack height per opcode (copy). */
  public int[] minStackTable() {
    return pops.clone();
  }

  /** Maximum stack height before the opcode that does not overflow 1024 words (copy). */
  public int[] maxStackTable() {
    int[] max = new int[256];
    for (int op = 0; op < 256; op++) max[op] = STACK_LIMIT - Math.max(0, pushes[op] - pops[op]);
    return max;
  }

  /** Constant gas per opcode, -1 for undefined (copy). */
  public long[] constantGasTable() {
    return constantGas.clone();
  }

  /** Mutable view of a new table while it is derived; the table is not shared until then. */
  public static final class Builder {
    private final OperationTable t;

    private Builder(OperationTable t) {
      this.t = t;
    }

    /** Defines (or redefines) an opcode. */
    public Builder define(int op, String name, int pops, int pushes, long constantGas) {
      if (constantGas < 0) throw new IllegalArgumentException("negative gas for " + name);
      t.names[op] = name;
      t.pops[op] = pops;
      t.pushes[op] = pushes;
      t.constantGas[op] = constantGas;
      return this;
    }

    /** Changes the constant gas of a defined opcode. */
    public Builder gas(int op, long constantGas) {
      if (t.constantGas[op] < 0) throw new IllegalStateException("opcode not defined: " + op);
      t.constantGas[op] = constantGas;
      return this;
    }

    /** Removes an opcode. */
    public Builder undefine(int op) {
      t.names[op] = null;
      t.pops[op] = 0;
      t.pushes[op] = 0;
      t.constantGas[op] = -1;
      return this;
    }
  }
}
