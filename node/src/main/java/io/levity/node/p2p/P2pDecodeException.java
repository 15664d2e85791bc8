package io.levity.node.p2p;

/** A frame that is not a valid message; says what is wrong and what misbehavior it counts as. */
public final class P2pDecodeException extends Exception {
  private final Misbehavior misbehavior;

  public P2pDecodeException(Misbehavior misbehavior, String message) {
    super(message);
    this.misbehavior = misbehavior;
  }

  public P2pDecodeException(Misbehavior misbehavior, String message, Throwable cause) {
    super(message, cause);
    this.misbehavior = misbehavior;
  }

  public Misbehavior misbehavior() {
    return misbehavior;
  }
}
