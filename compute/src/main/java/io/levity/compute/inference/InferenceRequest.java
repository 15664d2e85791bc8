package io.levity.compute.inference;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.sdk.abi.AbiValues;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * What a user signs for each request (EIP-712 type Request): the provider it is for, the hash of
 * the request body, the most it will pay, its nonce with that provider (consecutive from 1) and the
 * last time (unix seconds) the provider may settle it.
 */
public record InferenceRequest(
    Address user,
    Address provider,
    Bytes32 requestHash,
    BigInteger maxFee,
    long nonce,
    long deadline) {
  public InferenceRequest {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(requestHash, "requestHash");
    if (maxFee.signum() < 0) throw new IllegalArgumentException("negative maxFee");
    if (nonce <= 0) throw new IllegalArgumentException("nonces start at 1, got " + nonce);
    if (deadline < 0) throw new IllegalArgumentException("negative deadline");
  }

  /** The Request tuple. */
  public List<Object> abiValue() {
    return List.of(
        user,
        provider,
        requestHash,
        maxFee,
        BigInteger.valueOf(nonce),
        BigInteger.valueOf(deadline));
  }

  static InferenceRequest fromAbi(AbiValues t) {
    return new InferenceRequest(
        t.address(0),
        t.address(1),
        t.bytes32(2),
        t.bigInteger(3),
        t.bigInteger(4).longValueExact(),
        t.bigInteger(5).longValueExact());
  }
}
