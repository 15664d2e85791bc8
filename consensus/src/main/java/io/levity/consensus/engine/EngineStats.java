package io.levity.consensus.engine;

import java.util.EnumMap;
import java.util.Map;

/** Counters of one engine instance, for tests and metrics. */
public final class EngineStats {
  /** What the engine counts besides rejected messages. */
  public enum Counter {
    PROPOSALS_SENT("proposals"),
    VOTES_SENT("votes"),
    TIMEOUTS_SENT("timeouts"),
    QCS_FORMED("qcs"),
    TCS_FORMED("tcs"),
    BLOCKS_COMMITTED("commits"),
    SYNC_REQUESTS_SENT("syncRequests"),
    /** Payloads the host supplied over the size limit, refused (see {@link Action.Alarm}). */
    OVERSIZE_PAYLOADS("oversizePayloads");

    private final String label;

    Counter(String label) {
      this.label = label;
    }
  }

  private final EnumMap<Counter, Long> counts = new EnumMap<>(Counter.class);
  private final EnumMap<Reject, Long> rejects = new EnumMap<>(Reject.class);

  void add(Counter c) {
    counts.merge(c, 1L, Long::sum);
  }

  void reject(Reject r) {
    rejects.merge(r, 1L, Long::sum);
  }

  public long count(Counter c) {
    return counts.getOrDefault(c, 0L);
  }

  public long rejected(Reject r) {
    return rejects.getOrDefault(r, 0L);
  }

  public Map<Reject, Long> rejects() {
    return Map.copyOf(rejects);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (Counter c : Counter.values()) s.append(c.label).append('=').append(count(c)).append(' ');
    return s.append("rejects=").append(rejects).toString();
  }
}
