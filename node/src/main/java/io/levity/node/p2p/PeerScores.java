package io.levity.node.p2p;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Scores of peers by node id. Every peer starts at 0; each {@link Misbehavior} subtracts its
 * penalty; at or below {@code -banThreshold} the peer is banned for {@code banDuration} and its
 * score starts again at 0 when the ban ends. Scores recover by {@code recoveryPerMinute} points a
 * minute so rare slips by honest peers are forgotten. Time comes from an injected nanosecond clock.
 * Thread-safe.
 */
public final class PeerScores {
  private static final long MINUTE_NANOS = 60_000_000_000L;
  private static final int MAX_TRACKED = 10_000;

  private final int banThreshold;
  private final long banNanos;
  private final int recoveryPerMinute;
  private final LongSupplier nanoClock;
  private final Map<NodeId, Score> scores = new HashMap<>();

  private static final class Score {
    long value;
    long updatedAt;
    long bannedUntil;
    boolean banned;
  }

  public PeerScores(
      int banThreshold, Duration banDuration, int recoveryPerMinute, LongSupplier nanoClock) {
    if (banThreshold < 1) throw new IllegalArgumentException("banThreshold must be positive");
    this.banThreshold = banThreshold;
    this.banNanos = banDuration.toNanos();
    this.recoveryPerMinute = recoveryPerMinute;
    this.nanoClock = nanoClock;
  }

  /**
   * Lowers the peer's score; returns true if the peer is banned now (by this or an earlier
   * penalty).
   */
  public synchronized boolean penalize(NodeId peer, Misbehavior what) {
    long now = nanoClock.getAsLong();
    if (scores.size() >= MAX_TRACKED && !scores.containsKey(peer)) prune(now);
    Score s = scores.computeIfAbsent(peer, k -> new Score());
    refresh(s, now);
    if (s.banned) return true;
    s.value -= what.penalty();
    if (s.value <= -banThreshold) {
      s.banned = true;
      s.bannedUntil = now + banNanos;
    }
    return s.banned;
  }

  public synchronized boolean isBanned(NodeId peer) {
    Score s = scores.get(peer);
    if (s == null) return false;
    refresh(s, nanoClock.getAsLong());
    return s.banned;
  }

  /** The current score (0 for unknown peers, negative after penalties). */
  public synchronized long score(NodeId peer) {
    Score s = scores.get(peer);
    if (s == null) return 0;
    refresh(s, nanoClock.getAsLong());
    return s.value;
  }

  private void refresh(Score s, long now) {
    if (s.banned && now - s.bannedUntil >= 0) {
      s.banned = false;
      s.value = 0;
      s.updatedAt = now;
    }
    if (!s.banned && s.value < 0 && recoveryPerMinute > 0) {
      long minutes = (now - s.updatedAt) / MINUTE_NANOS;
      if (minutes > 0) {
        s.value = Math.min(0, s.value + minutes * recoveryPerMinute);
        s.updatedAt += minutes * MINUTE_NANOS;
      }
    } else if (!s.banned) {
      s.updatedAt = now;
    }
  }

  private void prune(long now) {
    scores.values().forEach(s -> refresh(s, now));
    scores.values().removeIf(s -> !s.banned && s.value == 0);
  }
}
