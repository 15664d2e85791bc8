package io.levity.compute.inference;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A settlement batch of one provider's receipts: ordered by user (address bytes) then nonce, each
 * with the user's running fee total, under a {@link ReceiptTree}; and one total per user, which the
 * contract moves into escrow. Each user's nonces must be consecutive (the contract requires the
 * first to follow the user's last settled nonce).
 */
public final class ReceiptBatch {
  /** One user's part of the batch: {@code count} receipts ending at {@code highestNonce}. */
  public record UserTotal(Address user, int count, long highestNonce, BigInteger total) {
    public UserTotal {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(total, "total");
    }

    public long firstNonce() {
      return highestNonce - count + 1;
    }

    public List<Object> abiValue() {
      return List.of(user, count, highestNonce, total);
    }
  }

  /** A leaf with what a challenge needs: its running total, its index and its siblings. */
  public record LeafProof(
      InferenceReceipt receipt, BigInteger cumulativeFee, int index, List<Bytes32> siblings) {
    public LeafProof {
      Objects.requireNonNull(receipt, "receipt");
      Objects.requireNonNull(cumulativeFee, "cumulativeFee");
      siblings = List.copyOf(siblings);
    }

    /** The LeafProof tuple the contract's challenge functions take. */
    public List<Object> abiValue() {
      return List.of(receipt.leafAbiValue(cumulativeFee), BigInteger.valueOf(index), siblings);
    }
  }

  private static final Comparator<InferenceReceipt> ORDER =
      Comparator.comparing((InferenceReceipt r) -> r.user().toHex())
          .thenComparingLong(InferenceReceipt::nonce);

  private final List<InferenceReceipt> receipts;
  private final List<BigInteger> cumulative;
  private final List<UserTotal> totals;
  private final ReceiptTree tree;

  private ReceiptBatch(
      List<InferenceReceipt> receipts, List<BigInteger> cumulative, List<UserTotal> totals) {
    this.receipts = List.copyOf(receipts);
    this.cumulative = List.copyOf(cumulative);
    this.totals = List.copyOf(totals);
    List<Bytes32> leaves = new ArrayList<>(receipts.size());
    for (int i = 0; i < receipts.size(); i++)
      leaves.add(receipts.get(i).leafHash(cumulative.get(i)));
    this.tree = new ReceiptTree(leaves);
  }

  /**
   * The batch of {@code receipts} (any order); throws IllegalArgumentException when a user's nonces
   * repeat or leave a gap, or when there is nothing to settle.
   */
  public static ReceiptBatch of(List<InferenceReceipt> receipts) {
    if (receipts.isEmpty()) throw new IllegalArgumentException("an empty batch");
    List<InferenceReceipt> sorted = new ArrayList<>(receipts);
    sorted.sort(ORDER);
    List<BigInteger> cumulative = new ArrayList<>(sorted.size());
    List<UserTotal> totals = new ArrayList<>();
    BigInteger running = BigInteger.ZERO;
    int count = 0;
    for (int i = 0; i < sorted.size(); i++) {
      InferenceReceipt r = sorted.get(i);
      boolean first = i == 0 || !sorted.get(i - 1).user().equals(r.user());
      if (!first && r.nonce() != sorted.get(i - 1).nonce() + 1)
        throw new IllegalArgumentException(
            "user "
                + r.user()
                + " has nonces "
                + sorted.get(i - 1).nonce()
                + " then "
                + r.nonce()
                + "; a batch needs them consecutive");
      running = first ? r.fee() : running.add(r.fee());
      count = first ? 1 : count + 1;
      cumulative.add(running);
      boolean last = i == sorted.size() - 1 || !sorted.get(i + 1).user().equals(r.user());
      if (last) totals.add(new UserTotal(r.user(), count, r.nonce(), running));
    }
    return new ReceiptBatch(sorted, cumulative, totals);
  }

  public Bytes32 root() {
    return tree.root();
  }

  public int size() {
    return receipts.size();
  }

  /** The receipts in leaf order. */
  public List<InferenceReceipt> receipts() {
    return receipts;
  }

  public List<UserTotal> totals() {
    return totals;
  }

  /** What the batch escrows in all. */
  public BigInteger total() {
    return totals.stream().map(UserTotal::total).reduce(BigInteger.ZERO, BigInteger::add);
  }

  public BigInteger cumulativeFee(int index) {
    return cumulative.get(index);
  }

  public LeafProof proof(int index) {
    return new LeafProof(receipts.get(index), cumulative.get(index), index, tree.proof(index));
  }

  /** The leaf index of {@code user}'s receipt with {@code nonce}, or -1. */
  public int indexOf(Address user, long nonce) {
    for (int i = 0; i < receipts.size(); i++)
      if (receipts.get(i).user().equals(user) && receipts.get(i).nonce() == nonce) return i;
    return -1;
  }
}
