package io.levity.consensus.engine;

import io.levity.consensus.crypto.SignatureScheme;
import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.SignerBitmap;
import io.levity.consensus.types.TimeoutCert;
import io.levity.consensus.types.ValidatorSet;
import io.levity.core.bytes.Bytes;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Timeouts per round, one per sender, and the TC they form at quorum power. Public so that the
 * simulator's Byzantine validators can assemble TCs the way an attacker would.
 */
public final class TimeoutCollector {
  private final ValidatorSet validators;
  private final SignatureScheme scheme;
  private final TreeMap<Long, Map<Integer, Timeout>> rounds = new TreeMap<>();

  public TimeoutCollector(ValidatorSet validators, SignatureScheme scheme) {
    this.validators = validators;
    this.scheme = scheme;
  }

  public boolean has(long round, int sender) {
    Map<Integer, Timeout> m = rounds.get(round);
    return m != null && m.containsKey(sender);
  }

  /** Adds a verified timeout; returns the round's total timed-out power. */
  public long add(Timeout t) {
    Map<Integer, Timeout> m = rounds.computeIfAbsent(t.round(), r -> new TreeMap<>());
    m.putIfAbsent(t.sender(), t);
    return power(t.round());
  }

  public long power(long round) {
    Map<Integer, Timeout> m = rounds.get(round);
    if (m == null) return 0;
    long p = 0;
    for (int s : m.keySet()) p += validators.get(s).power();
    return p;
  }

  /** The TC of a round that reached quorum power. */
  public TimeoutCert certificate(long round) {
    Map<Integer, Timeout> m = rounds.get(round);
    BitSet signers = new BitSet();
    List<Long> hqc = new ArrayList<>();
    List<Bytes> sigs = new ArrayList<>();
    QuorumCert highest = null;
    for (Timeout t : m.values()) {
      signers.set(t.sender());
      hqc.add(t.highQc().round());
      sigs.add(t.signature());
      if (highest == null || t.highQc().round() > highest.round()) highest = t.highQc();
    }
    return new TimeoutCert(
        validators.epoch(),
        round,
        highest,
        SignerBitmap.of(validators.size(), signers),
        hqc,
        scheme.aggregate(sigs));
  }

  public void pruneBelow(long round) {
    rounds.headMap(round).clear();
  }
}
