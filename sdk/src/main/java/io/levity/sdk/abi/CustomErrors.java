package io.levity.sdk.abi;

import io.levity.core.bytes.Bytes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A contract's custom errors by selector, so that a client can say which rule a transaction broke:
 * "StaleDataHash(0, 0x.., 0x..)" rather than four bytes of hex.
 */
public final class CustomErrors {
  private final List<String> declarations;
  private final Map<Bytes, AbiFunction> bySelector = new LinkedHashMap<>();

  /** From declarations such as {@code "NotJobOwner(uint256,address)"}. */
  public CustomErrors(List<String> declarations) {
    this.declarations = List.copyOf(declarations);
    for (String d : this.declarations) {
      AbiFunction f = AbiFunction.parse(d);
      if (bySelector.put(f.selector(), f) != null)
        throw new IllegalArgumentException("two errors share the selector of " + d);
    }
  }

  public List<String> declarations() {
    return declarations;
  }

  /** The custom error's name, if {@code revertData} is one of these. */
  public Optional<String> name(Bytes revertData) {
    return error(revertData).map(AbiFunction::name);
  }

  /**
   * A one-line account of a revert: the custom error with its arguments, a Solidity reason or
   * panic, or the raw data.
   */
  public String describe(Bytes revertData) {
    Optional<AbiFunction> error = error(revertData);
    if (error.isEmpty())
      return RevertReason.of(revertData)
          .orElse(revertData.size() == 0 ? "reverted without data" : revertData.toHex());
    AbiFunction f = error.get();
    try {
      AbiValues args = f.decodeCall(revertData);
      return f.name()
          + args.values().stream()
              .map(CustomErrors::show)
              .collect(Collectors.joining(", ", "(", ")"));
    } catch (AbiException e) {
      return f.name() + " (undecodable arguments: " + e.getMessage() + ")";
    }
  }

  private Optional<AbiFunction> error(Bytes revertData) {
    if (revertData.size() < 4) return Optional.empty();
    return Optional.ofNullable(bySelector.get(revertData.slice(0, 4)));
  }

  private static String show(Object value) {
    return value instanceof Bytes b ? b.toHex() : String.valueOf(value);
  }
}
