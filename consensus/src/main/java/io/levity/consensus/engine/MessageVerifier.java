package io.levity.consensus.engine;

import io.levity.consensus.crypto.SignatureScheme;
import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.ConsensusGenesis;
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

  /** Checks against {@code validators} (of its epoch) on the chain of {@code cfg}. */
  MessageVerifier(EngineConfig cfg, ValidatorSet validators, SignatureScheme scheme) {
    this.validators = validators;
    this.scheme = scheme;
    this.domain = new SigningDomain(cfg.chainId());
    this.genesisQc =
        QuorumCert.genesis(
            ConsensusGenesis.of(cfg.chainId(), validators.epoch()), validators.size());
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

  /** The scheme signatures are checked with, which certificates must be aggregated with too. */
  SignatureScheme scheme() {
    return scheme;
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
    Optional<Reject> unjustified = justification(b.round(), b.parentQc(), p.lastRoundTc());
    if (unjustified.isPresent()) return unjustified;
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
    Optional<Reject> unjustified = justification(t.round(), t.highQc(), t.lastRoundTc());
    if (unjustified.isPresent()) return unjustified;
    byte[] msg = domain.timeout(t.epoch(), t.round(), t.highQc().round());
    if (!scheme.verify(validators.get(t.sender()).publicKey(), msg, t.signature()))
      return rej(Reject.BAD_SIGNATURE);
    return Optional.empty();
  }

  /**
   * A message of {@code round} is justified by a QC of the round before, or else by a TC of the
   * round before that it carries (and then it must not also have the QC).
   */
  private Optional<Reject> justification(long round, QuorumCert qc, Optional<TimeoutCert> tc) {
    boolean viaQc = qc.round() + 1 == round;
    if (tc.isEmpty()) return viaQc ? Optional.empty() : rej(Reject.UNJUSTIFIED_ROUND);
    if (viaQc || tc.get().round() + 1 != round || tc.get().epoch() != validators.epoch())
      return rej(Reject.MALFORMED);
    return Optional.empty();
  }

  /** A proposal's structure and signature, then the certificates it carries. */
  Optional<Reject> proposalWithCertificates(Proposal p) {
    return withCertificates(proposal(p), p.block().parentQc(), p.lastRoundTc());
  }

  /** A timeout's structure and signature, then the certificates it carries. */
  Optional<Reject> timeoutWithCertificates(Timeout t) {
    return withCertificates(timeout(t), t.highQc(), t.lastRoundTc());
  }

  private Optional<Reject> withCertificates(
      Optional<Reject> message, QuorumCert qc, Optional<TimeoutCert> tc) {
    if (message.isPresent()) return message;
    return quorumCert(qc) && tc.map(this::timeoutCert).orElse(true)
        ? Optional.empty()
        : rej(Reject.BAD_CERTIFICATE);
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
