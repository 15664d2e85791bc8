package io.levity.execution.fork;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The Ethereum forks Levity implements, oldest first. A fork is data: each one states only what it
 * changes relative to the previous fork, and its rules are the fold of those changes from Frontier.
 *
 * <p>Names are the ones ethereum/tests uses ({@code EIP150} is Tangerine Whistle, {@code EIP158}
 * Spurious Dragon, {@code ConstantinopleFix} Petersburg, {@code Paris} the Merge); the common
 * aliases are accepted by {@link #byName}.
 */
public enum Fork {
  FRONTIER("Frontier", r -> r),
  /** EIP-2 (creation costs 53000, signatures must have low s). */
  HOMESTEAD("Homestead", r -> r.withTxCreateGas(53_000).withLowSRequired()),
  /** Tangerine Whistle: EIP-150 repricing of state access; nothing for transactions. */
  EIP150("EIP150", r -> r),
  /** Spurious Dragon: EIP-155 replay protection. */
  EIP158("EIP158", TransactionRules::withReplayProtection),
  BYZANTIUM("Byzantium", r -> r),
  CONSTANTINOPLE("Constantinople", r -> r),
  /** Petersburg. */
  CONSTANTINOPLE_FIX("ConstantinopleFix", r -> r),
  /** EIP-2028: non-zero calldata bytes cost 16. */
  ISTANBUL("Istanbul", r -> r.withDataNonZeroGas(16)),
  /** EIP-2718 envelopes and EIP-2930 access lists. */
  BERLIN("Berlin", r -> r.withType(1).withAccessListGas(2_400, 1_900)),
  /** EIP-1559 dynamic fees. */
  LONDON("London", r -> r.withType(2)),
  /** The Merge: nothing for transactions. */
  PARIS("Paris", r -> r),
  /** EIP-3860: initcode costs 2 per word and is limited to 49152 bytes. */
  SHANGHAI("Shanghai", r -> r.withInitcodeLimits(2, 49_152)),
  /**
   * EIP-4844 blob transactions: at most 6 blobs (786432 blob gas per block / 131072), version byte
   * 0x01.
   */
  CANCUN("Cancun", r -> r.withType(3).withBlobs(6, 0x01));

  /**
   * Forks that exist on Ethereum after the last one Levity implements; fixtures for them are
   * skipped.
   */
  public static final List<String> NOT_IMPLEMENTED = List.of("Prague", "Osaka", "Amsterdam");

  private static final TransactionRules[] TX_RULES;

  static {
    Fork[] all = values();
    TX_RULES = new TransactionRules[all.length];
    TransactionRules r = TransactionRules.FRONTIER;
    for (Fork f : all) {
      r = f.txChanges.apply(r);
      TX_RULES[f.ordinal()] = r;
    }
  }

  private final String fixtureName;
  private final UnaryOperator<TransactionRules> txChanges;

  Fork(String fixtureName, UnaryOperator<TransactionRules> txChanges) {
    this.fixtureName = fixtureName;
    this.txChanges = txChanges;
  }

  /** The name ethereum/tests uses for this fork. */
  public String fixtureName() {
    return fixtureName;
  }

  public TransactionRules transactionRules() {
    return TX_RULES[ordinal()];
  }

  public boolean isAtLeast(Fork other) {
    return compareTo(other) >= 0;
  }

  /** The latest fork Levity implements. */
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
