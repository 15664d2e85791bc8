package io.levity.consensus.crypto;

import io.levity.core.bytes.Bytes;
import java.util.List;

/**
 * How consensus signs and checks: single signatures and the aggregate a certificate carries.
 * Ed25519 concatenates; an aggregated-BLS scheme can replace it behind this interface without
 * touching the protocol.
 */
public interface SignatureScheme {
  /** A short stable name, for logs and configuration. */
  String name();

  /**
   * The upper bound on one signature's size, used to size-limit certificates before verifying them.
   */
  int maxSignatureBytes();

  /** A signer for a 32-byte secret seed. */
  Signer signer(byte[] seed);

  boolean verify(Bytes publicKey, byte[] message, Bytes signature);

  /** Combines signatures, given in signer order, into the bytes a certificate carries. */
  Bytes aggregate(List<Bytes> signatures);

  /**
   * True when, for every i, publicKeys[i] signed messages[i], as combined by {@link #aggregate}.
   */
  boolean verifyAggregate(List<Bytes> publicKeys, List<byte[]> messages, Bytes aggregate);
}
