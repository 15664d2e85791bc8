package io.levity.consensus.engine;

import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.safety.SafetyRules;
import io.levity.consensus.safety.SafetyRules.Decision;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.TimeoutCert;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The rounds of one engine: the current round and its timer, the highest QC and TC known, and the
 * way out of a round. A round is entered on a QC or a TC for the round before (responsive); when
 * its timer fires, or more than a third of the power has timed out, the node signs a timeout, and
 * timeouts of quorum power form the TC. Every QC learned also goes to the commit rule.
 */
final class Pacemaker {
  private final EngineContext ctx;
  private final SafetyRules safety;
  private final Commits commits;
  private final TimeoutCollector timeouts;
  private final LongConsumer entered;

  private long round;
  private long timerId;

  /** Rounds in a row that ended by TC; sets the timeout backoff, reset by a QC. */
  private int consecutiveTimeouts;

  /** Our signed timeout for this round, kept for retransmission. */
  private Timeout myTimeout;

  private QuorumCert highQc;
  private Optional<TimeoutCert> highTc = Optional.empty();

  /**
   * Signs timeouts with {@code safety}, hands every QC to {@code commits}; {@code entered} hears of
   * each round entered, after its timer and payload request are out.
   */
  Pacemaker(EngineContext ctx, SafetyRules safety, Commits commits, LongConsumer entered) {
    this.ctx = ctx;
    this.safety = safety;
    this.commits = commits;
    this.timeouts = new TimeoutCollector(ctx.validators(), ctx.verifier().scheme());
    this.entered = entered;
  }

  /** Enters the round the highest known certificates justify. */
  void start(QuorumCert qc, Optional<TimeoutCert> tc) {
    highQc = qc;
    highTc = tc;
    long tcRound = tc.map(TimeoutCert::round).orElse(-1L);
    if (tcRound > qc.round()) enterRound(tcRound + 1, tc);
    else enterRound(qc.round() + 1, Optional.empty());
  }

  long round() {
    return round;
  }

  QuorumCert highQc() {
    return highQc;
  }

  Optional<TimeoutCert> highTc() {
    return highTc;
  }

  void observeQc(QuorumCert qc, int from) {
    if (qc.round() > highQc.round()) highQc = qc;
    commits.certified(qc, from);
    if (qc.round() + 1 > round) enterRound(qc.round() + 1, Optional.empty());
    commits.tryCommit();
  }

  void observeTc(TimeoutCert tc, int from) {
    if (tc.highQc().round() > highQc.round()) observeQc(tc.highQc(), from);
    if (highTc.isEmpty() || tc.round() > highTc.get().round()) highTc = Optional.of(tc);
    if (tc.round() + 1 > round) enterRound(tc.round() + 1, Optional.of(tc));
  }

  private void enterRound(long r, Optional<TimeoutCert> viaTc) {
    round = r;
    timerId++;
    myTimeout = null;
    consecutiveTimeouts = viaTc.isPresent() ? consecutiveTimeouts + 1 : 0;
    ctx.out().add(new Action.SetTimer(timerId, r, ctx.cfg().roundTimeout(consecutiveTimeouts)));
    timeouts.pruneBelow(r);
    if (ctx.leads(r))
      ctx.out().add(new Action.RequestPayload(r, highQc.blockId(), highQc.height() + 1));
    entered.accept(r);
  }

  /**
   * The round's timer: times out (or re-sends our timeout) and re-arms it. Returns true when the
   * round is still stuck after that, a moment to chase missing blocks.
   */
  boolean onTimer(Event.TimerFired t) {
    if (t.timerId() != timerId || t.round() != round) return false;
    if (myTimeout == null) {
      localTimeout();
    } else {
      ctx.out().count(EngineStats.Counter.TIMEOUTS_SENT);
      ctx.out().add(new Action.Broadcast(myTimeout)); // retransmit: the first copy may be lost
    }
    if (t.round() != round) return false; // our own timeout completed a TC and moved us on
    timerId++;
    ctx.out().add(new Action.SetTimer(timerId, round, ctx.cfg().roundTimeout(consecutiveTimeouts)));
    return true;
  }

  private void localTimeout() {
    switch (safety.timeout(round, highQc, highTc)) {
      case Decision.Signed<Timeout> s -> {
        myTimeout = s.value();
        ctx.out().count(EngineStats.Counter.TIMEOUTS_SENT);
        ctx.out().broadcast(s.value());
      }
      case Decision.Refused<Timeout> r -> ctx.out().reject(Reject.REFUSED_BY_SAFETY_RULES);
    }
  }

  void onTimeout(int from, Timeout t, boolean own) {
    MessageVerifier verifier = ctx.verifier();
    if (t.round() < round) {
      // Stale, but its certificates may still teach us something.
      if (t.highQc().round() > highQc.round()
          && verifier.timeout(t).isEmpty()
          && verifier.quorumCert(t.highQc())) {
        observeQc(t.highQc(), from);
      } else {
        ctx.out().reject(Reject.STALE);
      }
      return;
    }
    if (timeouts.has(t.round(), t.sender())) {
      ctx.out().reject(Reject.DUPLICATE);
      return;
    }
    if (!own) {
      Optional<Reject> bad = verifier.timeoutWithCertificates(t);
      if (bad.isPresent()) {
        ctx.out().reject(bad.get());
        return;
      }
    }
    observeQc(t.highQc(), from);
    t.lastRoundTc().ifPresent(tc -> observeTc(tc, from));
    if (t.round() != round) return; // a QC for its round arrived with it: the round is over
    long power = timeouts.add(t);
    if (power >= ctx.validators().validityPower() && myTimeout == null) localTimeout();
    if (timeouts.power(t.round()) >= ctx.validators().quorumPower() && t.round() == round) {
      ctx.out().count(EngineStats.Counter.TCS_FORMED);
      observeTc(timeouts.certificate(t.round()), ctx.self());
    }
  }
}
