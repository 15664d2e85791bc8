package io.levity.consensus.message;

import io.levity.consensus.crypto.Signer;
import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.SigningDomain;
import io.levity.consensus.types.TimeoutCert;
import io.levity.consensus.types.VoteData;
import java.util.Optional;

/**
 * Signs consensus messages as validator {@code self}, each over the domain-separated bytes {@link
 * SigningDomain} defines for its kind. It decides nothing: the safety rules decide what may be
 * signed.
 */
public record MessageSigner(Signer signer, SigningDomain domain, int self) {
  public Proposal proposal(ConsensusBlock b, Optional<TimeoutCert> lastRoundTc) {
    return new Proposal(b, lastRoundTc, signer.sign(domain.proposal(b.epoch(), b.round(), b.id())));
  }

  public Vote vote(VoteData d) {
    return new Vote(d, self, signer.sign(domain.vote(d)));
  }

  /** A timeout for {@code round} carrying {@code highQc}, whose round the signature covers. */
  public Timeout timeout(
      long epoch, long round, QuorumCert highQc, Optional<TimeoutCert> lastRoundTc) {
    return new Timeout(
        epoch,
        round,
        self,
        highQc,
        lastRoundTc,
        signer.sign(domain.timeout(epoch, round, highQc.round())));
  }
}
