package io.levity.cli.bench.tps;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * What a sender does when eth_sendRawTransaction fails, decided from the error alone. The wording
 * matched is the go-ethereum wording that Levity and Hardhat both use, so the same client drives
 * both.
 */
public enum SubmitVerdict {
  /**
   * The node is busy or at a limit (pool full, too many from this sender, rate limit) or did not
   * answer: send the same bytes again after a back-off.
   */
  RETRY,
  /** The node already has exactly this transaction: count it as acknowledged. */
  ALREADY_KNOWN,
  /**
   * The nonce was used: by an earlier attempt of this very transaction if it was resent, else by
   * someone else.
   */
  NONCE_TOO_LOW,
  /**
   * Refused for good (bad fee, funds, encoding...): the nonce stays free and another transaction
   * must take it.
   */
  REJECTED;

  /** JSON-RPC 2.0 / EIP-1474 "limit exceeded". */
  static final int LIMIT_EXCEEDED = -32005;

  private static final List<String> BUSY =
      List.of(
          "too many transactions from this sender", // Levity mempool, per-sender limit
          "transaction pool is full", // Levity mempool, global limit
          "txpool is full", // go-ethereum
          "nonce too far ahead", // Levity: more than the per-sender limit ahead of the account
          // nonce
          "rate limit");

  public static SubmitVerdict of(IOException e) {
    if (!(e instanceof RpcCallException r))
      return RETRY; // transport failure: the node may or may not have it
    if (r.httpStatus() == 429 || r.httpStatus() >= 500 || r.code() == LIMIT_EXCEEDED) return RETRY;
    String m = r.rpcMessage().toLowerCase(Locale.ROOT);
    if (m.contains("already known") || m.contains("known transaction")) return ALREADY_KNOWN;
    if (m.contains("nonce too low")) return NONCE_TOO_LOW;
    for (String busy : BUSY) {
      if (m.contains(busy)) return RETRY;
    }
    return REJECTED;
  }
}
