package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import java.util.List;
import java.util.Set;

/**
 * The result of a transaction's top-level frame.
 *
 * @param haltReason why the frame halted, when {@code outcome} is {@link Outcome#HALT}; otherwise
 *     null
 * @param gasLeft unused gas (0 after a halt)
 * @param refund the refund counter (EIP-3529); the caller caps it at gasUsed / 5. Zero unless
 *     SUCCESS.
 * @param output return data, or revert data
 * @param logs logs of the successful frames (empty unless SUCCESS)
 * @param createdAddress the new contract for a successful creation; null otherwise
 * @param touched accounts touched by frames that did not revert (EIP-161); the caller adds the
 *     sender and coinbase it touches itself and deletes those that are empty at the end of the
 *     transaction
 * @param selfDestructed accounts to delete at the end of the transaction (EIP-6780: only those
 *     created in it)
 */
public record ExecutionResult(
    Outcome outcome,
    HaltReason haltReason,
    long gasLeft,
    long refund,
    Bytes output,
    List<Log> logs,
    Address createdAddress,
    Set<Address> touched,
    Set<Address> selfDestructed) {

  public boolean isSuccess() {
    return outcome == Outcome.SUCCESS;
  }

  /** Gas used by the frame out of what the message carried. */
  public long gasUsed(long messageGas) {
    return messageGas - gasLeft;
  }

  /** A short description: "success", "revert" or "halt: reason". */
  public String describe() {
    return switch (outcome) {
      case SUCCESS -> "success";
      case REVERT -> "revert";
      case HALT -> "halt: " + haltReason.message();
    };
  }
}
