package io.levity.consensus.engine;

import java.util.EnumMap;
import java.util.Map;

/** Counters of one engine instance, for tests and metrics. */
public final class EngineStats {
  private final EnumMap<Reject, Long> rejects = new EnumMap<>(Reject.class);
  long proposalsSent;
  long votesSent;
  long timeoutsSent;
  long qcsFormed;
  long tcsFormed;
  long blocksCommitted;
  long syncRequestsSent;

  void reject(Reject r) {
    rejects.merge(r, 1L, Long::sum);
  }

  public long rejected(Reject r) {
    return rejects.getOrDefault(r, 0L);
  }

  public Map<Reject, Long> rejects() {
    return Map.copyOf(rejects);
  }

  public long proposalsSent() {
    return proposalsSent;
  }

  public long votesSent() {
    return votesSent;
  }

  public long timeoutsSent() {
    return timeoutsSent;
  }

  public long qcsFormed() {
    return qcsFormed;
  }

  public long tcsFormed() {
    return tcsFormed;
  }

  public long blocksCommitted() {
    return blocksCommitted;
  }

  public long syncRequestsSent() {
    return syncRequestsSent;
  }

  @Override
  public String toString() {
    return "proposals="
        + proposalsSent
        + " votes="
        + votesSent
        + " timeouts="
        + timeoutsSent
        + " qcs="
        + qcsFormed
        + " tcs="
        + tcsFormed
        + " commits="
        + blocksCommitted
        + " syncRequests="
        + syncRequestsSent
        + " rejects="
        + rejects;
  }
}
