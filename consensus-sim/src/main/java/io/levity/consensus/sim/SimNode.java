package io.levity.consensus.sim;

import io.levity.consensus.crypto.Signer;
import io.levity.consensus.engine.Action;
import io.levity.consensus.engine.Engine;
import io.levity.consensus.engine.Event;
import io.levity.consensus.engine.InMemoryPendingBlockStore;
import io.levity.consensus.message.ConsensusCodec;
import io.levity.consensus.message.ConsensusMessage;
import io.levity.consensus.message.MalformedMessageException;
import io.levity.consensus.safety.InMemorySafetyStore;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.util.Arrays;
import java.util.List;

/**
 * The host of one simulated validator: carries the engine's actions out on the simulated network
 * and clock, keeps what a disk would keep (safety store, ledger) across crashes and throws the
 * engine away on a crash.
 */
final class SimNode {
  private final int index;
  private final SimWorld world;
  private final Signer signer;
  private final Byzantine byzantine;
  private final InMemorySafetyStore store = new InMemorySafetyStore();
  private final SimLedger ledger = new SimLedger();
  private final InMemoryPendingBlockStore blocks = new InMemoryPendingBlockStore();
  private Engine engine;
  private int incarnation;

  /** Validator {@code index}, honest when {@code byzantine} is null. */
  SimNode(int index, SimWorld world, Signer signer, Byzantine byzantine) {
    this.index = index;
    this.world = world;
    this.byzantine = byzantine;
    this.signer =
        byzantine != null
            ? signer
            : Signer.of( // honest keys are watched for equivocation
                signer.publicKey(),
                message -> {
                  world.checkers().onSign(index, message);
                  return signer.sign(message);
                });
  }

  boolean isUp() {
    return engine != null;
  }

  boolean isHonest() {
    return byzantine == null;
  }

  Engine engine() {
    return engine;
  }

  SimLedger ledger() {
    return ledger;
  }

  void start() {
    if (engine != null) return;
    engine =
        new Engine(
                world.engine(),
                world.validators(),
                index,
                signer,
                world.scheme(),
                store,
                ledger,
                blocks)
            .signingWith(world.cfg().safetyFault().rules());
    apply(engine.handle(new Event.Start()));
    world.checkers().onRestart(index, engine.committed().height(), engine.committed().id());
  }

  void crash() {
    engine = null;
    incarnation++;
  }

  void restart() {
    if (world.cfg().forgetSafetyOnRestart() && isHonest()) store.wipeForTesting();
    start();
  }

  void deliver(int from, byte[] wire) {
    if (engine == null) return;
    ConsensusMessage m;
    try {
      m = world.codec().decode(wire);
    } catch (MalformedMessageException e) {
      world.network().malformed();
      return;
    }
    if (byzantine != null && byzantine.dropIncoming(m, wire, this)) return;
    apply(engine.handle(new Event.MessageReceived(from, m)));
  }

  private void fire(int inc, Event e) {
    if (engine == null || inc != incarnation) return;
    apply(engine.handle(e));
    if (byzantine != null && e instanceof Event.TimerFired) byzantine.spam(engine, this);
  }

  private void apply(List<Action> actions) {
    if (byzantine != null) actions = byzantine.outgoing(actions);
    int inc = incarnation;
    SimEventQueue events = world.events();
    for (Action a : actions) {
      switch (a) {
        case Action.Send x -> sendEncoded(x.to(), ConsensusCodec.encode(x.message()));
        case Action.Broadcast x -> {
          byte[] wire = ConsensusCodec.encode(x.message());
          long digest = Arrays.hashCode(wire);
          for (int j = 0; j < world.validators().size(); j++)
            if (j != index) world.network().send(index, j, wire, digest);
        }
        case Action.SetTimer x ->
            events.after(
                x.delayMillis(),
                SimEventQueue.Kind.TIMER,
                index,
                x.timerId() * 31 + x.round(),
                () -> fire(inc, new Event.TimerFired(x.timerId(), x.round())));
        case Action.RequestPayload x -> {
          byte[] payload = new byte[world.cfg().payloadBytes()];
          world.rng().nextBytes(payload);
          events.after(
              0,
              SimEventQueue.Kind.LOCAL,
              index,
              x.round(),
              () -> fire(inc, new Event.PayloadReady(x.round(), Bytes.wrap(payload))));
        }
        case Action.Commit x -> {
          Bytes32 root = ledger.commit(x.block(), x.proof());
          blocks.committed(x.block().id());
          world.checkers().onCommit(index, x.block());
          events.after(
              1,
              SimEventQueue.Kind.LOCAL,
              index,
              x.block().height(),
              () -> fire(inc, new Event.BlockExecuted(x.block().id(), x.block().height(), root)));
        }
        case Action.Alarm x -> world.checkers().onAlarm(index, x);
      }
    }
    if (engine != null && isHonest()) world.checkers().liveness().noteRound(engine.currentRound());
  }

  void sendEncoded(int to, byte[] wire) {
    world.network().send(index, to, wire, Arrays.hashCode(wire));
  }
}
