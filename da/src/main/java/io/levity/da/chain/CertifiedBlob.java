package io.levity.da.chain;

import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;

/**
 * A blob the contract has certified.
 *
 * @param blobId the blob
 * @param epoch the epoch of the certificate
 * @param signers the signer bitmap
 * @param blockNumber the block of the certifying transaction
 * @param transactionHash the certifying transaction
 */
public record CertifiedBlob(
    Bytes32 blobId, long epoch, BigInteger signers, long blockNumber, Bytes32 transactionHash) {}
