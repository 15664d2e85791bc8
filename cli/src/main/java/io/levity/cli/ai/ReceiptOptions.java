package io.levity.cli.ai;

import io.levity.compute.inference.InferenceMarketClient;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * How the audit and dispute commands name a receipt: {@code BATCH:INDEX}, or a user's nonce found
 * in a provider's batches.
 */
final class ReceiptOptions {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "RECEIPT",
      descriptionKey = "compute-receipt")
  String receipt;

  @Option(names = "--provider", paramLabel = "ADDR", descriptionKey = "compute-receipt-provider")
  String provider;

  @Option(names = "--user", paramLabel = "ADDR", descriptionKey = "compute-receipt-user")
  String user;

  @Option(names = "--nonce", paramLabel = "N", descriptionKey = "compute-receipt-nonce")
  Long nonce;

  /** The receipt named, {@code keyUser} (or null) standing in for an absent --user. */
  AuditTargets.Located locate(InferenceMarketClient market, String keyUser) {
    return AuditTargets.locate(
        market, receipt, provider, user != null ? user : keyUser, nonce, AuditTargets.fetcher());
  }
}
