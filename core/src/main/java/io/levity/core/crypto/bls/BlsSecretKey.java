package io.levity.core.crypto.bls;

import java.math.BigInteger;

/**
 * A BLS secret key: a scalar in [1, r) where r is the order of BN254's groups.
 *
 * @param scalar the key, 1 <= scalar < r
 */
public record BlsSecretKey(BigInteger scalar) {
  // TODO(bls helper): validate the range; toString must not print the scalar.
}
