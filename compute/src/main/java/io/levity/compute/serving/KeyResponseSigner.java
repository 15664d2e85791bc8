package io.levity.compute.serving;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import java.util.function.Function;

/**
 * Signs responses with the provider's secp256k1 key over a digest function port: the inference
 * contract's EIP-712 Response digest fills it.
 */
public final class KeyResponseSigner implements ResponseSigner {
  private final Secp256k1.KeyPair key;
  private final Function<ServingResponseTerms, Bytes32> digest;

  public KeyResponseSigner(Secp256k1.KeyPair key, Function<ServingResponseTerms, Bytes32> digest) {
    this.key = key;
    this.digest = digest;
  }

  @Override
  public Address provider() {
    return key.address();
  }

  @Override
  public byte[] sign(ServingResponseTerms terms) {
    byte[] sig = key.sign(digest.apply(terms).unsafeArray()).toBytes65();
    sig[64] = (byte) (sig[64] + 27);
    return sig;
  }
}
