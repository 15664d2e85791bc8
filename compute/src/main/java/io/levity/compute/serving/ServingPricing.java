package io.levity.compute.serving;

import java.math.BigInteger;

/** The provider's prices in wei per input and per output token: fee = in * pIn + out * pOut. */
public record ServingPricing(BigInteger weiPerInputToken, BigInteger weiPerOutputToken) {
  public ServingPricing {
    if (weiPerInputToken.signum() < 0 || weiPerOutputToken.signum() < 0)
      throw new IllegalArgumentException("prices must not be negative");
  }

  /** The fee of an answer that read {@code in} tokens and wrote {@code out}. */
  public BigInteger fee(long in, long out) {
    return weiPerInputToken
        .multiply(BigInteger.valueOf(in))
        .add(weiPerOutputToken.multiply(BigInteger.valueOf(out)));
  }
}
