package io.levity.consensus.engine;

import io.levity.consensus.TestNet;
import io.levity.consensus.message.ConsensusMessage;
import io.levity.consensus.safety.InMemorySafetyStore;
import io.levity.core.bytes.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives one real engine with scripted peers: messages and timers are fed by direct calls, never by
 * a clock.
 */
final class Harness {
  final TestNet net;
  final int self;
  final InMemorySafetyStore safety = new InMemorySafetyStore();
  final InMemoryPendingBlockStore blocks = new InMemoryPendingBlockStore();
  final List<Action> all = new ArrayList<>();
  Engine engine;
  private final EngineConfig cfg;

  Harness(TestNet net, int self) {
    this.net = net;
    this.self = self;
    this.cfg = EngineConfig.defaults(TestNet.CHAIN_ID);
    this.engine = newEngine();
  }

  private Engine newEngine() {
    return new Engine(
        cfg,
        net.validators,
        self,
        net.signers.get(self),
        net.scheme,
        safety,
        LedgerView.empty(),
        blocks);
  }

  /** Throws the engine away (a crash) and starts a new one on the same stores. */
  List<Action> restart() {
    engine = newEngine();
    return start();
  }

  List<Action> start() {
    return record(engine.handle(new Event.Start()));
  }

  List<Action> receive(int from, ConsensusMessage m) {
    return record(engine.handle(new Event.MessageReceived(from, m)));
  }

  List<Action> handle(Event e) {
    return record(engine.handle(e));
  }

  List<Action> payload(long round, String p) {
    return record(
        engine.handle(
            new Event.PayloadReady(round, Bytes.wrap(p.getBytes(StandardCharsets.UTF_8)))));
  }

  /** Fires the most recent timer the engine asked for. */
  List<Action> fireTimer() {
    Action.SetTimer t = null;
    for (Action a : all) if (a instanceof Action.SetTimer s) t = s;
    if (t == null) throw new IllegalStateException("no timer set");
    return record(engine.handle(new Event.TimerFired(t.timerId(), t.round())));
  }

  private List<Action> record(List<Action> as) {
    all.addAll(as);
    return as;
  }

  static <T> List<T> only(List<Action> actions, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Action a : actions) if (type.isInstance(a)) out.add(type.cast(a));
    return out;
  }

  static <M extends ConsensusMessage> List<M> sent(List<Action> actions, Class<M> type) {
    List<M> out = new ArrayList<>();
    for (Action a : actions) {
      ConsensusMessage m =
          switch (a) {
            case Action.Send s -> s.message();
            case Action.Broadcast b -> b.message();
            default -> null;
          };
      if (type.isInstance(m)) out.add(type.cast(m));
    }
    return out;
  }

  static List<Integer> recipients(List<Action> actions, Class<? extends ConsensusMessage> type) {
    List<Integer> out = new ArrayList<>();
    for (Action a : actions)
      if (a instanceof Action.Send s && type.isInstance(s.message())) out.add(s.to());
    return out;
  }
}
