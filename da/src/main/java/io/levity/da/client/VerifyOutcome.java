package io.levity.da.client;

import io.levity.da.chain.CertifiedBlob;
import io.levity.da.chain.DaCertificate;
import java.math.BigInteger;
import java.util.Optional;

/**
 * A certificate checked again.
 *
 * @param record the contract's record of the blob
 * @param certificate the certificate from the certifying transaction
 * @param signedStake the signers' stake in the certificate's epoch
 * @param totalStake the quorum's stake in that epoch
 * @param signatureValid whether the aggregated signature verifies against the sum of the signers'
 *     registered keys (checked here, off chain)
 * @param thresholdMet whether the signers hold the threshold of stake
 * @param onChainCheck {@code checkDACert} now, when the epoch is still fresh (current or previous);
 *     empty once it is older (the contract accepts only fresh certificates)
 */
public record VerifyOutcome(
    CertifiedBlob record,
    DaCertificate certificate,
    BigInteger signedStake,
    BigInteger totalStake,
    boolean signatureValid,
    boolean thresholdMet,
    Optional<Boolean> onChainCheck) {
  /** Whether everything checked holds. */
  public boolean valid() {
    return signatureValid && thresholdMet && onChainCheck.orElse(true);
  }
}
