package io.levity.cli.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.compute.audit.AuditException;
import io.levity.compute.audit.AuditorService;
import io.levity.compute.audit.ChatReexecutor;
import io.levity.compute.audit.HttpBundleFetcher;
import io.levity.compute.audit.LeafJudge;
import io.levity.compute.audit.ModelCatalog;
import io.levity.compute.audit.Reexecutor;
import io.levity.compute.audit.SampleChoice;
import io.levity.compute.inference.BatchBundle;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.MarketState;
import io.levity.compute.provider.ProviderNode;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.ThreadScheduler;
import io.levity.sdk.tx.Wallet;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's Done criterion on a real chain: a provider answering 20% of 200 requests wrongly
 * (FaultyChatBackend), three auditors re-executing every answer with the model fetched by its root
 * (here a local file checked against that root), threshold two. Every wrong answer is disputed,
 * every batch holding one is voided with a slash, no correct answer is disputed and every batch of
 * correct answers is paid. The attack tests break the auditors' re-execution and show the same
 * checks then fail: the measurement can tell a working auditor from a broken one. The test chain
 * makes a block every 20 ms and each block's timestamp at least its parent's plus one second, so
 * block time runs about fifty times faster than the wall clock: a 1,500-second window is about half
 * a minute here.
 */
class AuditMeasurementIT {
  @TempDir static Path dir;
  static MarketHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = MarketHarness.start(dir);
  }

  @AfterAll
  static void stop() {
    if (h != null) h.close();
  }

  private static Reexecutor realReexecution() {
    try {
      return new ChatReexecutor(
          ModelCatalog.of(List.of(h.modelFile), Optional.empty()), h.kernels());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyWrongAnswerIsDisputedAndItsBatchSlashedAndNoCorrectAnswerIs() throws Exception {
    AuditScenario.Figures f =
        new AuditScenario(h, dir.resolve("measured"), 1)
            .run(200, 10, 15, 1500, 500, AuditMeasurementIT::realReexecution);
    System.out.println("audit measurement: " + f.summary());
    assertThat(f.requests()).isGreaterThanOrEqualTo(200);
    assertThat(f.wrong()).as("the faulty provider answered some requests wrongly").isPositive();
    assertThat(f.violations()).isEmpty();
    assertThat(f.disputedWrong()).isEqualTo(f.wrong());
    assertThat(f.disputedRight()).isZero();
    assertThat(f.voided()).isEqualTo(f.batchesWithWrong());
    assertThat(f.honestPaid()).isEqualTo(f.batches() - f.batchesWithWrong());
    assertThat(f.slashed()).isPositive();
  }

  @Test
  void auditorsWithoutReexecutionMissTheWrongAnswersAndTheMeasurementSaysSo() throws Exception {
    AuditScenario.Figures f =
        new AuditScenario(h, dir.resolve("removed"), 6)
            .run(
                20,
                10,
                14,
                300,
                100,
                () ->
                    (receipt, body) -> {
                      throw new AuditException("re-execution removed");
                    });
    System.out.println("auditors without re-execution: " + f.summary());
    assertThat(f.wrong()).isPositive();
    assertThat(f.violations()).anyMatch(v -> v.contains("was not disputed"));
  }

  @Test
  void auditorsWhoseReexecutionIsBrokenDisputeCorrectAnswersAndTheMeasurementSaysSo()
      throws Exception {
    AuditScenario.Figures f =
        new AuditScenario(h, dir.resolve("broken"), 11)
            .run(20, 10, 14, 300, 100, () -> (receipt, body) -> "not what the model says");
    System.out.println("auditors with broken re-execution: " + f.summary());
    assertThat(f.violations()).anyMatch(v -> v.contains("correct answer"));
  }

  @Test
  void aDisputeAgainstACorrectAnswerIsVotedRightRejectedAndTheBatchPaid() throws Exception {
    InferenceMarketClient market = h.deploy(600, 200, 2);
    Secp256k1.KeyPair provider = MarketHarness.ACCOUNTS.get(19);
    Secp256k1.KeyPair user = MarketHarness.ACCOUNTS.get(20);
    Secp256k1.KeyPair challenger = MarketHarness.ACCOUNTS.get(23);
    long from = h.rpc.blockNumber();
    List<AuditorService> auditors = new ArrayList<>();
    try (ThreadScheduler settle = new ThreadScheduler("settlement");
        ThreadScheduler s1 = new ThreadScheduler("auditor-1");
        ThreadScheduler s2 = new ThreadScheduler("auditor-2")) {
      ProviderNode node =
          h.provider(market, provider, h.chat(), dir.resolve("honest"), 600, settle);
      try {
        h.fund(market, user, provider);
        List<ThreadScheduler> schedulers = List.of(s1, s2);
        for (int a = 0; a < 2; a++) {
          // sampling nothing: they only re-execute what is disputed
          AuditorService auditor =
              new AuditorService(
                  market,
                  new Wallet(h.rpc, MarketHarness.ACCOUNTS.get(21 + a)),
                  new LeafJudge(market.domain(), realReexecution()),
                  new HttpBundleFetcher(Duration.ofSeconds(5)),
                  new AuditorService.Config(
                      new SampleChoice(a, 0), market.parameter("minAuditorStake"), from));
          auditor.start(schedulers.get(a), Duration.ofMillis(100));
          auditors.add(auditor);
        }
        for (long n = 1; n <= 3; n++)
          assertThat(h.ask(market, user, provider, node.port(), "fair " + n, n).status())
              .isEqualTo(200);
        BigInteger batch = node.settlement().round().submitted().orElseThrow();
        BatchBundle bundle =
            new HttpBundleFetcher(Duration.ofSeconds(5))
                .fetch(node.service().endpoint(), batch.longValueExact());
        BigInteger bond = market.parameter("challengeBond");
        BigInteger dispute =
            market
                .challenge(new Wallet(h.rpc, challenger), batch, bundle.batch().proof(1), bond)
                .disputeId()
                .orElseThrow();
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < until
            && market.batch(batch).status() == MarketState.BatchStatus.PENDING) {
          node.settlement().round();
          Thread.sleep(200);
        }
        assertThat(market.dispute(dispute).status()).isEqualTo(MarketState.DisputeStatus.REJECTED);
        assertThat(market.dispute(dispute).wrongVotes()).isZero();
        assertThat(market.batch(batch).status()).isEqualTo(MarketState.BatchStatus.PAID);
        for (AuditorService a : auditors) assertThat(a.stats().votesRight()).isEqualTo(1);
        assertThat(market.hasVoted(dispute, MarketHarness.ACCOUNTS.get(21).address())).isTrue();
      } finally {
        auditors.forEach(AuditorService::close);
        node.close();
      }
    }
  }
}
