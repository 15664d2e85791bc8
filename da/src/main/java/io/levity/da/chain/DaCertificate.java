package io.levity.da.chain;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.BlsPublicKey;
import io.levity.core.crypto.bls.BlsSignature;
import java.math.BigInteger;

/**
 * A certificate that a quorum holds a blob: the signers' bitmap, their aggregated signature of
 * {@link DaChain#signingMessage(Bytes32, long)} and the sum of their keys (the contract recomputes
 * the G1 half from the bitmap and checks the G2 half against it).
 *
 * @param blobId the blob
 * @param epoch the epoch whose quorum signed
 * @param signers bit i set when the node with registration index i signed
 * @param signature the aggregated signature (G1)
 * @param aggregateKey the sum of the signers' keys
 */
public record DaCertificate(
    Bytes32 blobId,
    long epoch,
    BigInteger signers,
    BlsSignature signature,
    BlsPublicKey aggregateKey) {}
