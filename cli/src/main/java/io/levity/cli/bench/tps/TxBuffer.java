package io.levity.cli.bench.tps;

import io.levity.sdk.tx.SignedTx;
import java.util.List;
import java.util.Objects;

/**
 * One sender's transactions signed before the measured window (nonces {@code start, start+1, ...},
 * sequence numbers 0, 1, ...), handed out by nonce. A nonce the buffer does not hold next (a nonce
 * freed by a refusal, a resync after "nonce too low", or the buffer ran out) is signed on the spot
 * with a sequence number after the buffer's, so every transaction still pays a fresh recipient;
 * buffered transactions below a requested nonce are dropped (their nonce was skipped). Used by its
 * lane's thread only.
 */
final class TxBuffer implements SenderLane.TxSource {
  private final List<SignedTx> signed;
  private final SenderLane.TxMaker maker;
  private int next;
  private long nextSeq;
  private long signedLate;
  private long dropped;

  /**
   * {@code signed.get(i)} has nonce {@code signed.get(0).nonce() + i} and sequence number i; {@code
   * maker} signs anything else.
   */
  TxBuffer(List<SignedTx> signed, SenderLane.TxMaker maker) {
    this.signed = List.copyOf(signed);
    this.maker = Objects.requireNonNull(maker);
    this.nextSeq = signed.size();
    for (int i = 1; i < this.signed.size(); i++) {
      if (this.signed.get(i).nonce() != this.signed.get(i - 1).nonce() + 1)
        throw new IllegalArgumentException("pre-signed nonces must be consecutive");
    }
  }

  /** Signs everything on the spot (sequence numbers 0, 1, ...). */
  static TxBuffer onTheFly(SenderLane.TxMaker maker) {
    return new TxBuffer(List.of(), maker);
  }

  @Override
  public SignedTx next(long nonce) {
    while (next < signed.size() && signed.get(next).nonce() < nonce) {
      next++;
      dropped++;
    }
    if (next < signed.size() && signed.get(next).nonce() == nonce) return signed.get(next++);
    signedLate++;
    return maker.make(nonce, nextSeq++);
  }

  /** Transactions signed on the spot because the buffer did not hold their nonce. */
  long signedLate() {
    return signedLate;
  }

  /** Pre-signed transactions skipped because their nonce was passed. */
  long dropped() {
    return dropped;
  }

  /** Pre-signed transactions not handed out (yet). */
  int remaining() {
    return signed.size() - next;
  }
}
