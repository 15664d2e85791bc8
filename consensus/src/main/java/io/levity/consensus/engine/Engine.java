package io.levity.consensus.engine;

import io.levity.consensus.crypto.SignatureScheme;
import io.levity.consensus.crypto.Signer;
import io.levity.consensus.engine.Action.Alarm;
import io.levity.consensus.message.ConsensusMessage;
import io.levity.consensus.message.ConsensusMessage.BlockRequest;
import io.levity.consensus.message.ConsensusMessage.BlockResponse;
import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.message.MessageSigner;
import io.levity.consensus.safety.PersistentSafetyRules;
import io.levity.consensus.safety.SafetyRules;
import io.levity.consensus.safety.SafetyState;
import io.levity.consensus.safety.SafetyStore;
import io.levity.consensus.types.BlockRef;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.ConsensusGenesis;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.SigningDomain;
import io.levity.consensus.types.ValidatorSet;
import io.levity.consensus.types.VoteData;
import java.util.List;
import java.util.Optional;

/**
 * One validator's consensus: a pure state machine (events in, actions out) for a two-chain
 * HotStuff-family protocol in the style of Jolteon / DiemBFT v4. Votes go to the next leader, which
 * forms the QC and carries it in its proposal; rounds advance on a QC or a TC for the previous
 * round (responsive); a block commits when it and its child in the next round are certified
 * (two-chain, consecutive rounds).
 *
 * <p>No clock, thread, socket or randomness: time arrives as {@link Event.TimerFired}, the network
 * as {@link Event.MessageReceived}, and only {@link SafetyStore}, {@link PendingBlockStore} and
 * {@link LedgerView} are touched synchronously. Not thread-safe: drive it from one thread.
 *
 * <p>The engine dispatches events and collects votes; the rest is done by its parts, built on
 * {@link Event.Start}: {@link Proposals} (proposals in and out), {@link Pacemaker} (rounds,
 * timeouts, certificates), {@link Commits} (the commit rule) and {@link Blocks} (the block tree and
 * fetching). They share an {@link EngineContext} and report through one {@link Outbox}.
 */
public final class Engine {
  private final EngineContext ctx;
  private final Signer signer;
  private final SafetyStore store;
  private final LedgerView ledger;
  private final PendingBlockStore blockStore;
  private final SigningDomain domain;
  private final ConsensusGenesis genesis;
  private final QuorumCert genesisQc;
  private final VoteCollector votes;
  private final ExecutedRoots executed;
  private SafetyRules.Factory safetyRules = PersistentSafetyRules::new;

  private Blocks blocks;
  private Commits commits;
  private Pacemaker pacemaker;
  private Proposals proposals;

  /**
   * An engine for validator {@code self} that signs with the standard safety rules ({@link
   * #signingWith} replaces them).
   */
  public Engine(
      EngineConfig cfg,
      ValidatorSet validators,
      int self,
      Signer signer,
      SignatureScheme scheme,
      SafetyStore store,
      LedgerView ledger,
      PendingBlockStore blockStore) {
    if (!validators.isMember(self))
      throw new IllegalArgumentException("index " + self + " is not in the validator set");
    if (!validators.get(self).publicKey().equals(signer.publicKey())) {
      throw new IllegalArgumentException("signer key does not match validator " + self);
    }
    this.signer = signer;
    this.store = store;
    this.ledger = ledger;
    this.blockStore = blockStore;
    this.domain = new SigningDomain(cfg.chainId());
    this.genesis = ConsensusGenesis.of(cfg.chainId(), validators.epoch());
    this.genesisQc = QuorumCert.genesis(genesis, validators.size());
    MessageVerifier verifier = new MessageVerifier(cfg, validators, scheme);
    this.ctx = new EngineContext(cfg, validators, self, verifier, new Outbox(self));
    this.votes = new VoteCollector(validators, scheme);
    this.executed = new ExecutedRoots(ctx.out());
  }

  /**
   * Makes the engine sign with the rules {@code safetyRules} builds on {@link Event.Start} (the
   * simulator plugs in deliberately broken ones this way); only before the start.
   */
  public Engine signingWith(SafetyRules.Factory safetyRules) {
    if (pacemaker != null) throw new IllegalStateException("the engine has started");
    this.safetyRules = safetyRules;
    return this;
  }

  /** Processes one event; the returned actions must be carried out in order. */
  public List<Action> handle(Event e) {
    boolean started = pacemaker != null;
    switch (e) {
      case Event.Start s -> start();
      case Event.MessageReceived m -> {
        if (started) onMessage(m.from(), m.message(), false);
      }
      case Event.TimerFired t -> {
        if (started && pacemaker.onTimer(t)) blocks.roundTimedOut();
      }
      case Event.PayloadReady p -> {
        if (started) proposals.onPayload(p);
      }
      case Event.BlockExecuted x -> executed.executed(x);
    }
    for (ConsensusMessage m = ctx.out().nextOwn(); m != null; m = ctx.out().nextOwn())
      onMessage(ctx.self(), m, true);
    return ctx.out().drain();
  }

