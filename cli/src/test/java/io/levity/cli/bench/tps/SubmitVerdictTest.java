package io.levity.cli.bench.tps;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.sdk.rpc.RpcErrorException;
import io.levity.sdk.rpc.RpcProtocolException;
import io.levity.sdk.rpc.RpcTransportException;
import org.junit.jupiter.api.Test;

/** The error wording of Levity's mempool and of Hardhat maps to the right sender action. */
class SubmitVerdictTest {
  private static SubmitVerdict of(int status, int code, String message) {
    return SubmitVerdict.of(
        new RpcErrorException("eth_sendRawTransaction", status, code, message, null));
  }

  @Test
  void limitsAndBusyAnswersAreRetried() {
    assertThat(of(200, -32000, "too many transactions from this sender: 256 waiting"))
        .isEqualTo(SubmitVerdict.RETRY);
    assertThat(
            of(
                200,
                -32000,
                "transaction pool is full and the fee is too low to evict another: 20000 transactions"))
        .isEqualTo(SubmitVerdict.RETRY);
    assertThat(
            of(
                200,
                -32000,
                "nonce too far ahead of the account nonce: next nonce 1, tx nonce 300, at most 256 ahead"))
        .isEqualTo(SubmitVerdict.RETRY);
    // Hardhat (automine cannot hold a nonce ahead): an earlier nonce is still on its way
    assertThat(
            of(
                200,
                -32000,
                "Nonce too high. Expected nonce to be 2 but got 6. Note that transactions can't be"
                    + " queued when automining."))
        .isEqualTo(SubmitVerdict.RETRY);
    assertThat(of(429, -32005, "rate limit exceeded")).isEqualTo(SubmitVerdict.RETRY);
    assertThat(
            SubmitVerdict.of(new RpcProtocolException("eth_sendRawTransaction", 503, "HTTP 503")))
        .isEqualTo(SubmitVerdict.RETRY);
    assertThat(
            SubmitVerdict.of(
                new RpcTransportException(
                    "eth_sendRawTransaction", "HTTP connect timed out", null)))
        .isEqualTo(SubmitVerdict.RETRY);
    // an answer whose result is malformed: the node took it, a resend will say "already known"
    assertThat(
            SubmitVerdict.of(
                new RpcProtocolException(
                    "eth_sendRawTransaction", RpcProtocolException.NO_STATUS, "not a hash")))
        .isEqualTo(SubmitVerdict.RETRY);
  }

  @Test
  void knownAndUsedNoncesAreRecognised() {
    assertThat(of(200, -32000, "already known")).isEqualTo(SubmitVerdict.ALREADY_KNOWN);
    assertThat(of(200, -32000, "nonce too low: next nonce 5, tx nonce 3"))
        .isEqualTo(SubmitVerdict.NONCE_TOO_LOW);
    assertThat(of(200, -32000, "Nonce too low. Expected nonce to be 5 but got 3.")) // Hardhat
        .isEqualTo(SubmitVerdict.NONCE_TOO_LOW);
  }

  @Test
  void everythingElseIsRefusedForGood() {
    assertThat(of(200, -32000, "insufficient funds for gas * price + value: balance 0, cost 1"))
        .isEqualTo(SubmitVerdict.REJECTED);
    assertThat(of(200, -32000, "invalid chain id for signer: 1")).isEqualTo(SubmitVerdict.REJECTED);
    assertThat(of(200, -32602, "invalid params")).isEqualTo(SubmitVerdict.REJECTED);
    assertThat(
            SubmitVerdict.of(new RpcProtocolException("eth_sendRawTransaction", 404, "HTTP 404")))
        .isEqualTo(SubmitVerdict.REJECTED);
  }
}
