package io.levity.core.crypto.bls;

import io.levity.core.crypto.bn254.G1Point;
import java.math.BigInteger;

/**
 * A BLS secret key: a scalar in [1, r) where r is the order of BN254's groups.
 *
 * @param scalar the key, 1 <= scalar < r
 */
public record BlsSecretKey(BigInteger scalar) {
  public BlsSecretKey {
    if (scalar == null) throw new IllegalArgumentException("BLS secret scalar is null");
    if (scalar.signum() <= 0 || scalar.compareTo(G1Point.ORDER) >= 0) {
      throw new IllegalArgumentException("BLS secret scalar must be in [1, r), r = BN254's order");
    }
  }

  /** Never prints the scalar (keys end up in logs through their holders' toString). */
  @Override
  public String toString() {
    return "BlsSecretKey[redacted]";
  }
}
