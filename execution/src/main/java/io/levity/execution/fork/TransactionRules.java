package io.levity.execution.fork;

/**
 * The transaction parameters of one fork: intrinsic gas prices, which envelopes are accepted, and
 * the stateless limits. {@link Fork} derives each fork's rules from the previous fork's by applying
 * that fork's changes to a {@link Changes} draft.
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

  /** True when envelope type {@code type} (0 for legacy) is accepted. */
  public boolean allowsType(int type) {
    return type >= 0 && type < 32 && (transactionTypes & (1 << type)) != 0;
  }

  public boolean hasInitcodeLimit() {
    return maxInitcodeSize >= 0;
  }

  /**
   * The rules as they are being folded from Frontier to a fork: one draft for the whole fold, so no
   * fork copies the rules it does not change. Each method is one fork's kind of change.
   */
  static final class Changes {
    private long txGas = 21_000;
    private long txCreateGas = 21_000;
    private long dataZeroGas = 4;
    private long dataNonZeroGas = 68;
    private long accessListAddressGas;
    private long accessListStorageKeyGas;
    private long initcodeWordGas;
    private int maxInitcodeSize = -1;
    private boolean lowSRequired;
    private boolean replayProtection;
    private int transactionTypes = 1; // legacy only
    private int maxBlobsPerTransaction;
    private int blobHashVersion;

    /** EIP-2: a creation costs more, and signatures must have a low s. */
    Changes creationGasAndLowS(long createGas) {
      txCreateGas = createGas;
      lowSRequired = true;
      return this;
    }

    /** EIP-155: legacy transactions may bind a chain id. */
    Changes replayProtection() {
      replayProtection = true;
      return this;
    }

    /** EIP-2028: the price of a non-zero calldata byte. */
    Changes dataNonZeroGas(long gas) {
      dataNonZeroGas = gas;
      return this;
    }

    /** EIP-2718: one more envelope type is accepted. */
    Changes type(int type) {
      if (type < 0 || type >= 32)
        throw new IllegalArgumentException("transaction type out of range: " + type);
      transactionTypes |= 1 << type;
      return this;
    }

    /** EIP-2930: prices of access-list entries. */
    Changes accessListGas(long perAddress, long perStorageKey) {
      accessListAddressGas = perAddress;
      accessListStorageKeyGas = perStorageKey;
      return this;
    }

    /** EIP-3860: initcode is priced per word and limited in size. */
    Changes initcodeLimits(long perWordGas, int maxSize) {
      initcodeWordGas = perWordGas;
      maxInitcodeSize = maxSize;
      return this;
    }

    /** EIP-4844: blob count limit and versioned-hash version. */
    Changes blobs(int maxPerTransaction, int hashVersion) {
      maxBlobsPerTransaction = maxPerTransaction;
      blobHashVersion = hashVersion;
      return this;
    }

    TransactionRules rules() {
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
          maxBlobsPerTransaction,
          blobHashVersion);
    }
  }
}
