package io.levity.sdk.abi;

import io.levity.core.bytes.Bytes;
import java.util.Optional;

/**
 * Reads revert data: Solidity's {@code Error(string)} (a {@code require} message) and {@code
 * Panic(uint256)} (an assertion, overflow or similar, by code).
 */
public final class RevertReason {
  /** {@code Error(string)}, selector 0x08c379a0. */
  public static final AbiFunction ERROR = AbiFunction.parse("Error(string)");

  /** {@code Panic(uint256)}, selector 0x4e487b71. */
  public static final AbiFunction PANIC = AbiFunction.parse("Panic(uint256)");

  private RevertReason() {}

  /**
   * The human-readable reason in revert data: the {@code Error} message, or {@code "panic 0x.."}
   * with the panic code; empty for custom errors, empty data or anything malformed.
   */
  public static Optional<String> of(Bytes revertData) {
    try {
      if (startsWith(revertData, ERROR.selector()))
        return Optional.of(ERROR.decodeCall(revertData).string(0));
      if (startsWith(revertData, PANIC.selector()))
        return Optional.of("panic 0x" + PANIC.decodeCall(revertData).bigInteger(0).toString(16));
    } catch (AbiException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean startsWith(Bytes data, Bytes prefix) {
    return data.size() >= prefix.size() && data.slice(0, prefix.size()).equals(prefix);
  }
}
