package io.levity.evm.fork;

import io.levity.evm.precompile.PrecompileSet;
import io.levity.evm.precompile.Precompiles;

/**
 * The EVM side of the forks Levity runs. Shanghai, the first, is written out in full; each later
 * fork is a function of the previous fork's spec. The execution layer's {@code Fork} applies these
 * functions in fork order, so each fork's EVM changes are defined here once; {@link #cancun()} is
 * the same fold for code that needs the EVM alone (tests, {@code levity evm run}, benchmarks).
 */
public final class EvmSpecs {
  private static final EvmSpec SHANGHAI = buildShanghai();
  private static final EvmSpec CANCUN = cancun(SHANGHAI);
  private static final EvmSpec LEVITY = levity(CANCUN);

  private EvmSpecs() {}

  /**
   * Shanghai, with everything since Frontier (EIP-3855 PUSH0, EIP-3860 initcode limit, EIP-3651).
   */
  public static EvmSpec shanghai() {
    return SHANGHAI;
  }

  /** Cancun as it follows Shanghai. */
  public static EvmSpec cancun() {
    return CANCUN;
  }

  /**
   * The EVM of Levity's own chain: Cancun plus the Ed25519 verification precompile at {@code
   * 0x...ed25} (storage node keys). Never used for Ethereum's conformance fixtures: one more warm
   * precompile address would change their gas.
   */
  public static EvmSpec levity() {
    return LEVITY;
  }

  /** Levity's changes to the previous fork (Cancun): the ED25519VERIFY precompile only. */
  public static EvmSpec levity(EvmSpec cancun) {
    return cancun.next(
        "Levity",
        new EvmSpec.Changes(
            b -> {},
            g -> g,
            r -> r,
            p -> p.with(Precompiles.ED25519_VERIFY_ADDRESS, Precompiles.ED25519_VERIFY)));
  }

  /**
   * Cancun's changes to the previous fork: EIP-1153 (TLOAD/TSTORE), EIP-5656 (MCOPY), EIP-4844
   * (BLOBHASH, the point evaluation precompile at 0x0a), EIP-7516 (BLOBBASEFEE), EIP-6780
   * (SELFDESTRUCT deletes only in the creating transaction).
   */
  public static EvmSpec cancun(EvmSpec shanghai) {
    long transientGas = shanghai.gas().transientStorage();
    return shanghai.next(
        "Cancun",
        new EvmSpec.Changes(
            t ->
                t.define(0x49, "BLOBHASH", 1, 1, 3)
                    .define(0x4a, "BLOBBASEFEE", 0, 1, 2)
                    .define(0x5c, "TLOAD", 1, 1, transientGas)
                    .define(0x5d, "TSTORE", 2, 0, transientGas)
                    .define(0x5e, "MCOPY", 3, 0, 3),
            g -> g,
            r -> r.withSelfdestructOnlyInSameTx(true),
            p -> p.with(0x0a, Precompiles.POINT_EVALUATION)));
  }

