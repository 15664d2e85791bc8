package io.levity.execution.fork;

import io.levity.evm.fork.EvmSpec;
import io.levity.evm.fork.EvmSpecs;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The Ethereum forks Levity implements, oldest first, and the one place each is defined: a fork
 * states what it changes relative to the previous fork, both in the transaction rules and in the
 * EVM ({@link EvmSpec}: opcodes, gas schedule, rules, precompiles), and its full definition is the
 * fold of those changes from Frontier. Levity's EVM starts at Shanghai: earlier forks carry
 * transaction rules only (enough for the TransactionTests fixtures) and have no {@link #evmSpec()}.
 *
 * <p>Names are the ones ethereum/tests uses ({@code EIP150} is Tangerine Whistle, {@code EIP158}
 * Spurious Dragon, {@code ConstantinopleFix} Petersburg, {@code Paris} the Merge); the common
 * aliases are accepted by {@link #byName}.
 */
public enum Fork {
  FRONTIER("Frontier", r -> r),
  /** EIP-2 (creation costs 53000, signatures must have low s). */
  HOMESTEAD("Homestead", r -> r.creationGasAndLowS(53_000)),
  /** Tangerine Whistle: EIP-150 repricing of state access; nothing for transactions. */
  EIP150("EIP150", r -> r),
  /** Spurious Dragon: EIP-155 replay protection. */
  EIP158("EIP158", TransactionRules.Changes::replayProtection),
  BYZANTIUM("Byzantium", r -> r),
  CONSTANTINOPLE("Constantinople", r -> r),
  /** Petersburg. */
  CONSTANTINOPLE_FIX("ConstantinopleFix", r -> r),
  /** EIP-2028: non-zero calldata bytes cost 16. */
  ISTANBUL("Istanbul", r -> r.dataNonZeroGas(16)),
  /** EIP-2718 envelopes and EIP-2930 access lists. */
  BERLIN("Berlin", r -> r.type(1).accessListGas(2_400, 1_900)),
  /** EIP-1559 dynamic fees. */
  LONDON("London", r -> r.type(2)),
  /** The Merge: nothing for transactions. */
  PARIS("Paris", r -> r),
  /**
   * EIP-3860: initcode costs 2 per word and is limited to 49152 bytes. The first fork Levity's EVM
   * runs; its EVM spec is written out in full.
   */
  SHANGHAI("Shanghai", r -> r.initcodeLimits(2, 49_152), previous -> EvmSpecs.shanghai()),
  /**
   * EIP-4844 blob transactions: at most 6 blobs (786432 blob gas per block / 131072), version byte
   * 0x01; the EVM changes of EIP-1153, EIP-5656, EIP-4844, EIP-7516 and EIP-6780.
   */
  CANCUN("Cancun", r -> r.type(3).blobs(6, 0x01), EvmSpecs::cancun),
  /**
   * Levity's own chain, not an Ethereum fork: Cancun's transaction rules and EVM plus the Ed25519
   * verification precompile at 0x...ed25 ({@link EvmSpecs#levity(EvmSpec)}). The node runs it;
   * Ethereum's fixtures run {@link #CANCUN}, whose gas an extra warm precompile would change.
   */
  LEVITY("Levity", r -> r, EvmSpecs::levity);

  /**
   * Forks that exist on Ethereum after the last one Levity implements; fixtures for them are
   * skipped.
   */
  public static final List<String> NOT_IMPLEMENTED = List.of("Prague", "Osaka", "Amsterdam");

  /** Each fork's full definition: the fold of the changes, oldest fork first. */
  private static final Map<Fork, TransactionRules> TX_RULES = new EnumMap<>(Fork.class);

  private static final Map<Fork, EvmSpec> EVM_SPECS = new EnumMap<>(Fork.class);

  static {
    TransactionRules.Changes rules = new TransactionRules.Changes();
    EvmSpec evm = null;
    for (Fork f : values()) {
      TX_RULES.put(f, f.txChanges.apply(rules).rules());
      evm = f.evmChanges.apply(evm);
      if (evm != null) EVM_SPECS.put(f, evm);
    }
  }

  private final String fixtureName;

  // The change functions are stateless lambdas and method references.
  @SuppressWarnings("ImmutableEnumChecker")
  private final UnaryOperator<TransactionRules.Changes> txChanges;

  /** From the previous fork's EVM spec (null before Shanghai) to this fork's. */
  @SuppressWarnings("ImmutableEnumChecker")
  private final UnaryOperator<EvmSpec> evmChanges;

  /** A fork that changes nothing in the EVM. */
  Fork(String fixtureName, UnaryOperator<TransactionRules.Changes> txChanges) {
    this(fixtureName, txChanges, UnaryOperator.identity());
  }

  Fork(
      String fixtureName,
      UnaryOperator<TransactionRules.Changes> txChanges,
      UnaryOperator<EvmSpec> evmChanges) {
    this.fixtureName = fixtureName;
    this.txChanges = txChanges;
    this.evmChanges = evmChanges;
  }

  /** Intrinsic gas, accepted envelopes and the stateless limits of transactions in this fork. */
  public TransactionRules transactionRules() {
    return TX_RULES.get(this);
  }

  /** The EVM of this fork, or empty for the forks before Shanghai, which Levity cannot execute. */
  public Optional<EvmSpec> evmSpec() {
    return Optional.ofNullable(EVM_SPECS.get(this));
  }

  /** The name ethereum/tests uses for this fork. */
  public String fixtureName() {
    return fixtureName;
  }

  public boolean isAtLeast(Fork other) {
    return compareTo(other) >= 0;
  }

  /** The latest fork Levity implements ({@link #LEVITY}, its own chain's rules). */
  public static Fork latest() {
    Fork[] all = values();
    return all[all.length - 1];
  }

  /**
   * Looks a fork up by its ethereum/tests name, its enum name or a common alias; case-insensitive.
   */
  public static Optional<Fork> byName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (Fork f : values()) {
      if (f.fixtureName.toLowerCase(Locale.ROOT).equals(n)
          || f.name().toLowerCase(Locale.ROOT).equals(n)) {
        return Optional.of(f);
      }
    }
    return Optional.ofNullable(
        switch (n) {
          case "tangerinewhistle" -> EIP150;
          case "spuriousdragon" -> EIP158;
          case "petersburg" -> CONSTANTINOPLE_FIX;
          case "merge" -> PARIS;
          default -> null;
        });
  }

  /** True for the name of a real fork that comes after {@link #latest()}. */
  public static boolean isNotImplemented(String name) {
    return NOT_IMPLEMENTED.stream().anyMatch(n -> n.equalsIgnoreCase(name.trim()));
  }
}
