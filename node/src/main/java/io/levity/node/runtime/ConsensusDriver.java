package io.levity.node.runtime;

import io.levity.consensus.engine.Action;
import io.levity.consensus.engine.Engine;
import io.levity.consensus.engine.Equivocation;
import io.levity.consensus.engine.Event;
import io.levity.consensus.engine.Reject;
import io.levity.consensus.message.ConsensusCodec;
import io.levity.consensus.message.ConsensusMessage;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.core.bytes.Bytes;
import io.levity.core.time.Scheduler;
import io.levity.execution.block.Block;
import io.levity.node.p2p.NodeId;
import io.levity.node.p2p.P2pMessage;
import io.levity.node.p2p.PeerNetwork;
import io.levity.node.store.EvidenceStore;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the consensus engine: feeds it events (messages, timers, payloads, executed commits) and
 * carries out the actions it returns, in order: sends and broadcasts go to the peers, timers to the
 * scheduler, payload requests to the {@link PayloadPacer}, commits to the {@link BlockImporter},
 * equivocation evidence to the {@link EvidenceStore}. Everything runs on the scheduler (the
 * consensus thread). Each start or stop of the engine bumps its generation, so timers and payloads
 * meant for an earlier engine do nothing.
 */
final class ConsensusDriver implements SyncRunner.EngineControl {
  private static final Logger LOG = LoggerFactory.getLogger(ConsensusDriver.class);

  /** What the driver needs around it; {@code engines} makes a fresh engine from stored state. */
  record Parts(
      Supplier<Engine> engines,
      Scheduler thread,
      PeerNetwork net,
      List<NodeId> validators,
      PayloadPacer pacer,
      BlockImporter importer,
      RuntimeMetrics metrics,
      EvidenceStore evidence,
      Consumer<Throwable> fatal,
      String name) {}

  private final Parts p;
  private final Map<Long, Scheduler.Cancellable> timers = new HashMap<>();
  private Engine engine;
  private long generation;
  private boolean halted;
  private volatile long round;

  ConsensusDriver(Parts parts) {
    this.p = parts;
  }

  @Override
  public boolean running() {
    return engine != null;
  }

  /** The engine's current round (for metrics; any thread). */
  long round() {
    return round;
  }

  /**
   * Starts an engine from the persisted safety state and ledger, telling it the head's state root.
   */
  @Override
  public void start() {
    if (engine != null || halted) return;
    stopTimers();
    generation++;
    engine = p.engines().get();
    p.importer().headExecuted().ifPresent(e -> apply(engine.handle(e)));
    apply(engine.handle(new Event.Start()));
    if (engine != null) {
      LOG.info(
          "{}: consensus running from height {}, round {}",
          p.name(),
          p.importer().head().number(),
          engine.currentRound());
    }
  }

  @Override
  public void stop(String why) {
    if (engine == null) return;
    LOG.info("{}: consensus paused: {}", p.name(), why);
    engine = null;
    generation++;
    stopTimers();
  }

  /** Stops the engine for good: the node cannot go on safely. */
  void halt() {
    halted = true;
    engine = null;
    generation++;
    stopTimers();
  }

  /**
   * A consensus message from validator {@code from}; any thread. {@code refused} runs (on the
   * consensus thread) when the engine rejects it for a fault of its sender (see {@link
   * #SENDER_FAULTS}).
   */
  void deliver(int from, ConsensusMessage message, Runnable refused) {
    p.thread()
        .execute(
            () -> {
              Engine e = engine;
              if (e == null) return;
              long faults = senderFaults(e);
              apply(e.handle(new Event.MessageReceived(from, message)));
              if (senderFaults(e) > faults) refused.run();
            });
  }

