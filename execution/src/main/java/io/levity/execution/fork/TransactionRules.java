package io.levity.execution.fork;

/**
 * The transaction parameters of one fork: intrinsic gas prices, which envelopes are accepted, and
 * the stateless limits. Each fork derives its rules from the previous fork's with the {@code with*}
 * methods.
 *
 * @param txGas base cost of every transaction (21000)
 * @param txCreateGas base cost of a contract-creating transaction (21000 in Frontier, 53000 from
 *     Homestead)
 * @param dataZeroGas cost per zero byte of calldata or initcode
 * @param dataNonZeroGas cost per non-zero byte (68, 16 from Istanbul by EIP-2028)
 * @param accessListAddressGas cost per access-list address (EIP-2930)
 * @param accessListStorageKeyGas cost per access-list storage key (EIP-2930)
 * @param initcodeWordGas cost per 32-byte word of initcode in a creating transaction (EIP-3860)
 * @param maxInitcodeSize largest initcode a creating transaction may carry, or -1 for no limit
 *     (EIP-3860)
 * @param lowSRequired whether signatures must have s <= n/2 (EIP-2)
 * @param replayProtection whether legacy transactions may carry an EIP-155 chain id
 * @param transactionTypes bit i is set when envelope type i is accepted (bit 0: legacy)
 * @param maxBlobsPerTransaction most blob hashes one transaction may carry (EIP-4844)
 * @param blobHashVersion the version byte a blob versioned hash must start with (EIP-4844)
 */
public record TransactionRules(
    long txGas,
    long txCreateGas,
    long dataZeroGas,
    long dataNonZeroGas,
    long accessListAddressGas,
    long accessListStorageKeyGas,
    long initcodeWordGas,
    int maxInitcodeSize,
    boolean lowSRequired,
    boolean replayProtection,
    int transactionTypes,
    int maxBlobsPerTransaction,
    int blobHashVersion) {

  /** Frontier's rules, the root every later fork derives from. */
  public static final TransactionRules FRONTIER =
      new TransactionRules(21_000, 21_000, 4, 68, 0, 0, 0, -1, false, false, 1, 0, 0);

  /** True when envelope type {@code type} (0 for legacy) is accepted. */
  public boolean allowsType(int type) {
    return type >= 0 && type < 32 && (transactionTypes & (1 << type)) != 0;
  }

  public boolean hasInitcodeLimit() {
    return maxInitcodeSize >= 0;
  }

  public TransactionRules withTxCreateGas(long gas) {
    return new TransactionRules(
        txGas,
        gas,
        dataZeroGas,
        dataNonZeroGas,
        accessListAddressGas,
        accessListStorageKeyGas,
        initcodeWordGas,
        maxInitcodeSize,
        lowSRequired,
        replayProtection,
        transactionTypes,
        maxBlobsPerTransaction,
        blobHashVersion);
  }

  public TransactionRules withDataNonZeroGas(long gas) {
    return new TransactionRules(
        txGas,
        txCreateGas,
        dataZeroGas,
        gas,
        accessListAddressGas,
        accessListStorageKeyGas,
        initcodeWordGas,
        maxInitcodeSize,
        lowSRequired,
        replayProtection,
        transactionTypes,
        maxBlobsPerTransaction,
        blobHashVersion);
  }

  public TransactionRules withAccessListGas(long perAddress, long perStorageKey) {
    return new TransactionRules(
        txGas,
        txCreateGas,
        dataZeroGas,
        dataNonZeroGas,
        perAddress,
        perStorageKey,
        initcodeWordGas,
        maxInitcodeSize,
        lowSRequired,
        replayProtection,
        transactionTypes,
        maxBlobsPerTransaction,
        blobHashVersion);
  }

  public TransactionRules withInitcodeLimits(long perWordGas, int maxSize) {
    return new TransactionRules(
        txGas,
        txCreateGas,
        dataZeroGas,
        dataNonZeroGas,
        accessListAddressGas,
        accessListStorageKeyGas,
        perWordGas,
        maxSize,
        lowSRequired,
        replayProtection,
        transactionTypes,
        maxBlobsPerTransaction,
        blobHashVersion);
  }

  public TransactionRules withLowSRequired() {
    return new TransactionRules(
        txGas,
        txCreateGas,
        dataZeroGas,
        dataNonZeroGas,
        accessListAddressGas,
        accessListStorageKeyGas,
        initcodeWordGas,
        maxInitcodeSize,
        true,
        replayProtection,
        transactionTypes,
        maxBlobsPerTransaction,
        blobHashVersion);
  }

  public TransactionRules withReplayProtection() {
    return new TransactionRules(
        txGas,
        txCreateGas,
        dataZeroGas,
        dataNonZeroGas,
        accessListAddressGas,
        accessListStorageKeyGas,
        initcodeWordGas,
        maxInitcodeSize,
        lowSRequired,
        true,
        transactionTypes,
        maxBlobsPerTransaction,
        blobHashVersion);
  }

  public TransactionRules withType(int type) {
    if (type < 0 || type >= 32)
      throw new IllegalArgumentException("transaction type out of range: " + type);
    return new TransactionRules(
        txGas,
        txCreateGas,
        dataZeroGas,
        dataNonZeroGas,
        accessListAddressGas,
        accessListStorageKeyGas,
        initcodeWordGas,
        maxInitcodeSize,
        lowSRequired,
        replayProtection,
        transactionTypes | (1 << type),
        maxBlobsPerTransaction,
        blobHashVersion);
  }

  public TransactionRules withBlobs(int maxPerTransaction, int hashVersion) {
    return new TransactionRules(
        txGas,
        txCreateGas,
        dataZeroGas,
        dataNonZeroGas,
        accessListAddressGas,
        accessListStorageKeyGas,
        initcodeWordGas,
        maxInitcodeSize,
        lowSRequired,
        replayProtection,
        transactionTypes,
        maxPerTransaction,
        hashVersion);
  }
}
