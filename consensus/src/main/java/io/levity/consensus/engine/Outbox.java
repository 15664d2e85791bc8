package io.levity.consensus.engine;

import io.levity.consensus.engine.Action.Alarm;
import io.levity.consensus.message.ConsensusMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the parts of one engine put what they produce: actions for the host, in order; messages to
 * this validator itself, which the engine handles before it returns (a leader votes for its own
 * block, a node counts its own timeout); and the counters in {@link EngineStats}.
 */
final class Outbox {
  private final int self;
  private final EngineStats stats = new EngineStats();
  private final ArrayDeque<ConsensusMessage> own = new ArrayDeque<>();
  private List<Action> actions = new ArrayList<>();

  Outbox(int self) {
    this.self = self;
  }

  EngineStats stats() {
    return stats;
  }

  void add(Action a) {
    actions.add(a);
  }

  void send(int to, ConsensusMessage m) {
    if (to == self) own.add(m);
    else actions.add(new Action.Send(to, m));
  }

  /** To every other validator, and to this one through its own inbox. */
  void broadcast(ConsensusMessage m) {
    actions.add(new Action.Broadcast(m));
    own.add(m);
  }

  void alarm(Alarm.Kind kind, String detail) {
    actions.add(new Alarm(kind, detail));
  }

  /** An equivocation caught: the alarm carries both signed messages. */
  void equivocation(Alarm.Kind kind, String detail, Equivocation evidence) {
    actions.add(new Alarm(kind, detail, Optional.of(evidence)));
  }

  void count(EngineStats.Counter c) {
    stats.add(c);
  }

  void reject(Reject r) {
    stats.reject(r);
  }

  /** The next message this validator sent itself, or null. */
  ConsensusMessage nextOwn() {
    return own.poll();
  }

  /** The actions since the last call, in order. */
  List<Action> drain() {
    List<Action> out = actions;
    actions = new ArrayList<>();
    return out;
  }
}
