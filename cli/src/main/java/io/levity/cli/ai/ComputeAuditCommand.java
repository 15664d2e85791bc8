package io.levity.cli.ai;

import io.levity.ai.tensor.Kernels;
import io.levity.compute.audit.ChatReexecutor;
import io.levity.compute.audit.LeafJudge;
import io.levity.compute.audit.LeafVerdict;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.MarketState;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code levity compute audit RECEIPT}: re-executes one receipt of a provider's batch locally and
 * says whether the signed answer is the model's (exit 0) or not (exit 1), with both hashes.
 */
@Command(name = "audit")
public final class ComputeAuditCommand implements Callable<Integer> {
  @Mixin ReceiptOptions target;

  @Option(names = "--model-file", paramLabel = "FILE")
  List<Path> modelFiles = new ArrayList<>();

  @Mixin AiOptions o;

  @Override
  public Integer call() {
    return AuditTargets.run(
        o,
        () -> {
          InferenceMarketClient market = AuditTargets.market(o);
          AuditTargets.Located at =
              target.locate(market, o.key == null ? null : o.keyPair().address().toHex());
          MarketState.Batch batch = market.batch(BigInteger.valueOf(at.batchId()));
          var service =
              market
                  .provider(batch.provider())
                  .orElseThrow(() -> new IllegalArgumentException("the provider is not registered"))
                  .service();
          try (Kernels kernels = Kernels.of(false, 1, Kernels.DEFAULT_MIN_PARALLEL_WORK)) {
            LeafJudge judge =
                new LeafJudge(
                    market.domain(),
                    new ChatReexecutor(
                        AuditTargets.catalog(o, modelFiles, Optional.empty()), kernels));
            LeafVerdict v = judge.judge(service, batch, at.leaf());
            String where = "batch " + at.batchId() + " leaf " + at.index();
            if (v instanceof LeafVerdict.Wrong w) {
              o.out()
                  .println(
                      "mismatch: "
                          + where
                          + " signed "
                          + w.signed()
                          + ", re-executed "
                          + w.reexecuted());
              o.out().flush();
              return 1;
            }
            if (v instanceof LeafVerdict.Immediate f)
              return o.fail(where + " breaks a rule checked on chain (" + f.fault() + ")");
            if (v instanceof LeafVerdict.Unknown u)
              return o.fail(where + " cannot be re-executed: " + u.why());
            o.out()
                .println(
                    "match: "
                        + where
                        + " signed and re-executed "
                        + at.leaf().receipt().response().responseHash());
            o.out().flush();
            return 0;
          }
        });
  }
}
