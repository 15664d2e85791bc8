package io.levity.compute.audit;

import io.levity.compute.inference.BatchBundle;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.InferenceService;
import io.levity.compute.inference.MarketEvents;
import io.levity.compute.inference.MarketState;
import io.levity.compute.inference.ReceiptBatch;
import io.levity.core.time.Scheduler;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthBlock;
import io.levity.sdk.tx.Wallet;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A re-executing auditor on the inference market. Each {@link #tick} reads the market's new
 * BatchSubmitted and Challenged events, audits every new pending batch (fetch the bundle, check it
 * against the on-chain root, judge every leaf for faults the contract checks itself and re-execute
 * the sampled ones), challenges every leaf it found wrong before casting any vote on that batch (a
 * threshold of votes voids the batch, after which its other leaves can no longer be challenged),
 * votes on every open dispute whose leaf it can re-execute (wrong or right, as re-execution says),
 * and resolves its own disputes when they are due. Time comes from the chain's blocks and the
 * scheduler; the sample from a {@link SampleChoice} seed, so a seeded run replays its choices.
 */
public final class AuditorService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditorService.class);

  /** Failed fetches of a bundle after which the provider counts as withholding it. */
  static final int WITHHELD_AFTER = 10;

  /**
   * How it audits.
   *
   * @param stake what registration bonds when the key is not an auditor yet
   * @param fromBlock the first block whose events it follows
   */
  public record Config(SampleChoice sample, BigInteger stake, long fromBlock) {}

  /** What it has done so far. */
  public record Stats(
      int batchesAudited,
      int leavesReexecuted,
      int wrongFound,
      int challenged,
      int immediateFaults,
      int votesWrong,
      int votesRight,
      int resolved,
      int withheld) {}

  private final InferenceMarketClient market;
  private final MarketEvents events;
  private final Wallet wallet;
  private final LeafJudge judge;
  private final BundleFetcher fetcher;
  private final Config config;
  private final BigInteger bond;
  private final long votingPeriod;
  private final Map<Long, BatchAudit> batches = new LinkedHashMap<>();
  private final Map<Long, MarketEvents.Challenge> disputes = new LinkedHashMap<>();
  private final Set<Long> abstained = new HashSet<>();
  private long nextBlock;
  private int audited;
  private int reexecuted;
  private int wrongFound;
  private int challenged;
  private int immediate;
  private int votesWrong;
  private int votesRight;
  private int resolved;
  private int withheld;
  private Scheduler.Cancellable task;

  /** One batch as this auditor sees it. */
  private static final class BatchAudit {
    final MarketEvents.Submitted event;
    BatchBundle bundle;
    ReceiptBatch tree;
    InferenceService service;
    MarketState.Batch onChain;
    final Map<Integer, LeafVerdict> verdicts = new LinkedHashMap<>();
    boolean done;
    int failedFetches;

    BatchAudit(MarketEvents.Submitted event) {
      this.event = event;
    }
  }

  public AuditorService(
      InferenceMarketClient market,
      Wallet wallet,
      LeafJudge judge,
      BundleFetcher fetcher,
      Config config) {
    this.market = market;
    this.events = new MarketEvents(market);
    this.wallet = wallet;
    this.judge = judge;
    this.fetcher = fetcher;
    this.config = config;
    this.bond = market.parameter("challengeBond");
    this.votingPeriod = market.parameter("votingPeriod").longValueExact();
    this.nextBlock = config.fromBlock();
  }

  /** Registers the key as an auditor with the configured stake unless it is one already. */
  public void register() {
    if (market.auditorStake(wallet.address()).signum() == 0)
      market.registerAuditor(wallet, config.stake());
  }

  /** Registers, then runs a {@link #tick} every {@code period} on {@code scheduler}. */
  public synchronized void start(Scheduler scheduler, Duration period) {
    if (task != null) throw new IllegalStateException("already started");
    register();
    task =
        scheduler.scheduleRepeating(
            period.toMillis(),
            () -> {
              try {
                tick();
              } catch (RuntimeException e) {
                LOG.warn("audit round failed, retrying next period: {}", e.toString());
              }
            });
  }

  /** One round: follow the events, audit new batches, vote, resolve. */
  public synchronized void tick() {
    poll();
    for (BatchAudit b : List.copyOf(batches.values())) if (!b.done) audit(b);
    poll();
    for (MarketEvents.Challenge c : List.copyOf(disputes.values())) voteOn(c);
    resolveDue();
  }

  public synchronized Stats stats() {
    return new Stats(
        audited,
        reexecuted,
        wrongFound,
        challenged,
        immediate,
        votesWrong,
        votesRight,
        resolved,
        withheld);
  }

  private void poll() {
    long head = events.head();
    if (head < nextBlock) return;
    for (MarketEvents.Submitted s : events.submitted(nextBlock, head, null))
      batches.putIfAbsent(s.batchId(), new BatchAudit(s));
    for (MarketEvents.Challenge c : events.challenges(nextBlock, head))
      disputes.putIfAbsent(c.disputeId(), c);
    nextBlock = head + 1;
  }

  /** Loads the batch's state and bundle; false (and logged) when the bundle is not to be had. */
  private boolean load(BatchAudit b) {
    long id = b.event.batchId();
    b.onChain = market.batch(BigInteger.valueOf(id));
    if (b.onChain.status() != MarketState.BatchStatus.PENDING) {
      b.done = true;
      return b.bundle != null;
    }
    if (b.bundle != null) return true;
    if (b.service == null)
      b.service =
          market.provider(b.onChain.provider()).map(MarketState.Provider::service).orElse(null);
    if (b.service == null) return false;
    try {
      BatchBundle bundle = fetcher.fetch(b.service.endpoint(), id);
      if (!bundle.root().equals(b.onChain.root())
          || bundle.leaves().size() != b.onChain.leafCount())
        throw new AuditException(
            "its bundle has root " + bundle.root() + " and " + bundle.leaves().size() + " leaves");
      b.tree = bundle.batch();
      b.bundle = bundle;
      return true;
    } catch (AuditException | IllegalArgumentException e) {
      // the provider records the id only once the submission is confirmed: a first miss is normal
      if (++b.failedFetches == WITHHELD_AFTER) {
        withheld++;
        LOG.warn(
            "provider {} withholds batch {} (no on-chain remedy in this market): {}",
            b.onChain.provider(),
            id,
            e.getMessage());
      }
      return false;
    }
  }

  private void audit(BatchAudit b) {
    if (!load(b) || b.done) return;
    long id = b.event.batchId();
    List<Integer> wrong = new ArrayList<>();
    for (int i = 0; i < b.bundle.leaves().size(); i++) {
      LeafVerdict v;
      if (config.sample().sampled(id, i)) {
        v = judge.judge(b.service, b.onChain, b.bundle.leaves().get(i));
        if (!(v instanceof LeafVerdict.Immediate)) reexecuted++;
      } else
        v =
            judge
                .immediate(b.service, b.onChain, b.bundle.leaves().get(i).receipt())
                .<LeafVerdict>map(LeafVerdict.Immediate::new)
                .orElse(null);
      if (v == null) continue;
      b.verdicts.put(i, v);
      if (v instanceof LeafVerdict.Immediate) {
        immediate++;
        challenge(b, i);
        b.done = true;
        audited++;
        return;
      }
      if (v instanceof LeafVerdict.Wrong w) {
        wrongFound++;
        wrong.add(i);
        LOG.info(
            "batch {} leaf {}: signed {} but re-execution gives {}",
            id,
            i,
            w.signed(),
            w.reexecuted());
      } else if (v instanceof LeafVerdict.Unknown u)
        LOG.info("batch {} leaf {} not judged: {}", id, i, u.why());
    }
    // every wrong leaf is challenged before this auditor votes on any of them
    for (int i : wrong) challenge(b, i);
    b.done = true;
    audited++;
  }

  private void challenge(BatchAudit b, int index) {
    BigInteger id = BigInteger.valueOf(b.event.batchId());
    try {
      if (market.leafChallenged(id, index)) return;
      InferenceMarketClient.ChallengeOutcome o =
          market.challenge(wallet, id, b.tree.proof(index), bond);
      challenged++;
      o.fault().ifPresent(f -> LOG.info("batch {} voided at once for {}", id, f));
      o.disputeId()
          .ifPresent(
              d -> {
                LOG.info("batch {} leaf {}: dispute {} opened", id, index, d);
                disputes.putIfAbsent(
                    d.longValueExact(),
                    new MarketEvents.Challenge(
                        d.longValueExact(), id.longValueExact(), index, wallet.address()));
              });
    } catch (RuntimeException e) {
      LOG.info("batch {} leaf {} not challenged: {}", id, index, e.getMessage());
    }
  }

  private void voteOn(MarketEvents.Challenge c) {
    BigInteger d = BigInteger.valueOf(c.disputeId());
    BatchAudit b = batches.get(c.batchId());
    if (b == null) return;
    if (!b.done) audit(b);
    if (b.bundle == null || c.leafIndex() >= b.bundle.leaves().size()) return;
    try {
      if (market.hasVoted(d, wallet.address())) return;
      if (market.dispute(d).status() != MarketState.DisputeStatus.OPEN) return;
      if (market.batch(BigInteger.valueOf(c.batchId())).status() != MarketState.BatchStatus.PENDING)
        return;
      LeafVerdict v = b.verdicts.get(c.leafIndex());
      // a leaf judged unknown stays so (same bundle, same model): it is not re-run every round
      if (v == null) {
        v = judge.judge(b.service, b.onChain, b.bundle.leaves().get(c.leafIndex()));
        reexecuted++;
        b.verdicts.put(c.leafIndex(), v);
      }
      if (v instanceof LeafVerdict.Unknown u) {
        if (abstained.add(c.disputeId())) LOG.info("dispute {}: abstaining, {}", d, u.why());
        return;
      }
      boolean isWrong = !(v instanceof LeafVerdict.Right);
      market.vote(wallet, d, isWrong);
      if (isWrong) votesWrong++;
      else votesRight++;
      LOG.info(
          "dispute {} (batch {} leaf {}): voted {}",
          d,
          c.batchId(),
          c.leafIndex(),
          isWrong ? "wrong" : "right");
    } catch (RuntimeException e) {
      LOG.info("dispute {}: no vote: {}", d, e.getMessage());
    }
  }

  /**
   * Resolves this auditor's disputes that are moot or past their vote, and stale ones of others.
   */
  private void resolveDue() {
    if (disputes.isEmpty()) return;
    long now =
        market
            .rpc()
            .getBlockByNumber(BlockTag.LATEST)
            .map(EthBlock::timestamp)
            .orElseThrow(() -> new IllegalStateException("the node returned no latest block"));
    long grace = votingPeriod;
    for (MarketEvents.Challenge c : List.copyOf(disputes.values())) {
      BigInteger d = BigInteger.valueOf(c.disputeId());
      try {
        MarketState.Dispute state = market.dispute(d);
        if (state.status() != MarketState.DisputeStatus.OPEN) {
          disputes.remove(c.disputeId());
          continue;
        }
        boolean mine = state.challenger().equals(wallet.address());
        boolean voided = market.batch(state.batchId()).status() == MarketState.BatchStatus.VOIDED;
        boolean due = voided || now > state.votingEnds();
        if (due && (mine || now > state.votingEnds() + grace)) {
          market.resolve(wallet, d);
          resolved++;
          disputes.remove(c.disputeId());
        }
      } catch (RuntimeException e) {
        LOG.info("dispute {} not resolved: {}", d, e.getMessage());
      }
    }
  }

  /** The bundle this auditor holds for batch {@code id}, if it fetched one. */
  public synchronized Optional<BatchBundle> bundle(long id) {
    BatchAudit b = batches.get(id);
    return b == null ? Optional.empty() : Optional.ofNullable(b.bundle);
  }

  @Override
  public synchronized void close() {
    if (task != null) task.cancel();
  }
}
