package io.levity.da.client;

import io.levity.da.encoding.BlobHeader;
import java.math.BigInteger;

/**
 * The result of one dispersal.
 *
 * @param record the journal's record (status, certificate, certifying transaction, node errors)
 * @param header the blob's header
 * @param signedStake the stake of the nodes whose signatures the certificate aggregates
 * @param totalStake the stake of the epoch's quorum
 * @param encodeNanos time spent encoding (cells and proofs)
 * @param disperseNanos time from the first request sent to the last signature used
 * @param certifyNanos time to get the certificate mined, 0 when none was sent
 */
public record DisperseOutcome(
    DispersalRecord record,
    BlobHeader header,
    BigInteger signedStake,
    BigInteger totalStake,
    long encodeNanos,
    long disperseNanos,
    long certifyNanos) {}
