package io.levity.cli.ai;

import io.levity.compute.inference.InferenceMarketClient;
import io.levity.sdk.tx.Wallet;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code levity compute dispute RECEIPT --key HEX}: challenges one receipt of a provider's batch,
 * paying the market's bond; prints the dispute opened for the auditors, or the fault for which the
 * contract voided the batch at once.
 */
@Command(name = "dispute")
public final class ComputeDisputeCommand implements Callable<Integer> {
  @Mixin ReceiptOptions target;

  @Mixin AiOptions o;

  @Override
  public Integer call() {
    return AuditTargets.run(
        o,
        () -> {
          Wallet wallet;
          InferenceMarketClient market = AuditTargets.market(o);
          wallet = new Wallet(market.rpc(), o.keyPair());
          AuditTargets.Located at = target.locate(market, wallet.address().toHex());
          BigInteger id = BigInteger.valueOf(at.batchId());
          InferenceMarketClient.ChallengeOutcome out =
              market.challenge(
                  wallet,
                  id,
                  at.bundle().batch().proof(at.index()),
                  market.parameter("challengeBond"));
          String where = "batch " + at.batchId() + " leaf " + at.index();
          if (out.fault().isPresent())
            o.out().println(where + ": batch voided at once (" + out.fault().get() + ")");
          else
            o.out()
                .println(
                    where
                        + ": dispute "
                        + out.disputeId().map(BigInteger::toString).orElse("?")
                        + " opened; registered auditors vote on it");
          o.out().flush();
          return 0;
        });
  }
}
