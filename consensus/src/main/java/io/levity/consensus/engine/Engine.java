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
import io.levity.consensus.safety.SafetyRules;
import io.levity.consensus.safety.SafetyRules.Decision;
import io.levity.consensus.safety.SafetyState;
import io.levity.consensus.safety.SafetyStore;
import io.levity.consensus.types.BlockRef;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.ConsensusGenesis;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.SigningDomain;
import io.levity.consensus.types.TimeoutCert;
import io.levity.consensus.types.ValidatorSet;
import io.levity.consensus.types.VoteData;
import io.levity.core.bytes.Bytes32;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * as {@link Event.MessageReceived}, and only {@link SafetyStore} and {@link LedgerView} are touched
 * synchronously. Not thread-safe: drive it from one thread.
 */
public final class Engine {
  private final EngineConfig cfg;
  private final ValidatorSet validators;
  private final int self;
  private final Signer signer;
  private final SafetyStore store;
  private final LedgerView ledger;
  private final PendingBlockStore blockStore;
  private final SigningDomain domain;
  private final QuorumCert genesisQc;
  private final ConsensusGenesis genesis;
  private final MessageVerifier verifier;
  private final VoteCollector votes;
  private final TimeoutCollector timeouts;
  private final Rounds rounds = new Rounds();
  private final Commits commits;
  private final EngineStats stats = new EngineStats();
  private final ArrayDeque<ConsensusMessage> selfInbox = new ArrayDeque<>();
  private List<Action> out = new ArrayList<>();