  // ---- introspection ----

  public long currentRound() {
    return pacemaker == null ? 0 : pacemaker.round();
  }

  public BlockRef committed() {
    return blocks == null ? genesis.ref() : blocks.root();
  }

  /** The highest QC known; null before {@link Event.Start}. */
  public QuorumCert highQc() {
    return pacemaker == null ? null : pacemaker.highQc();
  }

  public EngineStats stats() {
    return ctx.out().stats();
  }

  public int index() {
    return ctx.self();
  }

  public ValidatorSet validators() {
    return ctx.validators();
  }

  public ConsensusGenesis genesis() {
    return genesis;
  }

  // ---- start and restart ----

  /** Builds the parts from what was persisted and enters the round the certificates justify. */
  private void start() {
    if (pacemaker != null) return;
    ValidatorSet validators = ctx.validators();
    SafetyRules safety =
        safetyRules.create(
            store,
            new MessageSigner(signer, domain, ctx.self()),
            SafetyState.initial(validators.epoch(), genesisQc));
    BlockRef root = ledger.tip().orElse(genesis.ref());
    blocks = new Blocks(ctx, root, blockStore, ledger);
    blocks.restoreSaved();
    commits = new Commits(blocks, ledger, ctx.out());
    pacemaker = new Pacemaker(ctx, safety, commits, this::enteredRound);
    proposals = new Proposals(ctx, safety, pacemaker, blocks, executed);
    SafetyState s = safety.state();
    QuorumCert highQc = s.highestQc();
    QuorumCert proof = ledger.tipProof().orElse(genesisQc);
    if (proof.round() > highQc.round()) highQc = proof;
    pacemaker.start(highQc, s.highestTc());
    VoteData d = highQc.data();
    if (d.height() > root.height() && !blocks.inTree(d.blockId()))
      blocks.want(d.blockId(), d.height(), validators.leader(d.round()));
  }

  private void enteredRound(long r) {
    votes.pruneBelow(r - 1);
    blocks.enteredRound(r);
    proposals.enteredRound(r);
  }

  // ---- messages ----

  private void onMessage(int from, ConsensusMessage m, boolean own) {
    switch (m) {
      case Proposal p -> proposals.onProposal(from, p, own).ifPresent(this::insertChain);
      case Vote v -> onVote(v, own);
      case Timeout t -> pacemaker.onTimeout(from, t, own);
      case BlockRequest r -> blocks.serve(from, r);
      case BlockResponse r -> blocks.onResponse(from, r).ifPresent(this::insertChain);
    }
  }

  /**
   * Inserts a block that connects and every orphan waiting on it, voting as they enter, then
   * commits what became committable.
   */
  private void insertChain(ConsensusBlock first) {
    blocks.insertChain(first, proposals::inserted);
    commits.tryCommit();
  }

  private void onVote(Vote v, boolean own) {
    Optional<Reject> bad = checkVote(v, own);
    if (bad.isPresent()) {
      ctx.out().reject(bad.get());
      return;
    }
    Optional<Vote> earlier = votes.existing(v.data().round(), v.voter());
    VoteCollector.Added a = votes.add(v);
    if (a.outcome() == VoteCollector.Outcome.DOUBLE_VOTE) {
      ctx.out()
          .equivocation(
              Alarm.Kind.DOUBLE_VOTE,
              "validator " + v.voter() + " voted twice in round " + v.data().round(),
              new Equivocation(earlier.orElseThrow(), v));
      return;
    }
    a.qc()
        .ifPresent(
            qc -> {
              ctx.out().count(EngineStats.Counter.QCS_FORMED);
              pacemaker.observeQc(qc, ctx.self());
            });
  }

  /** Why a vote is dropped; the cheap checks come before the signature is verified. */
  private Optional<Reject> checkVote(Vote v, boolean own) {
    long r = v.data().round();
    long current = pacemaker.round();
    if (!ctx.leads(r + 1)) return Optional.of(Reject.NOT_FOR_ME);
    if (r + 1 < current) return Optional.of(Reject.STALE);
    if (r > current + ctx.cfg().maxRoundsAhead()) return Optional.of(Reject.TOO_FAR_AHEAD);
    if (votes.existing(r, v.voter()).filter(v::equals).isPresent())
      return Optional.of(Reject.DUPLICATE);
    return own ? Optional.empty() : ctx.verifier().vote(v);
  }
}