  private static EvmSpec buildShanghai() {
    GasSchedule g = GasSchedule.london();
    OperationTable t =
        OperationTable.empty()
            .with(
                b -> {
                  b.define(0x00, "STOP", 0, 0, 0);
                  b.define(0x01, "ADD", 2, 1, 3);
                  b.define(0x02, "MUL", 2, 1, 5);
                  b.define(0x03, "SUB", 2, 1, 3);
                  b.define(0x04, "DIV", 2, 1, 5);
                  b.define(0x05, "SDIV", 2, 1, 5);
                  b.define(0x06, "MOD", 2, 1, 5);
                  b.define(0x07, "SMOD", 2, 1, 5);
                  b.define(0x08, "ADDMOD", 3, 1, 8);
                  b.define(0x09, "MULMOD", 3, 1, 8);
                  b.define(0x0a, "EXP", 2, 1, 10);
                  b.define(0x0b, "SIGNEXTEND", 2, 1, 5);
                  b.define(0x10, "LT", 2, 1, 3);
                  b.define(0x11, "GT", 2, 1, 3);
                  b.define(0x12, "SLT", 2, 1, 3);
                  b.define(0x13, "SGT", 2, 1, 3);
                  b.define(0x14, "EQ", 2, 1, 3);
                  b.define(0x15, "ISZERO", 1, 1, 3);
                  b.define(0x16, "AND", 2, 1, 3);
                  b.define(0x17, "OR", 2, 1, 3);
                  b.define(0x18, "XOR", 2, 1, 3);
                  b.define(0x19, "NOT", 1, 1, 3);
                  b.define(0x1a, "BYTE", 2, 1, 3);
                  b.define(0x1b, "SHL", 2, 1, 3);
                  b.define(0x1c, "SHR", 2, 1, 3);
                  b.define(0x1d, "SAR", 2, 1, 3);
                  b.define(0x20, "KECCAK256", 2, 1, 30);
                  b.define(0x30, "ADDRESS", 0, 1, 2);
                  b.define(0x31, "BALANCE", 1, 1, 0); // EIP-2929: warm 100 / cold 2600, all dynamic
                  b.define(0x32, "ORIGIN", 0, 1, 2);
                  b.define(0x33, "CALLER", 0, 1, 2);
                  b.define(0x34, "CALLVALUE", 0, 1, 2);
                  b.define(0x35, "CALLDATALOAD", 1, 1, 3);
                  b.define(0x36, "CALLDATASIZE", 0, 1, 2);
                  b.define(0x37, "CALLDATACOPY", 3, 0, 3);
                  b.define(0x38, "CODESIZE", 0, 1, 2);
                  b.define(0x39, "CODECOPY", 3, 0, 3);
                  b.define(0x3a, "GASPRICE", 0, 1, 2);
                  b.define(0x3b, "EXTCODESIZE", 1, 1, 0);
                  b.define(0x3c, "EXTCODECOPY", 4, 0, 0);
                  b.define(0x3d, "RETURNDATASIZE", 0, 1, 2);
                  b.define(0x3e, "RETURNDATACOPY", 3, 0, 3);
                  b.define(0x3f, "EXTCODEHASH", 1, 1, 0);
                  b.define(0x40, "BLOCKHASH", 1, 1, 20);
                  b.define(0x41, "COINBASE", 0, 1, 2);
                  b.define(0x42, "TIMESTAMP", 0, 1, 2);
                  b.define(0x43, "NUMBER", 0, 1, 2);
                  b.define(0x44, "PREVRANDAO", 0, 1, 2);
                  b.define(0x45, "GASLIMIT", 0, 1, 2);
                  b.define(0x46, "CHAINID", 0, 1, 2);
                  b.define(0x47, "SELFBALANCE", 0, 1, 5);
                  b.define(0x48, "BASEFEE", 0, 1, 2);
                  b.define(0x50, "POP", 1, 0, 2);
                  b.define(0x51, "MLOAD", 1, 1, 3);
                  b.define(0x52, "MSTORE", 2, 0, 3);
                  b.define(0x53, "MSTORE8", 2, 0, 3);
                  b.define(0x54, "SLOAD", 1, 1, 0);
                  b.define(0x55, "SSTORE", 2, 0, 0);
                  b.define(0x56, "JUMP", 1, 0, 8);
                  b.define(0x57, "JUMPI", 2, 0, 10);
                  b.define(0x58, "PC", 0, 1, 2);
                  b.define(0x59, "MSIZE", 0, 1, 2);
                  b.define(0x5a, "GAS", 0, 1, 2);
                  b.define(0x5b, "JUMPDEST", 0, 0, 1);
                  b.define(0x5f, "PUSH0", 0, 1, 2);
                  for (int n = 1; n <= 32; n++) b.define(0x5f + n, "PUSH" + n, 0, 1, 3);
                  for (int n = 1; n <= 16; n++) b.define(0x7f + n, "DUP" + n, n, n + 1, 3);
                  for (int n = 1; n <= 16; n++) b.define(0x8f + n, "SWAP" + n, n + 1, n + 1, 3);
                  for (int n = 0; n <= 4; n++)
                    b.define(0xa0 + n, "LOG" + n, 2 + n, 0, g.logBase() + g.logTopic() * n);
                  b.define(0xf0, "CREATE", 3, 1, g.create());
                  b.define(0xf1, "CALL", 7, 1, 0);
                  b.define(0xf2, "CALLCODE", 7, 1, 0);
                  b.define(0xf3, "RETURN", 2, 0, 0);
                  b.define(0xf4, "DELEGATECALL", 6, 1, 0);
                  b.define(0xf5, "CREATE2", 4, 1, g.create());
                  b.define(0xfa, "STATICCALL", 6, 1, 0);
                  b.define(0xfd, "REVERT", 2, 0, 0);
                  b.define(0xfe, "INVALID", 0, 0, 0);
                  b.define(0xff, "SELFDESTRUCT", 1, 0, 5000);
                });
    Rules rules = new Rules(24576, 2 * 24576, 1024, true, true, false);
    PrecompileSet precompiles =
        PrecompileSet.of(
            Precompiles.ECRECOVER,
            Precompiles.SHA256,
            Precompiles.RIPEMD160,
            Precompiles.IDENTITY,
            Precompiles.MODEXP,
            Precompiles.BN254_ADD,
            Precompiles.BN254_MUL,
            Precompiles.BN254_PAIRING,
            Precompiles.BLAKE2F);
    return new EvmSpec("Shanghai", t, g, rules, precompiles);
  }
}