  /**
   * Rejections an honest validator never causes; stale, duplicate or early messages are not faults.
   */
  static final Set<Reject> SENDER_FAULTS =
      EnumSet.of(
          Reject.WRONG_EPOCH,
          Reject.NOT_A_MEMBER,
          Reject.NOT_THE_LEADER,
          Reject.BAD_SIGNATURE,
          Reject.BAD_CERTIFICATE,
          Reject.MALFORMED,
          Reject.UNJUSTIFIED_ROUND,
          Reject.TOO_LARGE);

  private static long senderFaults(Engine e) {
    long n = 0;
    for (Reject r : SENDER_FAULTS) n += e.stats().rejected(r);
    return n;
  }

  private void stopTimers() {
    for (Scheduler.Cancellable t : timers.values()) t.cancel();
    timers.clear();
    p.pacer().cancel();
  }

  /** Runs {@code event} through the engine if it is still the one the event was meant for. */
  private void handle(long gen, Event event) {
    if (engine == null || gen != generation) return;
    apply(engine.handle(event));
  }

  private void apply(List<Action> actions) {
    Engine e = engine;
    if (e == null) return;
    long gen = generation;
    round = e.currentRound();
    p.metrics().roundSeen(round);
    for (Action a : actions) {
      if (gen != generation) return; // a commit failed or sync paused the engine mid-list
      switch (a) {
        case Action.Send x -> p.net().send(p.validators().get(x.to()), wire(x.message()));
        case Action.Broadcast x -> p.net().broadcast(wire(x.message()));
        case Action.SetTimer x -> setTimer(gen, x);
        case Action.RequestPayload x ->
            p.pacer()
                .request(
                    x.parentId(),
                    payload -> handle(gen, new Event.PayloadReady(x.round(), payload.encode())));
        case Action.Commit x -> commit(gen, x);
        case Action.Alarm x -> alarm(x);
      }
    }
  }

  private void alarm(Action.Alarm x) {
    if (x.kind() == Action.Alarm.Kind.OVERSIZE_PAYLOAD) {
      p.metrics().oversizePayload();
      LOG.error("{}: consensus refused our payload: {}", p.name(), x.detail());
      return;
    }
    LOG.warn("{}: consensus alarm {}: {}", p.name(), x.kind(), x.detail());
    x.evidence().ifPresent(this::keepEvidence);
  }

  /**
   * Keeps a caught equivocation on disk. Evidence is not needed for safety, so a failed write is
   * logged and consensus goes on.
   */
  private void keepEvidence(Equivocation e) {
    p.metrics().equivocation();
    try {
      EvidenceStore.Saved saved = p.evidence().save(e);
      LOG.warn(
          "{}: validator {} equivocated ({} in round {}): evidence {}",
          p.name(),
          e.validator(),
          e.kind(),
          e.round(),
          saved);
    } catch (RuntimeException ex) {
      LOG.error(
          "{}: could not keep the evidence against validator {}", p.name(), e.validator(), ex);
    }
  }

  private void setTimer(long gen, Action.SetTimer x) {
    Scheduler.Cancellable old =
        timers.put(
            x.timerId(),
            p.thread()
                .schedule(
                    x.delayMillis(),
                    () -> {
                      timers.remove(x.timerId()); // a replaced timer was cancelled on this thread
                      handle(gen, new Event.TimerFired(x.timerId(), x.round()));
                    }));
    if (old != null) old.cancel();
  }

  private static P2pMessage wire(ConsensusMessage m) {
    return new P2pMessage.ConsensusMessage(Bytes.wrap(ConsensusCodec.encode(m)));
  }

  private void commit(long gen, Action.Commit c) {
    ConsensusBlock cb = c.block();
    p.metrics().committing(cb.round());
    Block b;
    try {
      b = p.importer().importCommitted(cb, c.proof());
    } catch (RuntimeException e) {
      p.fatal().accept(e);
      return;
    }
    p.metrics().committed(b.transactions().size());
    p.thread()
        .execute(
            () ->
                handle(gen, new Event.BlockExecuted(cb.id(), cb.height(), b.header().stateRoot())));
    p.pacer().workArrived(); // the mempool and the uncommitted ancestors changed
  }
}
