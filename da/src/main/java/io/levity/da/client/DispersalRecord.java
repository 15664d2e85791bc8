package io.levity.da.client;

import io.levity.core.bytes.Bytes32;
import io.levity.da.chain.DaCertificate;
import java.util.Map;
import java.util.Optional;

/**
 * What the client remembers of one dispersal (see {@link DispersalJournal}).
 *
 * @param blobId the blob
 * @param length its length in bytes
 * @param epoch the epoch whose quorum it was sent to
 * @param status where it stands
 * @param reason why it failed, or empty
 * @param certificate the aggregated certificate, once there was one
 * @param certificateTx the certifying transaction, once mined
 * @param nodeErrors per node registration index, why that node did not sign
 */
public record DispersalRecord(
    Bytes32 blobId,
    long length,
    long epoch,
    BlobStatus status,
    String reason,
    Optional<DaCertificate> certificate,
    Optional<Bytes32> certificateTx,
    Map<Integer, String> nodeErrors) {
  /** This record with another status and reason. */
  public DispersalRecord withStatus(BlobStatus s, String why) {
    return new DispersalRecord(
        blobId, length, epoch, s, why, certificate, certificateTx, nodeErrors);
  }
}
