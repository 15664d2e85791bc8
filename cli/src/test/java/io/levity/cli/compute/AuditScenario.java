package io.levity.cli.compute;

import io.levity.compute.audit.AuditorService;
import io.levity.compute.audit.HttpBundleFetcher;
import io.levity.compute.audit.LeafJudge;
import io.levity.compute.audit.Reexecutor;
import io.levity.compute.audit.SampleChoice;
import io.levity.compute.inference.BatchBundle;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.MarketEvents;
import io.levity.compute.inference.MarketFault;
import io.levity.compute.inference.MarketState;
import io.levity.compute.provider.ProviderNode;
import io.levity.compute.serving.FaultyChatBackend;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.ThreadScheduler;
import io.levity.sdk.tx.Wallet;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One audit measurement on a fresh market: a provider answering through {@link FaultyChatBackend},
 * a user sending {@code requests} signed chat requests, settled in batches of {@code batchSize},
 * and three auditors sampling every leaf with a threshold of two. The faulty backend's tally, read
 * around each (sequential) request, says which nonces got a wrong answer: the ground truth the
 * chain's Challenged and BatchVoided events are compared with.
 */
final class AuditScenario {
  /** What was measured, and every way the outcome departed from the ground truth. */
  record Figures(
      int requests,
      int wrong,
      int disputedWrong,
      int disputedRight,
      int batches,
      int batchesWithWrong,
      int voided,
      int honestPaid,
      BigInteger slashed,
      Duration time,
      List<String> violations) {
    String summary() {
      return String.format(
          "requests %d, wrong %d, wrong disputed %d, correct disputed %d, batches %d (%d holding a"
              + " wrong answer), batches voided %d, slashed %s wei, honest batches paid %d, %.1f s",
          requests,
          wrong,
          disputedWrong,
          disputedRight,
          batches,
          batchesWithWrong,
          voided,
          slashed,
          honestPaid,
          time.toMillis() / 1000.0);
    }
  }

  private final MarketHarness h;
  private final Path dir;
  private final int firstAccount;

  /** Uses accounts {@code firstAccount} (provider), +1 (user) and +2..+4 (auditors). */
  AuditScenario(MarketHarness h, Path dir, int firstAccount) {
    this.h = h;
    this.dir = dir;
    this.firstAccount = firstAccount;
  }

