package io.levity.cli.bench.tps;

import io.levity.sdk.rpc.EthRpcException;
import io.levity.sdk.rpc.RpcErrorException;
import io.levity.sdk.rpc.RpcProtocolException;
import io.levity.sdk.rpc.RpcTransportException;
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

  private static final List<String> BUSY =
      List.of(
          "too many transactions from this sender", // Levity mempool, per-sender limit
          "transaction pool is full", // Levity mempool, global limit
          "txpool is full", // go-ethereum
          "nonce too far ahead", // Levity: more than the per-sender limit ahead of the account
          // nonce
          "nonce too high", // Hardhat automine: it cannot hold a nonce ahead of the account's
          "rate limit");

  public static SubmitVerdict of(EthRpcException e) {
    return switch (e) {
      // No answer: the node may or may not have it. A result of the wrong shape means it answered
      // (a resend then says "already known").
      case RpcTransportException t -> RETRY;
      case RpcProtocolException p ->
          p.httpStatus() == RpcProtocolException.NO_STATUS || busy(p.httpStatus())
              ? RETRY
              : REJECTED;
      case RpcErrorException r -> of(r);
    };
  }

  private static boolean busy(int httpStatus) {
    return httpStatus == 429 || httpStatus >= 500;
  }

  private static SubmitVerdict of(RpcErrorException r) {
    if (busy(r.httpStatus()) || r.code() == RpcErrorException.LIMIT_EXCEEDED) return RETRY;
    String m = r.rpcMessage().toLowerCase(Locale.ROOT);
    if (m.contains("already known") || m.contains("known transaction")) return ALREADY_KNOWN;
    if (m.contains("nonce too low")) return NONCE_TOO_LOW;
    for (String busy : BUSY) {
      if (m.contains(busy)) return RETRY;
    }
    return REJECTED;
  }
}