  private SafetyRules safety;
  private BlockTree tree;
  private BlockSync sync;
  private boolean started;
  private QuorumCert highQc;
  private Optional<TimeoutCert> highTc = Optional.empty();

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
    this.cfg = cfg;
    this.validators = validators;
    this.self = self;
    this.signer = signer;
    this.store = store;
    this.ledger = ledger;
    this.blockStore = blockStore;
    this.domain = new SigningDomain(cfg.chainId());
    this.genesis = ConsensusGenesis.of(cfg.chainId(), validators.epoch());
    this.genesisQc = QuorumCert.genesis(genesis, validators.size());
    this.verifier = new MessageVerifier(validators, scheme, domain, genesisQc, cfg);
    this.votes = new VoteCollector(validators, scheme);
    this.timeouts = new TimeoutCollector(validators, scheme);
    this.commits = new Commits(this);
  }

  /** Processes one event; the returned actions must be carried out in order. */
  public List<Action> handle(Event e) {
    switch (e) {
      case Event.Start s -> start();
      case Event.MessageReceived m -> {
        if (started) onMessage(m.from(), m.message(), false);
      }
      case Event.TimerFired t -> {
        if (started) onTimer(t);
      }
      case Event.PayloadReady p -> {
        if (started) onPayload(p);
      }
      case Event.BlockExecuted x -> commits.executed(x);
    }
    while (!selfInbox.isEmpty()) onMessage(self, selfInbox.poll(), true);
    List<Action> result = out;
    out = new ArrayList<>();
    return result;
  }

  // ---- introspection ----

  public long currentRound() {
    return rounds.round;
  }

  public BlockRef committed() {
    return tree == null ? genesis.ref() : tree.root();
  }

  public QuorumCert highQc() {
    return highQc;
  }

  public EngineStats stats() {
    return stats;
  }

  public int index() {
    return self;
  }

  public ValidatorSet validators() {
    return validators;
  }

  public ConsensusGenesis genesis() {
    return genesis;
  }

  // ---- start and restart ----

  private void start() {
    if (started) return;
    started = true;
    safety =
        new SafetyRules(
            store,
            signer,
            domain,
            self,
            SafetyState.initial(validators.epoch(), genesisQc),
            cfg.unsafeFault());
    BlockRef root = ledger.tip().orElse(genesis.ref());
    tree = new BlockTree(root);
    List<ConsensusBlock> saved = new ArrayList<>(blockStore.load());
    saved.sort(java.util.Comparator.comparingLong(ConsensusBlock::height));
    List<Bytes32> stale = new ArrayList<>();
    for (ConsensusBlock b : saved) {
      if (tree.connects(b)) tree.insert(b);
      else stale.add(b.id()); // committed since, or on a branch that lost
    }
    if (!stale.isEmpty()) blockStore.discard(stale);
    sync = new BlockSync(self, validators.size(), cfg.syncBatch(), cfg.maxOrphans());
    SafetyState s = safety.state();
    highQc = s.highestQc();
    QuorumCert proof = ledger.tipProof().orElse(genesisQc);
    if (proof.round() > highQc.round()) highQc = proof;
    highTc = s.highestTc();
    long tcRound = highTc.map(TimeoutCert::round).orElse(-1L);
    if (tcRound > highQc.round()) enterRound(tcRound + 1, highTc);
    else enterRound(highQc.round() + 1, Optional.empty());
    VoteData d = highQc.data();
    if (d.height() > root.height() && !tree.has(d.blockId()))
      want(d.blockId(), d.height(), validators.leader(d.round()));
  }

  // ---- messages ----

  private void onMessage(int from, ConsensusMessage m, boolean own) {
    switch (m) {
      case Proposal p -> onProposal(from, p, own);
      case Vote v -> onVote(v, own);
      case Timeout t -> onTimeout(from, t, own);
      case BlockRequest r -> commits.serve(from, r);
      case BlockResponse r -> commits.onResponse(from, r);
    }
  }

  private void onProposal(int from, Proposal p, boolean own) {
    ConsensusBlock b = p.block();
    if (tree.has(b.id()) || sync.hasOrphan(b.id())) {
      reject(Reject.DUPLICATE);
      return;
    }
    if (b.round() < rounds.round && !sync.isWanted(b.id())) {
      reject(Reject.STALE);
      return;
    }
    if (!own) {
      Optional<Reject> r = verifier.proposal(p);
      if (r.isPresent()) {
        reject(r.get());
        return;
      }
      if (!verifier.quorumCert(b.parentQc())
          || !p.lastRoundTc().map(verifier::timeoutCert).orElse(true)) {
        reject(Reject.BAD_CERTIFICATE);
        return;
      }
    }
    Rounds.Note note = rounds.noteProposal(b);
    if (note.tooMany()) {
      reject(Reject.DUPLICATE); // a third block for one round adds no evidence, only memory use
      return;
    }
    note.equivocatesWith()
        .ifPresent(
            other ->
                alarm(
                    Alarm.Kind.EQUIVOCATING_PROPOSER,
                    "validator "
                        + b.author()
                        + " proposed "
                        + other
                        + " and "
                        + b.id()
                        + " in round "
                        + b.round()));
    observeQc(b.parentQc(), from);
    p.lastRoundTc().ifPresent(tc -> observeTc(tc, from));
    if (tree.connects(b)) {
      rounds.pending.put(b.id(), p);
      insertChain(b);
    } else if (b.height() > tree.root().height()) {
      rounds.pending.put(b.id(), p);
      sync.addOrphan(b);
      want(b.parentId(), b.height() - 1, from);
    }
  }

  /**
   * Inserts a block that connects, then every waiting descendant; votes for waiting proposals of
   * this round.
   */
  void insertChain(ConsensusBlock first) {
    ArrayDeque<ConsensusBlock> work = new ArrayDeque<>();
    work.add(first);
    while (!work.isEmpty()) {
      ConsensusBlock b = work.poll();
      if (!tree.connects(b)) continue;
      blockStore.save(b); // durable before any vote for it or a descendant leaves
      tree.insert(b);
      Proposal p = rounds.pending.remove(b.id());
      if (p != null) tryVote(p);
      work.addAll(sync.takeChildren(b.id()));
    }
    commits.tryCommit();
  }

  private void tryVote(Proposal p) {
    ConsensusBlock b = p.block();
    if (b.round() != rounds.round) return;
    if (!commits.stateRootMatches(b)) return;
    switch (safety.vote(b, p.lastRoundTc(), highQc, highTc)) {
      case Decision.Signed<Vote> s -> {
        stats.votesSent++;
        sendTo(validators.leader(b.round() + 1), s.value());
      }
      case Decision.Refused<Vote> r -> stats.reject(Reject.REFUSED_BY_SAFETY_RULES);
    }
  }

  private void onVote(Vote v, boolean own) {
    long r = v.data().round();
    if (validators.leader(r + 1) != self) {
      reject(Reject.NOT_FOR_ME);
      return;
    }
    if (r + 1 < rounds.round) {
      reject(Reject.STALE);
      return;
    }
    if (r > rounds.round + cfg.maxRoundsAhead()) {
      reject(Reject.TOO_FAR_AHEAD);
      return;
    }
    if (votes.existing(r, v.voter()).filter(v::equals).isPresent()) {
      reject(Reject.DUPLICATE);
      return;
    }
    if (!own) {
      Optional<Reject> bad = verifier.vote(v);
      if (bad.isPresent()) {
        reject(bad.get());
        return;
      }
    }
    VoteCollector.Added a = votes.add(v);
    if (a.outcome() == VoteCollector.Outcome.DOUBLE_VOTE) {
      alarm(Alarm.Kind.DOUBLE_VOTE, "validator " + v.voter() + " voted twice in round " + r);
      return;
    }
    a.qc()
        .ifPresent(
            qc -> {
              stats.qcsFormed++;
              observeQc(qc, self);
            });
  }

  private void onTimeout(int from, Timeout t, boolean own) {
    if (t.round() < rounds.round) {
      // Stale, but its certificates may still teach us something.
      if (t.highQc().round() > highQc.round()
          && verifier.timeout(t).isEmpty()
          && verifier.quorumCert(t.highQc())) {
        observeQc(t.highQc(), from);
      } else {
        reject(Reject.STALE);
      }
      return;
    }
    if (timeouts.has(t.round(), t.sender())) {
      reject(Reject.DUPLICATE);
      return;
    }
    if (!own) {
      Optional<Reject> bad = verifier.timeout(t);
      if (bad.isPresent()) {
        reject(bad.get());
        return;
      }
      if (!verifier.quorumCert(t.highQc())
          || !t.lastRoundTc().map(verifier::timeoutCert).orElse(true)) {
        reject(Reject.BAD_CERTIFICATE);
        return;
      }
    }
    observeQc(t.highQc(), from);
    t.lastRoundTc().ifPresent(tc -> observeTc(tc, from));
    if (t.round() != rounds.round) return; // a QC for its round arrived with it: the round is over
    long power = timeouts.add(t);
    if (power >= validators.validityPower() && rounds.myTimeout == null) localTimeout();
    if (timeouts.power(t.round()) >= validators.quorumPower() && t.round() == rounds.round) {
      stats.tcsFormed++;
      observeTc(timeouts.certificate(t.round()), self);
    }
  }

  // ---- certificates and rounds ----

  void observeQc(QuorumCert qc, int from) {
    if (qc.round() > highQc.round()) highQc = qc;
    commits.noteCertificate(qc, from);
    wantBlock(qc.data(), from);
    if (qc.round() + 1 > rounds.round) enterRound(qc.round() + 1, Optional.empty());
    commits.tryCommit();
  }

  private void observeTc(TimeoutCert tc, int from) {
    if (tc.highQc().round() > highQc.round()) observeQc(tc.highQc(), from);
    if (highTc.isEmpty() || tc.round() > highTc.get().round()) highTc = Optional.of(tc);
    if (tc.round() + 1 > rounds.round) enterRound(tc.round() + 1, Optional.of(tc));
  }

  private void enterRound(long r, Optional<TimeoutCert> viaTc) {
    rounds.enter(r, viaTc.isPresent());
    out.add(new Action.SetTimer(rounds.timerId, r, cfg.roundTimeout(rounds.consecutiveTimeouts)));
    votes.pruneBelow(r - 1);
    timeouts.pruneBelow(r);
    if (validators.leader(r) == self)
      out.add(new Action.RequestPayload(r, highQc.blockId(), highQc.height() + 1));
    retrySync(false);
    // A proposal for this round may have arrived before the certificate that opens it.
    for (Proposal p : rounds.pendingFor(r)) if (tree.has(p.block().id())) tryVote(p);
  }

  private void onTimer(Event.TimerFired t) {
    if (t.timerId() != rounds.timerId || t.round() != rounds.round) return;
    if (rounds.myTimeout == null) {
      localTimeout();
    } else {
      stats.timeoutsSent++;
      out.add(
          new Action.Broadcast(rounds.myTimeout)); // retransmit: the first copy may have been lost
    }
    if (t.round() != rounds.round) return; // our own timeout completed a TC and moved us on
    rounds.timerId++;
    out.add(
        new Action.SetTimer(
            rounds.timerId, rounds.round, cfg.roundTimeout(rounds.consecutiveTimeouts)));
    retrySync(true);
  }

  private void localTimeout() {
    switch (safety.timeout(rounds.round, highQc, highTc)) {
      case Decision.Signed<Timeout> s -> {
        rounds.myTimeout = s.value();
        stats.timeoutsSent++;
        broadcast(s.value());
      }
      case Decision.Refused<Timeout> r -> stats.reject(Reject.REFUSED_BY_SAFETY_RULES);
    }
  }

  private void onPayload(Event.PayloadReady p) {
    long r = p.round();
    if (r != rounds.round || validators.leader(r) != self || rounds.proposedRound >= r) return;
    Optional<TimeoutCert> tc = Optional.empty();
    if (highQc.round() + 1 != r) {
      if (highTc.isEmpty() || highTc.get().round() + 1 != r) return;
      tc = highTc;
    }
    if (p.payload().size() > cfg.maxPayloadBytes()) return;
    ConsensusBlock b =
        ConsensusBlock.create(
            validators.epoch(),
            r,
            self,
            highQc,
            commits.execHeight(),
            commits.execRoot(),
            p.payload());
    rounds.proposedRound = r;
    switch (safety.propose(b, tc)) {
      case Decision.Signed<Proposal> s -> {
        stats.proposalsSent++;
        broadcast(s.value());
      }
      case Decision.Refused<Proposal> refused -> stats.reject(Reject.REFUSED_BY_SAFETY_RULES);
    }
  }

  // ---- helpers shared with Commits ----

  private void wantBlock(VoteData d, int from) {
    if (d.height() <= tree.root().height() || tree.has(d.blockId()) || sync.hasOrphan(d.blockId()))
      return;
    if (from == self)
      return; // a QC we formed from votes: the proposal itself is probably on its way
    want(d.blockId(), d.height(), from);
  }

  void want(Bytes32 id, long height, int hint) {
    sync.want(id, height, hint, rounds.round).ifPresent(this::sendSync);
  }

  void sendSync(Action.Send s) {
    stats.syncRequestsSent++;
    out.add(s);
  }

  private void retrySync(boolean all) {
    for (Action.Send s : sync.retry(rounds.round, all)) sendSync(s);
  }

  void sendTo(int to, ConsensusMessage m) {
    if (to == self) selfInbox.add(m);
    else out.add(new Action.Send(to, m));
  }

  private void broadcast(ConsensusMessage m) {
    out.add(new Action.Broadcast(m));
    selfInbox.add(m);
  }

  void emit(Action a) {
    out.add(a);
  }

  void alarm(Alarm.Kind kind, String detail) {
    out.add(new Alarm(kind, detail));
  }

  void reject(Reject r) {
    stats.reject(r);
  }

  BlockTree tree() {
    return tree;
  }

  BlockSync sync() {
    return sync;
  }

  PendingBlockStore blockStore() {
    return blockStore;
  }

  LedgerView ledger() {
    return ledger;
  }

  EngineConfig config() {
    return cfg;
  }

  int self() {
    return self;
  }
}