  Figures run(
      int requests,
      int batchSize,
      long faultSeed,
      long window,
      long voting,
      Supplier<Reexecutor> reexecutor)
      throws Exception {
    long started = System.nanoTime();
    InferenceMarketClient market = h.deploy(window, voting, 2);
    Secp256k1.KeyPair provider = MarketHarness.ACCOUNTS.get(firstAccount);
    Secp256k1.KeyPair user = MarketHarness.ACCOUNTS.get(firstAccount + 1);
    FaultyChatBackend faulty = new FaultyChatBackend(h.chat(), 0.2, faultSeed);
    long fromBlock = h.rpc.blockNumber();
    List<ThreadScheduler> schedulers = new ArrayList<>();
    List<AuditorService> auditors = new ArrayList<>();
    ThreadScheduler settle = new ThreadScheduler("settlement");
    schedulers.add(settle);
    ProviderNode node = h.provider(market, provider, faulty, dir, window, settle);
    try {
      h.fund(market, user, provider);
      for (int a = 0; a < 3; a++) {
        Secp256k1.KeyPair key = MarketHarness.ACCOUNTS.get(firstAccount + 2 + a);
        AuditorService auditor =
            new AuditorService(
                market,
                new Wallet(h.rpc, key),
                new LeafJudge(market.domain(), reexecutor.get()),
                new HttpBundleFetcher(Duration.ofSeconds(5)),
                new AuditorService.Config(
                    new SampleChoice(a, market.sampleRateBps()),
                    market.parameter("minAuditorStake"),
                    fromBlock));
        ThreadScheduler s = new ThreadScheduler("auditor-" + a);
        schedulers.add(s);
        auditor.start(s, Duration.ofMillis(100));
        auditors.add(auditor);
      }
      Set<Long> wrongNonces = new TreeSet<>();
      Map<Long, List<Long>> batchNonces = new LinkedHashMap<>();
      long nonce = 0;
      while (nonce < requests) {
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < batchSize && nonce < requests; i++) {
          nonce++;
          long before = faulty.tally().wrong();
          MarketHarness.Answer a =
              h.ask(market, user, provider, node.port(), "question " + nonce, nonce);
          if (a.status() != 200) throw new AssertionError("request " + nonce + ": " + a.body());
          if (faulty.tally().wrong() > before) wrongNonces.add(nonce);
          sent.add(nonce);
        }
        BigInteger id = node.settlement().round().submitted().orElseThrow();
        batchNonces.put(id.longValueExact(), sent);
      }
      settleAll(market, node, batchNonces.keySet(), Duration.ofMinutes(2));
      return figures(market, fromBlock, node, requests, wrongNonces, batchNonces, started);
    } finally {
      auditors.forEach(AuditorService::close);
      node.close();
      schedulers.forEach(ThreadScheduler::close);
    }
  }

  /** Drives settlement until every batch is paid or voided (or the time is up). */
  private static void settleAll(
      InferenceMarketClient market, ProviderNode node, Set<Long> ids, Duration limit)
      throws InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < until) {
      node.settlement().round();
      boolean open = false;
      for (long id : ids)
        open |= market.batch(BigInteger.valueOf(id)).status() == MarketState.BatchStatus.PENDING;
      if (!open) return;
      Thread.sleep(200);
    }
  }

  private Figures figures(
      InferenceMarketClient market,
      long fromBlock,
      ProviderNode node,
      int requests,
      Set<Long> wrongNonces,
      Map<Long, List<Long>> batchNonces,
      long started) {
    MarketEvents events = new MarketEvents(market);
    long head = events.head();
    HttpBundleFetcher fetcher = new HttpBundleFetcher(Duration.ofSeconds(5));
    List<String> violations = new ArrayList<>();
    Set<Long> disputed = new TreeSet<>();
    for (MarketEvents.Challenge c : events.challenges(fromBlock, head)) {
      BatchBundle b = fetcher.fetch(node.service().endpoint(), c.batchId());
      disputed.add(b.leaves().get(c.leafIndex()).receipt().nonce());
    }
    BigInteger slashed = BigInteger.ZERO;
    Set<Long> voided = new TreeSet<>();
    for (MarketEvents.Voided v : events.voided(fromBlock, head)) {
      voided.add(v.batchId());
      slashed = slashed.add(v.slashed());
      if (v.fault() != MarketFault.VOTED || v.slashed().signum() <= 0)
        violations.add(
            "batch " + v.batchId() + " voided for " + v.fault() + ", slashed " + v.slashed());
    }
    int disputedWrong = 0;
    int disputedRight = 0;
    for (long n : disputed)
      if (wrongNonces.contains(n)) disputedWrong++;
      else {
        disputedRight++;
        violations.add("the correct answer to nonce " + n + " was disputed");
      }
    for (long n : wrongNonces)
      if (!disputed.contains(n))
        violations.add("the wrong answer to nonce " + n + " was not disputed");
    int withWrong = 0;
    int honestPaid = 0;
    for (Map.Entry<Long, List<Long>> e : batchNonces.entrySet()) {
      boolean holdsWrong = e.getValue().stream().anyMatch(wrongNonces::contains);
      MarketState.BatchStatus status = market.batch(BigInteger.valueOf(e.getKey())).status();
      if (holdsWrong) withWrong++;
      if (holdsWrong && !voided.contains(e.getKey()))
        violations.add("batch " + e.getKey() + " holds a wrong answer but ended " + status);
      if (!holdsWrong && status == MarketState.BatchStatus.PAID) honestPaid++;
      else if (!holdsWrong) violations.add("honest batch " + e.getKey() + " ended " + status);
    }
    return new Figures(
        requests,
        wrongNonces.size(),
        disputedWrong,
        disputedRight,
        batchNonces.size(),
        withWrong,
        voided.size(),
        honestPaid,
        slashed,
        Duration.ofNanos(System.nanoTime() - started),
        violations);
  }
}
