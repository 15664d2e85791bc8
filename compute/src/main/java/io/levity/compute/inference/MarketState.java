package io.levity.compute.inference;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.sdk.abi.AbiValues;
import java.math.BigInteger;

/** What the market contract's views return, decoded. */
public final class MarketState {
  private MarketState() {}

  /** The contract stores a status as its position in the declaration, as these enums list them. */
  private static <E extends Enum<E>> E byCode(Class<E> type, long code) {
    E[] all = type.getEnumConstants();
    if (code < 0 || code >= all.length)
      throw new IllegalArgumentException("no " + type.getSimpleName() + " " + code);
    return all[(int) code];
  }

  /** A provider's record: its service, stake, unbonding time (0 while bonded), open batches. */
  public record Provider(
      InferenceService service, BigInteger stake, long unbondedAt, int pendingBatches) {
    static Provider fromAbi(AbiValues t) {
      return new Provider(
          InferenceService.fromAbi(t.tuple(0)),
          t.bigInteger(1),
          t.longValue(2),
          (int) t.longValue(3));
    }
  }

  /** A user's sub-account with one provider. */
  public record SubAccount(
      BigInteger balance, long settledNonce, long refundAt, BigInteger refundPending) {
    static SubAccount fromAbi(AbiValues t) {
      return new SubAccount(t.bigInteger(0), t.longValue(1), t.longValue(2), t.bigInteger(3));
    }
  }

  /** Where a batch stands. */
  public enum BatchStatus {
    NONE,
    PENDING,
    PAID,
    VOIDED
  }

  public record Batch(
      Address provider,
      long submittedAt,
      BatchStatus status,
      int depth,
      int leafCount,
      int openDisputes,
      BigInteger escrow,
      Bytes32 root) {
    static Batch fromAbi(AbiValues t) {
      return new Batch(
          t.address(0),
          t.longValue(1),
          byCode(BatchStatus.class, t.longValue(2)),
          (int) t.longValue(3),
          (int) t.longValue(4),
          (int) t.longValue(5),
          t.bigInteger(6),
          t.bytes32(7));
    }
  }

  /** Where a dispute stands. */
  public enum DisputeStatus {
    NONE,
    OPEN,
    UPHELD,
    REJECTED,
    /** Its batch was voided by another challenge; the bond went back. */
    MOOT
  }

  public record Dispute(
      BigInteger batchId,
      long votingEnds,
      int wrongVotes,
      DisputeStatus status,
      Address challenger,
      BigInteger bond) {
    static Dispute fromAbi(AbiValues t) {
      return new Dispute(
          t.bigInteger(0),
          t.longValue(1),
          (int) t.longValue(2),
          byCode(DisputeStatus.class, t.longValue(3)),
          t.address(4),
          t.bigInteger(5));
    }
  }
}
