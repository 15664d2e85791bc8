package io.levity.consensus.engine;

import io.levity.consensus.crypto.SignatureScheme;
import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.SigningDomain;
import io.levity.consensus.types.TimeoutCert;
import io.levity.consensus.types.ValidatorSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks messages and certificates against the validator set: membership, leader, epoch, round
 * sanity, sizes and signatures. Certificates that passed are remembered (bounded), so a QC repeated
 * in many messages costs one check. Cheap structural checks run before any signature is verified.
 */
final class MessageVerifier {
  private final ValidatorSet validators;
  private final SignatureScheme scheme;
  private final SigningDomain domain;
  private final QuorumCert genesisQc;
  private final int maxPayloadBytes;
  private final Map<QuorumCert, Boolean> verifiedQcs;
  private final Map<TimeoutCert, Boolean> verifiedTcs;

  MessageVerifier(
      ValidatorSet validators,
      SignatureScheme scheme,
      SigningDomain domain,
      QuorumCert genesisQc,
      EngineConfig cfg) {
    this.validators = validators;
    this.scheme = scheme;
    this.domain = domain;
    this.genesisQc = genesisQc;
    this.maxPayloadBytes = cfg.maxPayloadBytes();
    this.verifiedQcs = lru(cfg.certCacheSize());
    this.verifiedTcs = lru(cfg.certCacheSize());
  }

  private static <K> Map<K, Boolean> lru(int size) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Boolean> e) {
        return size() > size;
      }
    };
  }

  /** Structure and signature of a proposal; its certificates are checked separately. */
  Optional<Reject> proposal(Proposal p) {
    ConsensusBlock b = p.block();
    if (b.epoch() != validators.epoch() || b.parentQc().data().epoch() != validators.epoch())
      return rej(Reject.WRONG_EPOCH);
    if (!validators.isMember(b.author())) return rej(Reject.NOT_A_MEMBER);
    if (b.round() < 1 || b.round() <= b.parentQc().round()) return rej(Reject.MALFORMED);
    if (validators.leader(b.round()) != b.author()) return rej(Reject.NOT_THE_LEADER);
    if (b.height() != b.parentQc().height() + 1 || b.execHeight() >= b.height())
      return rej(Reject.MALFORMED);
    if (b.payload().size() > maxPayloadBytes) return rej(Reject.TOO_LARGE);
    boolean viaQc = b.parentQc().round() + 1 == b.round();
    if (p.lastRoundTc().isPresent()) {
      TimeoutCert tc = p.lastRoundTc().get();
      if (viaQc || tc.round() + 1 != b.round() || tc.epoch() != validators.epoch())
        return rej(Reject.MALFORMED);
    } else if (!viaQc) {
      return rej(Reject.UNJUSTIFIED_ROUND);
    }
    byte[] msg = domain.proposal(b.epoch(), b.round(), b.id());
    if (!scheme.verify(validators.get(b.author()).publicKey(), msg, p.signature()))
      return rej(Reject.BAD_SIGNATURE);
    return Optional.empty();
  }

  Optional<Reject> vote(Vote v) {
    if (v.data().epoch() != validators.epoch()) return rej(Reject.WRONG_EPOCH);
    if (!validators.isMember(v.voter())) return rej(Reject.NOT_A_MEMBER);
    if (v.data().round() < 1
        || v.data().parentRound() >= v.data().round()
        || v.data().height() < 1) {
      return rej(Reject.MALFORMED);
    }
    if (!scheme.verify(
        validators.get(v.voter()).publicKey(), domain.vote(v.data()), v.signature())) {
      return rej(Reject.BAD_SIGNATURE);
    }
    return Optional.empty();
  }

  /**
   * Structure, justification and signature of a timeout; its certificates are checked separately.
   */
  Optional<Reject> timeout(Timeout t) {
    if (t.epoch() != validators.epoch() || t.highQc().data().epoch() != validators.epoch())
      return rej(Reject.WRONG_EPOCH);
    if (!validators.isMember(t.sender())) return rej(Reject.NOT_A_MEMBER);
    if (t.round() < 1 || t.highQc().round() >= t.round()) return rej(Reject.MALFORMED);
    boolean viaQc = t.highQc().round() + 1 == t.round();
    if (t.lastRoundTc().isPresent()) {
      TimeoutCert tc = t.lastRoundTc().get();
      if (viaQc || tc.round() + 1 != t.round() || tc.epoch() != validators.epoch())
        return rej(Reject.MALFORMED);
    } else if (!viaQc) {
      return rej(Reject.UNJUSTIFIED_ROUND);
    }
    byte[] msg = domain.timeout(t.epoch(), t.round(), t.highQc().round());
    if (!scheme.verify(validators.get(t.sender()).publicKey(), msg, t.signature()))
      return rej(Reject.BAD_SIGNATURE);
    return Optional.empty();
  }

  boolean quorumCert(QuorumCert qc) {
    if (qc.isGenesisShaped()) return qc.equals(genesisQc);
    if (verifiedQcs.containsKey(qc)) return true;
    if (qc.data().epoch() != validators.epoch() || qc.signers().size() != validators.size())
      return false;
    if (qc.data().parentRound() >= qc.round() || qc.height() < 1) return false;
    if (validators.powerOf(qc.signers()) < validators.quorumPower()) return false;
    byte[] msg = domain.vote(qc.data());
    List<byte[]> msgs = Collections.nCopies(qc.signers().count(), msg);
    if (!scheme.verifyAggregate(validators.publicKeys(qc.signers()), msgs, qc.aggregateSignature()))
      return false;
    verifiedQcs.put(qc, Boolean.TRUE);
    return true;
  }

  boolean timeoutCert(TimeoutCert tc) {
    if (verifiedTcs.containsKey(tc)) return true;
    if (tc.epoch() != validators.epoch()
        || tc.signers().size() != validators.size()
        || tc.round() < 1) return false;
    if (tc.highQcRounds().size() != tc.signers().count()) return false;
    if (tc.highQc().round() != tc.maxHighQcRound() || !quorumCert(tc.highQc())) return false;
    if (validators.powerOf(tc.signers()) < validators.quorumPower()) return false;
    List<byte[]> msgs = new ArrayList<>(tc.highQcRounds().size());
    for (long r : tc.highQcRounds()) {
      if (r >= tc.round()) return false;
      msgs.add(domain.timeout(tc.epoch(), tc.round(), r));
    }
    if (!scheme.verifyAggregate(validators.publicKeys(tc.signers()), msgs, tc.aggregateSignature()))
      return false;
    verifiedTcs.put(tc, Boolean.TRUE);
    return true;
  }

  private static Optional<Reject> rej(Reject r) {
    return Optional.of(r);
  }
}
