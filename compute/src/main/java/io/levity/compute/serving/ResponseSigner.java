package io.levity.compute.serving;

import io.levity.core.bytes.Address;

/** Signs the provider's side of every answer. */
public interface ResponseSigner {
  /** The provider's address: what every response signature recovers to. */
  Address provider();

  /** The 65-byte signature (r || s || v, v 27 or 28) over the digest of {@code terms}. */
  byte[] sign(ServingResponseTerms terms);
}
