package io.levity.cli.ai;

import io.levity.ai.tensor.Kernels;
import io.levity.cli.storage.UntilStopped;
import io.levity.compute.audit.AuditorService;
import io.levity.compute.audit.ChatReexecutor;
import io.levity.compute.audit.LeafJudge;
import io.levity.compute.audit.ModelCatalog;
import io.levity.compute.audit.SampleChoice;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.core.time.ThreadScheduler;
import io.levity.sdk.tx.Wallet;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code levity compute auditor}: the re-executing auditor service until stopped. It registers the
 * key as an auditor (bonding --stake) unless it is one, then follows the market's batches and
 * disputes (docs/compute.md, Auditors).
 */
@Command(name = "auditor")
public final class ComputeAuditorCommand implements Callable<Integer> {
  @Option(names = "--sample-rate", paramLabel = "BPS")
  Integer sampleRate;

  @Option(names = "--stake", paramLabel = "WEI")
  BigInteger stake;

  @Option(names = "--model-file", paramLabel = "FILE")
  List<Path> modelFiles = new ArrayList<>();

  @Option(names = "--seed", paramLabel = "S")
  Long seed;

  @Option(names = "--poll", paramLabel = "TIME", defaultValue = "2s")
  Duration poll;

  @Option(names = "--from-block", paramLabel = "N")
  long fromBlock;

  @Mixin AiOptions o;

  @Override
  public Integer call() {
    if (sampleRate != null && (sampleRate < 0 || sampleRate > SampleChoice.ALL))
      return o.fail("--sample-rate is in basis points: 0..10000");
    if (poll.isNegative() || poll.isZero()) return o.fail("--poll must be positive");
    if (fromBlock < 0) return o.fail("--from-block must be 0 or more");
    return AuditTargets.run(
        o,
        () -> {
          InferenceMarketClient market = AuditTargets.market(o);
          Wallet wallet = new Wallet(market.rpc(), o.keyPair());
          int rate = sampleRate != null ? sampleRate : market.sampleRateBps();
          BigInteger bond = stake != null ? stake : market.parameter("minAuditorStake");
          // an unpredictable sample unless --seed replays one
          long s = seed != null ? seed : new SecureRandom().nextLong();
          Optional<AiOptions.Network> storage = openStorage();
          ModelCatalog models = AuditTargets.catalog(o, modelFiles, storage);
          Kernels kernels =
              Kernels.of(Kernels.SIMD_AVAILABLE, 1, Kernels.DEFAULT_MIN_PARALLEL_WORK);
          ThreadScheduler scheduler = new ThreadScheduler("auditor");
          AuditorService auditor =
              new AuditorService(
                  market,
                  wallet,
                  new LeafJudge(market.domain(), new ChatReexecutor(models, kernels)),
                  AuditTargets.fetcher(),
                  new AuditorService.Config(new SampleChoice(s, rate), bond, fromBlock));
          return UntilStopped.serve(
              "compute-auditor",
              () -> {
                auditor.close();
                scheduler.close();
                kernels.close();
                storage.ifPresent(AiOptions.Network::close);
              },
              () -> {
                auditor.start(scheduler, poll);
                o.out()
                    .println(
                        "compute auditor "
                            + wallet.address()
                            + " sampling "
                            + rate
                            + " bps of leaves, models "
                            + models.localRoots()
                            + (storage.isPresent() ? " and storage" : ""));
                o.out().flush();
              });
        });
  }

  /** The storage network, for models known only by root; empty (and said) when there is none. */
  private Optional<AiOptions.Network> openStorage() {
    try {
      return Optional.of(o.network());
    } catch (Exception e) {
      o.err().println("no storage network (" + e.getMessage() + "): only local models re-execute");
      return Optional.empty();
    }
  }
}
