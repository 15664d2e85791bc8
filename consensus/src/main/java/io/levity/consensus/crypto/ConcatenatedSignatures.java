package io.levity.consensus.crypto;

import io.levity.core.bytes.Bytes;
import java.util.List;

/**
 * Aggregation by concatenation of fixed-size signatures, for schemes without native aggregation.
 */
public abstract class ConcatenatedSignatures implements SignatureScheme {
  private final int size;

  protected ConcatenatedSignatures(int signatureSize) {
    this.size = signatureSize;
  }

  @Override
  public int maxSignatureBytes() {
    return size;
  }

  @Override
  public Bytes aggregate(List<Bytes> signatures) {
    byte[] out = new byte[size * signatures.size()];
    for (int i = 0; i < signatures.size(); i++) {
      Bytes s = signatures.get(i);
      if (s.size() != size)
        throw new IllegalArgumentException(
            "signature " + i + " is " + s.size() + " bytes, not " + size);
      System.arraycopy(s.unsafeArray(), 0, out, i * size, size);
    }
    return Bytes.wrap(out);
  }

  @Override
  public boolean verifyAggregate(List<Bytes> publicKeys, List<byte[]> messages, Bytes aggregate) {
    int n = publicKeys.size();
    if (messages.size() != n || aggregate.size() != (long) n * size) return false;
    for (int i = 0; i < n; i++) {
      if (!verify(publicKeys.get(i), messages.get(i), aggregate.slice(i * size, size)))
        return false;
    }
    return true;
  }
}
