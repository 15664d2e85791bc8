package io.levity.compute.provider;

import io.levity.compute.inference.InferenceRequest;
import io.levity.compute.inference.InferenceTypedData;
import io.levity.compute.serving.ServingRequestTerms;
import io.levity.core.bytes.Bytes32;
import java.util.function.Function;

/**
 * The request digest the serving gate checks user signatures against: the inference market's
 * EIP-712 Request digest in {@code domain} (its chain id and address). Terms the contract could not
 * settle (nonce 0, a negative fee) throw IllegalArgumentException, which the gate answers with 401.
 */
public record MarketRequestDigest(InferenceTypedData.Domain domain)
    implements Function<ServingRequestTerms, Bytes32> {
  @Override
  public Bytes32 apply(ServingRequestTerms t) {
    return InferenceTypedData.requestDigest(domain, request(t));
  }

  /** The market's Request for these serving terms. */
  public static InferenceRequest request(ServingRequestTerms t) {
    return new InferenceRequest(
        t.user(), t.provider(), t.requestHash(), t.maxFee(), t.nonce(), t.deadline());
  }
}
