package io.levity.consensus.sim;

import io.levity.consensus.crypto.SignatureScheme;
import io.levity.consensus.crypto.Signer;
import io.levity.consensus.engine.Action;
import io.levity.consensus.engine.Engine;
import io.levity.consensus.engine.EngineConfig;
import io.levity.consensus.engine.Event;
import io.levity.consensus.engine.InMemoryPendingBlockStore;
import io.levity.consensus.message.ConsensusCodec;
import io.levity.consensus.message.ConsensusMessage;
import io.levity.consensus.message.MalformedMessageException;
import io.levity.consensus.safety.InMemorySafetyStore;
import io.levity.consensus.types.ValidatorSet;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The host of one simulated validator: carries the engine's actions out on the simulated network
 * and clock, keeps what a disk would keep (safety store, ledger) across crashes and throws the
 * engine away on a crash.
 */
final class SimNode {
  /** What a node needs from the simulation around it. */
  interface World {
    Scheduler scheduler();

    SimNetwork network();

    Checkers checkers();

    RandomGenerator rng();

    void noteRound(int node, long round);

    long maxHonestRound();
  }

  private final int index;
  private final World world;
  private final EngineConfig cfg;
  private final ValidatorSet validators;
  private final Signer signer;
  private final SignatureScheme scheme;
  private final ConsensusCodec codec;
  private final Byzantine byzantine;
  private final boolean forgetOnRestart;
  private final int payloadBytes;
  private final InMemorySafetyStore store = new InMemorySafetyStore();
  private final SimLedger ledger = new SimLedger();
  private final InMemoryPendingBlockStore blocks = new InMemoryPendingBlockStore();
  private Engine engine;
  private int incarnation;
  private long malformed;

  SimNode(
      int index,
      World world,
      EngineConfig cfg,
      ValidatorSet validators,
      Signer signer,
      SignatureScheme scheme,
      ConsensusCodec codec,
      Byzantine byzantine,
      boolean forgetOnRestart,
      int payloadBytes) {
    this.index = index;
    this.world = world;
    this.cfg = cfg;
    this.validators = validators;
    this.scheme = scheme;
    this.codec = codec;
    this.byzantine = byzantine;
    this.forgetOnRestart = forgetOnRestart;
    this.payloadBytes = payloadBytes;
    this.signer =
        byzantine != null
            ? signer
            : new Signer() { // honest keys are watched for equivocation
              @Override
              public Bytes publicKey() {
                return signer.publicKey();
              }

              @Override
              public Bytes sign(byte[] message) {
                world.checkers().onSign(index, message);
                return signer.sign(message);
              }
            };
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

  long malformed() {
    return malformed;
  }

  void start() {
    if (engine != null) return;
    engine = new Engine(cfg, validators, index, signer, scheme, store, ledger, blocks);
    apply(engine.handle(new Event.Start()));
    world.checkers().onRestart(index, engine.committed().height(), engine.committed().id());
  }

  void crash() {
    engine = null;
    incarnation++;
  }

  void restart() {
    if (forgetOnRestart && isHonest()) store.wipeForTesting();
    start();
  }

  void deliver(int from, byte[] wire) {
    if (engine == null) return;
    ConsensusMessage m;
    try {
      m = codec.decode(wire);
    } catch (MalformedMessageException e) {
      malformed++;
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
    if (byzantine != null) actions = byzantine.outgoing(actions, engine, this);
    int inc = incarnation;
    Scheduler s = world.scheduler();
    for (Action a : actions) {
      switch (a) {
        case Action.Send x -> sendEncoded(x.to(), ConsensusCodec.encode(x.message()));
        case Action.Broadcast x -> {
          byte[] wire = ConsensusCodec.encode(x.message());
          long digest = Arrays.hashCode(wire);
          for (int j = 0; j < validators.size(); j++)
            if (j != index) world.network().send(index, j, wire, digest);
        }
        case Action.SetTimer x ->
            s.after(
                x.delayMillis(),
                Scheduler.Kind.TIMER,
                index,
                x.timerId() * 31 + x.round(),
                () -> fire(inc, new Event.TimerFired(x.timerId(), x.round())));
        case Action.RequestPayload x -> {
          byte[] payload = new byte[payloadBytes];
          world.rng().nextBytes(payload);
          s.after(
              0,
              Scheduler.Kind.LOCAL,
              index,
              x.round(),
              () -> fire(inc, new Event.PayloadReady(x.round(), Bytes.wrap(payload))));
        }
        case Action.Commit x -> {
          Bytes32 root = ledger.commit(x.block(), x.proof());
          blocks.committed(x.block().id());
          world.checkers().onCommit(index, x.block(), world.maxHonestRound());
          s.after(
              1,
              Scheduler.Kind.LOCAL,
              index,
              x.block().height(),
              () -> fire(inc, new Event.BlockExecuted(x.block().id(), x.block().height(), root)));
        }
        case Action.Alarm x -> world.checkers().onAlarm(index, x);
      }
    }
    if (engine != null && isHonest()) world.noteRound(index, engine.currentRound());
  }

  void sendEncoded(int to, byte[] wire) {
    world.network().send(index, to, wire, Arrays.hashCode(wire));
  }
}
