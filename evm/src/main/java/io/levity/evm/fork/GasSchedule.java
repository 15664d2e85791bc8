package io.levity.evm.fork;

/**
 * The dynamic gas parameters of a fork (constant per-opcode gas lives in {@link OperationTable}).
 * Names follow the EIPs that introduced them; values are in gas.
 */
public record GasSchedule(
    long memoryWord, // G_memory: 3 per word
    long memoryQuadDivisor, // words^2 / 512
    long copyWord, // G_copy: 3 per word for *COPY
    long keccakWord, // G_keccak256word: 6
    long expByte, // G_expbyte: 50 (EIP-160)
    long logBase, // G_log: 375
    long logTopic, // G_logtopic: 375
    long logDataByte, // G_logdata: 8
    long warmStorageRead, // EIP-2929 WARM_STORAGE_READ_COST: 100
    long coldSload, // EIP-2929 COLD_SLOAD_COST: 2100
    long coldAccountAccess, // EIP-2929 COLD_ACCOUNT_ACCESS_COST: 2600
    long sstoreSet, // EIP-2200 SSTORE_SET_GAS: 20000
    long sstoreReset, // EIP-2929 SSTORE_RESET_GAS - COLD_SLOAD_COST: 2900
    long sstoreSentry, // EIP-2200 call stipend sentry: 2300
    long sstoreClearsRefund, // EIP-3529 SSTORE_CLEARS_SCHEDULE: 4800
    long callValueTransfer, // G_callvalue: 9000
    long callStipend, // G_callstipend: 2300
    long newAccount, // G_newaccount: 25000
    long create, // G_create: 32000
    long codeDepositByte, // G_codedeposit: 200
    long initcodeWord, // EIP-3860: 2 per word
    long selfdestructNewAccount, // 25000 when sending balance to a dead account
    long transientStorage, // EIP-1153: 100 (also the constant gas of TLOAD/TSTORE)
    long blockhashWindow // BLOCKHASH sees the last 256 blocks
    ) {

  /** The schedule in force from London (EIP-3529) through Cancun. */
  public static GasSchedule london() {
    return new GasSchedule(
        3, 512, 3, 6, 50, 375, 375, 8, 100, 2100, 2600, 20000, 2900, 2300, 4800, 9000, 2300, 25000,
        32000, 200, 2, 25000, 100, 256);
  }

  /**
   * Memory cost of a memory of the given size in words: memoryWord * w + w^2 / memoryQuadDivisor.
   */
  public long memoryCost(long words) {
    return memoryWord * words + words * words / memoryQuadDivisor;
  }
}
