package io.levity.consensus.engine;

import io.levity.consensus.message.ConsensusMessage;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;

/** What the outside world tells the engine. */
public sealed interface Event {
  /**
   * First event after construction (also after a restart): the engine loads its persisted state.
   */
  record Start() implements Event {}

  /** A decoded message; {@code from} is the transport peer index, used only to address replies. */
  record MessageReceived(int from, ConsensusMessage message) implements Event {}

  /** A timer set by {@link Action.SetTimer} went off. */
  record TimerFired(long timerId, long round) implements Event {}

  /** The payload asked for by {@link Action.RequestPayload}. */
  record PayloadReady(long round, Bytes payload) implements Event {}

  /**
   * A committed block was executed; its state root goes into later proposals and is checked by
   * voters.
   */
  record BlockExecuted(Bytes32 blockId, long height, Bytes32 stateRoot) implements Event {}
}
