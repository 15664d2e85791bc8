package io.levity.node.mempool;

/**
 * Why the mempool refused a transaction; the message of a {@link MempoolException} gives the
 * figures.
 */
public enum MempoolError {
  ALREADY_KNOWN("already known"),
  NONCE_TOO_LOW("nonce too low"),
  NONCE_TOO_HIGH("nonce too far ahead of the account nonce"),
  REPLACEMENT_UNDERPRICED("replacement transaction underpriced"),
  SENDER_LIMIT("too many transactions from this sender"),
  QUEUED_LIMIT("too many queued transactions from this sender (behind a nonce gap)"),
  POOL_FULL("txpool is full"),
  INSUFFICIENT_FUNDS("insufficient funds for gas * price + value"),
  GAS_LIMIT_EXCEEDS_BLOCK("gas limit exceeds the block gas limit"),
  FEE_TOO_LOW("transaction underpriced"),
  OVERSIZED("transaction too large");

  private final String text;

  MempoolError(String text) {
    this.text = text;
  }

  /** The standard wording (as Ethereum clients use it, so tools recognise it). */
  public String text() {
    return text;
  }
}
