package io.levity.execution.state;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import io.levity.core.tx.InvalidTransactionException;
import io.levity.core.tx.TransactionError;
import io.levity.evm.HaltReason;
import io.levity.evm.Log;
import io.levity.evm.Outcome;
import java.util.List;
import java.util.Objects;

/**
 * What applying one transaction did: it was {@link Executed} (included, whether its code succeeded
 * or not) or {@link Rejected} (invalid: the world is unchanged and a block containing it is
 * invalid).
 */
public sealed interface TransactionResult {

  /**
   * An included transaction.
   *
   * @param outcome how the top-level frame ended; a REVERT or HALT still pays for its gas
   * @param haltReason why it halted, for {@link Outcome#HALT}; otherwise null
   * @param gasUsed gas charged after the refund: what the receipt reports and the block's gas pool
   *     loses
   * @param gasRefunded the refund granted (the counter capped at a fifth of the gas used before it)
   * @param blobGasUsed blob gas the transaction consumed (EIP-4844); 0 for other envelopes
   * @param effectiveGasPrice the price per gas the sender paid
   * @param logs logs of a successful transaction; empty otherwise
   * @param createdAddress the new contract of a successful creation; null otherwise
   * @param output return data, or revert data
   */
  record Executed(
      Address sender,
      Outcome outcome,
      HaltReason haltReason,
      long gasUsed,
      long gasRefunded,
      long blobGasUsed,
      UInt256 effectiveGasPrice,
      List<Log> logs,
      Address createdAddress,
      Bytes output)
      implements TransactionResult {
    public Executed {
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(effectiveGasPrice, "effectiveGasPrice");
      logs = List.copyOf(logs);
      Objects.requireNonNull(output, "output");
    }

    public boolean isSuccess() {
      return outcome == Outcome.SUCCESS;
    }

    /** The receipt status (EIP-658): 1 for success, 0 otherwise. */
    public int status() {
      return isSuccess() ? 1 : 0;
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

  /** An invalid transaction: {@code error} names the rule it broke and {@code detail} says how. */
  record Rejected(TransactionError error, String detail) implements TransactionResult {
    public Rejected {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(detail, "detail");
    }

    static Rejected of(InvalidTransactionException e) {
      return new Rejected(e.error(), e.detail());
    }

    /**
     * The same rejection as an exception, for callers that abort on an invalid transaction (block
     * import).
     */
    public InvalidTransactionException toException() {
      return new InvalidTransactionException(error, detail);
    }

    @Override
    public String toString() {
      return error + ": " + detail;
    }
  }
}
